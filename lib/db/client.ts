import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

export { Prisma } from '@/lib/generated/prisma/client';
export type * from '@/lib/generated/prisma/client';

/** A Prisma client on the pg driver adapter (Rust-free: nothing native to download). */
export function createPrismaClient(databaseUrl: string, poolSize = 10) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }),
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** What a function that takes part in a caller's transaction receives. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
