import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/migration-adapter';

// Prisma 6.19 with the Rust-free client and the WebAssembly schema engine:
// nothing is downloaded, so migrations work offline (docs/decisions/0001).
// `prisma generate` never connects, but with DATABASE_URL unset Prisma 6.19
// cannot resolve the datasource and falls back to downloading a native query
// engine (which fails offline). A placeholder keeps it on the Rust-free path;
// commands that connect get the real URL from `npm run prisma -- ...`.
process.env.DATABASE_URL ||= 'postgresql://localhost:5432/database-url-not-set';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return migrationAdapter(process.env.DATABASE_URL!);
  },
});
