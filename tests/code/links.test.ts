import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('links', () => {
  it('go through components/link.tsx (no prefetching), never next/link directly', async () => {
    const files = [...(await sourceFiles('app')), ...(await sourceFiles('components'))];
    expect(files.length).toBeGreaterThan(30);
    const direct: string[] = [];
    for (const file of files) {
      if (file === path.join('components', 'link.tsx')) continue;
      if (/from ['"]next\/link['"]/.test(await fs.readFile(path.join(root, file), 'utf8'))) direct.push(file);
    }
    expect(direct).toEqual([]);
  });
});
