import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { createCast, refusal } from '@/tests/support/factories';
import { createRecommendation, snapshot } from '@/tests/support/evidence-factories';
import { addComment } from './add-comment';
import { addCommentSchema } from './comment.schema';

let ownAgencyId: string;
let owner: Actor;
let otherOwner: Actor;
let reviewer: Actor;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ ownAgencyId, owner, otherOwner, reviewer, admin, viewer } = await createCast());
});

describe('addComment', () => {
  it('stores the comment and records comment.added (subject: the comment, no note, the SHA-256 of its text) in the same transaction', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const input = addCommentSchema.parse({ recommendationId: recommendation.id, body: '  Can the training figures be split by team?  ' });
    const { commentId } = await addComment(reviewer, input);

    const comment = await db.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(comment).toMatchObject({ recommendationId: recommendation.id, authorId: reviewer.id, body: 'Can the training figures be split by team?' });
    const event = await db.historyEvent.findFirstOrThrow({ where: { subjectId: commentId } });
    expect(event).toMatchObject({
      kind: 'comment.added',
      subjectType: 'comment',
      subjectVersion: null,
      actorId: reviewer.id,
      note: null,
      before: null,
      // The text stays in its table; its hash puts it under the chain.
      after: { bodySha256: createHash('sha256').update('Can the training figures be split by team?').digest('hex') },
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    // A comment is not progress: neither the stall clock nor the version moves.
    const after = await db.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } });
    expect(after.lastProgressAt).toEqual(recommendation.lastProgressAt);
    expect(after.version).toBe(recommendation.version);
  });

  it('needs a body', () => {
    expect(addCommentSchema.safeParse({ recommendationId: 'r', body: '   ' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['body'], message: 'Enter your comment' }),
    ]);
  });

  it("allows the owner's agency, reviewers and admins; forbids another agency's owner and viewers, writing nothing", async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const input = { recommendationId: recommendation.id, body: 'A comment' };
    const before = await snapshot();
    for (const actor of [otherOwner, viewer]) expect(await refusal(addComment(actor, input))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
    for (const actor of [owner, reviewer, admin]) await expect(addComment(actor, input)).resolves.toBeTruthy();
    expect(await db.comment.count({ where: { recommendationId: recommendation.id } })).toBe(3);
  });

  it('refuses unknown and archived recommendations', async () => {
    const archived = await createRecommendation(ownAgencyId, { archived: true });
    for (const recommendationId of [archived.id, 'no-such-id']) {
      expect(await refusal(addComment(reviewer, { recommendationId, body: 'x' }))).toBeInstanceOf(NotFoundError);
    }
  });
});
