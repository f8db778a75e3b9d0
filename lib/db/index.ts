import 'server-only';
import { createPrismaClient, type Db } from './client';

export * from './client';
export { sqlInstant } from './instant';

const globalForDb = globalThis as unknown as { followthroughDb?: Db };

/**
 * The app's one Prisma client: one pool per process, kept across hot reloads.
 * `npm start` and the test setups always provide DATABASE_URL.
 */
export const db: Db = (globalForDb.followthroughDb ??= createPrismaClient(process.env.DATABASE_URL ?? ''));
