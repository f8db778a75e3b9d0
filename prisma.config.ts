import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/migration-adapter';

// Prisma 6.19 with the Rust-free client and the WebAssembly schema engine:
// nothing is downloaded, so migrations work offline (docs/decisions/0001).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set (npm run db:migrate sets it for the embedded database).');
    return migrationAdapter(url);
  },
});
