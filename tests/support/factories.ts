import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { type Actor, toActor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function createAgency(name = `Agency ${randomUUID().slice(0, 8)}`, isBoard = false) {
  return db.agency.create({ data: { name, shortName: name, isBoard } });
}

/** A user in the database, returned as the Actor that domain functions take. */
export async function createUser(role: Role, agencyId: string, overrides: { email?: string; active?: boolean } = {}): Promise<Actor> {
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}-${randomUUID()}@example.test`,
      name: `Test ${role.toLowerCase()}`,
      role,
      agencyId,
      active: overrides.active ?? true,
      passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
    },
    include: { agency: true },
  });
  return toActor(user);
}

/** An existing user (the demo seed's, say) as the Actor domain functions take. */
export async function actorByEmail(email: string): Promise<Actor> {
  return toActor(await db.user.findUniqueOrThrow({ where: { email }, include: { agency: true } }));
}

/**
 * The people most tests need: an owner of one agency, an owner of another,
 * and a board with two reviewers, an admin and a viewer.
 */
export async function createCast() {
  const ownAgencyId = (await createAgency()).id;
  const otherAgencyId = (await createAgency()).id;
  const boardId = (await createAgency(undefined, true)).id;
  return {
    ownAgencyId,
    otherAgencyId,
    boardId,
    owner: await createUser('OWNER', ownAgencyId),
    otherOwner: await createUser('OWNER', otherAgencyId),
    reviewer: await createUser('REVIEWER', boardId),
    secondReviewer: await createUser('REVIEWER', boardId),
    admin: await createUser('ADMIN', boardId),
    viewer: await createUser('VIEWER', boardId),
  };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}
