// Each page route's first-load JavaScript, from the build's own manifests:
// the framework's root scripts (build-manifest.json `rootMainFiles`) plus
// every script the route's layouts and page load on first render (the
// route's client reference manifest, `entryJSFiles`), each counted once,
// gzip-compressed as a server would send it. Polyfills are left out: they
// load only in browsers without ES modules (`nomodule`).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export type RouteBundle = { route: string; files: number; rawKb: number; gzipKb: number };

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The files a client reference manifest (a small JS file assigning globalThis.__RSC_MANIFEST) lists for the route. */
async function entryFiles(manifestFile: string): Promise<string[]> {
  const sandbox = { globalThis: {} as Record<string, unknown> };
  (sandbox.globalThis as Record<string, unknown>).__RSC_MANIFEST = {};
  vm.runInNewContext(await fs.readFile(manifestFile, 'utf8'), sandbox);
  const manifests = Object.values((sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>);
  return manifests.flatMap((manifest) => Object.values(manifest.entryJSFiles ?? {}).flat());
}

/** First-load JS per page route of the build in `distDir`, largest first. */
export async function firstLoadJs(distDir: string): Promise<RouteBundle[]> {
  const routes = JSON.parse(await fs.readFile(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  const buildManifest = JSON.parse(await fs.readFile(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = async (file: string) => {
    const relative = file.replace(/^\/?_next\//, '');
    let size = sizes.get(relative);
    if (!size) {
      const bytes = await fs.readFile(path.join(distDir, relative));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizes.set(relative, size);
    }
    return size;
  };
  const result: RouteBundle[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith('/page') || route.startsWith('/_')) continue;
    const manifestFile = path.join(distDir, 'server/app', `${entry}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const files = new Set<string>([...(buildManifest.rootMainFiles ?? []), ...(await entryFiles(manifestFile))].map((f) => f.replace(/^\/?_next\//, '')));
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      if (!file.endsWith('.js')) continue;
      const size = await sizeOf(file);
      raw += size.raw;
      gzip += size.gzip;
    }
    result.push({ route, files: files.size, rawKb: kb(raw), gzipKb: kb(gzip) });
  }
  return result.sort((a, b) => b.gzipKb - a.gzipKb || a.route.localeCompare(b.route));
}

/** The scripts a served page's HTML loads (for a cross-check against the manifests). */
export function scriptsInHtml(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0])).map((m) => m[1]!);
}
