import 'server-only';
import { RuleError } from '@/lib/errors';
import { Prisma } from './client';

/**
 * The fallback for two saves racing past a "that name is taken" check: the
 * unique index refuses the second, and the user gets the same field message
 * instead of an error page.
 */
export async function refusingDuplicate<T>(write: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new RuleError(message, field);
    throw error;
  }
}
