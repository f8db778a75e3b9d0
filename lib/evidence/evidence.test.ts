import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as downloadFile } from '@/app/evidence/[evidenceId]/file/route';
import { getCurrentUser } from '@/lib/auth/session';
import { describeEvent } from '@/lib/audit/describe-event';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { createCast, refusal } from '@/tests/support/factories';
import { createEvidence, createRecommendation, sampleFiles, snapshot } from '@/tests/support/evidence-factories';
import { assessEvidence } from './assess-evidence';
import { assessEvidenceSchema } from './assess-evidence.schema';
import { MAX_FILE_BYTES } from './file-type';
import { getEvidenceFile } from './get-evidence-file';
import { submitEvidence } from './submit-evidence';
import { submitEvidenceFormDataSchema, submitEvidenceSchema, submitEvidenceToFormData } from './submit-evidence.schema';

// The download route reads the session; here the test decides who is signed in.
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

let ownAgencyId: string;
let otherAgencyId: string;
let owner: Actor;
let otherOwner: Actor;
let reviewer: Actor;
let secondReviewer: Actor;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ ownAgencyId, otherAgencyId, owner, otherOwner, reviewer, secondReviewer, admin, viewer } = await createCast());
});

function upload(bytes: Uint8Array, name: string) {
  return new File([bytes as Uint8Array<ArrayBuffer>], name);
}

/** What the Server Action does: FormData in, parsed by the form's own schema. */
function parseForm(values: Record<string, unknown>) {
  return submitEvidenceFormDataSchema.safeParse(submitEvidenceToFormData(values));
}

function fieldMessages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

describe('submitEvidence', () => {
  it('stores an uploaded file checked by content, with its hash, size, type and a safe name, and records the event', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const bytes = sampleFiles.pdf();
    const parsed = parseForm({
      actionId: recommendation.actionId,
      title: 'Multi-agency CSE strategy',
      description: 'Agreed by the board in September',
      kind: 'POLICY',
      file: upload(bytes, 'CSE strategy "final".pdf'),
    });
    expect(parsed.success).toBe(true);
    const { evidenceId } = await submitEvidence(owner, parsed.data!);

    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: { file: true } });
    expect(evidence).toMatchObject({
      title: 'Multi-agency CSE strategy',
      description: 'Agreed by the board in September',
      kind: 'POLICY',
      url: null,
      submittedById: owner.id,
      assessment: 'PENDING',
      version: 1,
    });
    expect(evidence.file).toMatchObject({
      fileName: 'CSE strategy _final.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(Buffer.from(evidence.file!.content).equals(Buffer.from(bytes))).toBe(true);

    const event = await db.historyEvent.findFirstOrThrow({ where: { subjectId: evidenceId } });
    expect(event).toMatchObject({
      kind: 'evidence.submitted',
      subjectType: 'evidence',
      subjectVersion: 1,
      actorId: owner.id,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
      before: null,
      note: 'Agreed by the board in September',
    });
    expect(event.after).toMatchObject({ actionId: recommendation.actionId, title: 'Multi-agency CSE strategy', kind: 'POLICY', fileName: 'CSE strategy _final.pdf' });
    expect(evidence).toMatchObject({ actionId: recommendation.actionId, recommendationId: recommendation.id });
    expect(describeEvent({ ...event, actorName: owner.name })).toBe(`${owner.name} submitted evidence "Multi-agency CSE strategy" (Policy)`);

    // An update of substance: the action's stall clock restarts (and the recommendation's, rolled up); neither version moves.
    const action = await db.action.findUniqueOrThrow({ where: { id: recommendation.actionId } });
    expect(action.lastProgressAt.getTime()).toBeGreaterThan(recommendation.lastProgressAt.getTime());
    expect(action.version).toBe(1);
    const after = await db.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } });
    expect(after.lastProgressAt).toEqual(action.lastProgressAt);
    expect(after.version).toBe(recommendation.version);
  });

  it('accepts a link instead of a file', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const parsed = parseForm({
      actionId: recommendation.actionId,
      title: 'Attendance figures',
      kind: 'TRAINING_RECORD',
      url: 'https://intranet.example.test/attendance',
    });
    const { evidenceId } = await submitEvidence(owner, parsed.data!);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: { file: true } });
    expect(evidence).toMatchObject({ url: 'https://intranet.example.test/attendance', description: '', file: null });
  });

  it('stores a file by its detected type: a PNG named .pdf is stored and served as a PNG', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const { evidenceId } = await submitEvidence(reviewer, {
      actionId: recommendation.actionId,
      title: 'Chart',
      description: '',
      kind: 'DATA',
      file: upload(sampleFiles.png(), 'chart.pdf'),
    });
    const file = await getEvidenceFile(viewer, evidenceId);
    expect(file).toMatchObject({ fileName: 'chart.png', mediaType: 'image/png' });
  });

  it.each([
    ['a program renamed .pdf', sampleFiles.exe(), 'strategy.pdf'],
    ['a web page renamed .pdf', sampleFiles.html(), 'strategy.pdf'],
    ['a web page', sampleFiles.html(), 'strategy.html'],
    ['a ZIP archive renamed .docx', sampleFiles.plainZip(), 'strategy.docx'],
  ])('refuses %s, on the file field, and writes nothing', async (_what, bytes, name) => {
    const recommendation = await createRecommendation(ownAgencyId);
    const before = await snapshot();
    const parsed = parseForm({ actionId: recommendation.actionId, title: 'Strategy', kind: 'POLICY', file: upload(bytes, name) });
    expect(parsed.success).toBe(true);
    const error = await refusal(submitEvidence(owner, parsed.data!));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'file' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over 10 MB, in the schema (browser and server) and in the use case, and writes nothing', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(sampleFiles.pdf());
    const values = { actionId: recommendation.actionId, title: 'Big', kind: 'DATA', file: upload(big, 'big.pdf') };
    expect(fieldMessages(parseForm(values))).toEqual({ file: 'The file must be 10 MB or smaller' });

    const before = await snapshot();
    const error = await refusal(submitEvidence(owner, { ...values, kind: 'DATA', description: '', url: undefined }));
    expect(error).toMatchObject({ name: 'RuleError', field: 'file', message: 'The file must be 10 MB or smaller' });
    expect(await snapshot()).toEqual(before);

    const atLimit = new Uint8Array(MAX_FILE_BYTES);
    atLimit.set(sampleFiles.pdf());
    const parsed = parseForm({ ...values, file: upload(atLimit, 'limit.pdf') });
    expect(parsed.success).toBe(true);
    await expect(submitEvidence(owner, parsed.data!)).resolves.toMatchObject({ evidenceId: expect.any(String) });
  });

  it('needs exactly one of a link or a file, with a message on both fields, alongside every other problem', async () => {
    const neither = parseForm({ actionId: 'r', title: '', kind: undefined });
    expect(fieldMessages(neither)).toEqual({
      title: 'Enter a title',
      kind: 'Choose the kind of evidence',
      url: 'Give a link to the evidence or choose a file to upload',
      file: 'Give a link to the evidence or choose a file to upload',
    });
    const both = parseForm({
      actionId: 'r',
      title: 'T',
      kind: 'DATA',
      url: 'https://example.test/a',
      file: upload(sampleFiles.csv(), 'a.csv'),
    });
    expect(fieldMessages(both)).toEqual({ url: 'Give a link or a file, not both', file: 'Give a link or a file, not both' });
    // The same schema in the browser, on react-hook-form's values (a blank link is no link).
    expect(submitEvidenceSchema.safeParse({ actionId: 'r', title: 'T', kind: 'DATA', url: '  ' }).success).toBe(false);

    // And the use case holds the rule even if called without the schema.
    const recommendation = await createRecommendation(ownAgencyId);
    const before = await snapshot();
    const error = await refusal(
      submitEvidence(owner, { actionId: recommendation.actionId, title: 'T', description: '', kind: 'DATA', url: undefined }),
    );
    expect(error).toBeInstanceOf(RuleError);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts only http(s) links', () => {
    for (const url of ['javascript:alert(1)', 'ftp://example.test/a', 'file:///etc/passwd', 'not a link']) {
      expect(fieldMessages(parseForm({ actionId: 'r', title: 'T', kind: 'DATA', url }))).toEqual({
        url: 'Enter a full web address starting with https://',
      });
    }
  });

  it("forbids an owner from another agency and a viewer, and writes nothing; the owner's agency, reviewers and admins may", async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const input = { actionId: recommendation.actionId, title: 'T', description: '', kind: 'DATA' as const, url: 'https://example.test/a' };
    const before = await snapshot();
    expect(await refusal(submitEvidence(otherOwner, input))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(submitEvidence(viewer, input))).toBeInstanceOf(ForbiddenError);
    // A forbidden upload is refused before its content is even looked at.
    expect(await refusal(submitEvidence(otherOwner, { ...input, url: undefined, file: upload(sampleFiles.exe(), 'x.pdf') }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await snapshot()).toEqual(before);
    for (const actor of [owner, reviewer, admin]) await expect(submitEvidence(actor, input)).resolves.toBeTruthy();
    expect(await db.evidence.count({ where: { recommendationId: recommendation.id } })).toBe(3);
  });

  it('refuses evidence for an unknown action, an archived action, or an action of an archived recommendation', async () => {
    const archived = await createRecommendation(ownAgencyId, { archived: true });
    const live = await createRecommendation(ownAgencyId);
    await db.action.update({ where: { id: live.actionId }, data: { archivedAt: new Date() } });
    const input = { title: 'T', description: '', kind: 'DATA' as const, url: 'https://example.test/a' };
    const before = await snapshot();
    for (const actionId of [archived.actionId, live.actionId, 'no-such-id', live.id]) {
      expect(await refusal(submitEvidence(reviewer, { ...input, actionId }))).toBeInstanceOf(NotFoundError);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("is for the action's agency: an owner of another agency's action in the same recommendation may not, and writes nothing", async () => {
    // R1 led by the owner's agency (its first action), with a second action for the other agency.
    const recommendation = await createRecommendation(ownAgencyId);
    const theirs = await db.action.create({
      data: {
        recommendationId: recommendation.id,
        reference: '2',
        ownerAgencyId: otherAgencyId,
        dueDate: recommendation.dueDate,
        originalDueDate: recommendation.dueDate,
      },
    });
    const input = (actionId: string) => ({ actionId, title: 'T', description: '', kind: 'DATA' as const, url: 'https://example.test/a' });
    const before = await snapshot();
    expect(await refusal(submitEvidence(owner, input(theirs.id)))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(submitEvidence(otherOwner, input(recommendation.actionId)))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
    const { evidenceId } = await submitEvidence(otherOwner, input(theirs.id));
    expect(await db.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).toMatchObject({ actionId: theirs.id, recommendationId: recommendation.id });
  });
});

describe('assessEvidence', () => {
  async function pendingEvidence(submitter: Actor = owner) {
    const recommendation = await createRecommendation(ownAgencyId);
    return createEvidence(recommendation.id, submitter.id);
  }

  it('records the assessment, the assessor and the comment, bumps the version and writes the event in the same transaction', async () => {
    const evidence = await pendingEvidence();
    const input = assessEvidenceSchema.parse({ evidenceId: evidence.id, version: '1', assessment: 'ACCEPTED', comment: 'Matches the register' });
    await expect(assessEvidence(reviewer, input)).resolves.toEqual({ version: 2 });

    const row = await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ assessment: 'ACCEPTED', assessedById: reviewer.id, assessmentComment: 'Matches the register', version: 2 });
    expect(row.assessedAt).toBeInstanceOf(Date);
    const event = await db.historyEvent.findFirstOrThrow({ where: { subjectId: evidence.id, kind: 'evidence.assessed' } });
    expect(event).toMatchObject({
      actorId: reviewer.id,
      subjectType: 'evidence',
      subjectVersion: 2,
      before: { assessment: 'PENDING', title: evidence.title },
      after: { assessment: 'ACCEPTED', title: evidence.title },
      note: 'Matches the register',
      recommendationId: evidence.recommendationId,
      reviewId: expect.any(String),
    });
  });

  it('needs a comment when the evidence is insufficient (optional when accepted)', async () => {
    expect(assessEvidenceSchema.safeParse({ evidenceId: 'e', version: 1, assessment: 'INSUFFICIENT', comment: '  ' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['comment'], message: 'Say why the evidence is insufficient and what would be enough' }),
    ]);
    expect(assessEvidenceSchema.safeParse({ evidenceId: 'e', version: 1, assessment: 'ACCEPTED' }).success).toBe(true);
    expect(assessEvidenceSchema.safeParse({ evidenceId: 'e', version: 1, assessment: 'PENDING' }).success).toBe(false);

    const evidence = await pendingEvidence();
    await assessEvidence(admin, { evidenceId: evidence.id, version: 1, assessment: 'INSUFFICIENT', comment: 'Covers only one team' });
    expect(await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({
      assessment: 'INSUFFICIENT',
      assessmentComment: 'Covers only one team',
    });
  });

  it('refuses self-assessment: a reviewer cannot assess evidence they submitted, and nothing changes', async () => {
    const evidence = await pendingEvidence(reviewer);
    const before = await snapshot();
    const error = await refusal(assessEvidence(reviewer, { evidenceId: evidence.id, version: 1, assessment: 'ACCEPTED', comment: '' }));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'assessment', message: 'You submitted this evidence, so someone else must assess it' });
    expect(await snapshot()).toEqual(before);
    await expect(assessEvidence(secondReviewer, { evidenceId: evidence.id, version: 1, assessment: 'ACCEPTED', comment: '' })).resolves.toEqual({
      version: 2,
    });
  });

  it('is for reviewers and admins only: owners (even of the agency) and viewers are forbidden, and nothing changes', async () => {
    const evidence = await pendingEvidence(reviewer);
    const before = await snapshot();
    for (const actor of [owner, otherOwner, viewer]) {
      expect(await refusal(assessEvidence(actor, { evidenceId: evidence.id, version: 1, assessment: 'ACCEPTED', comment: '' }))).toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale version with who changed what, and changes nothing', async () => {
    const evidence = await pendingEvidence();
    await assessEvidence(reviewer, { evidenceId: evidence.id, version: 1, assessment: 'INSUFFICIENT', comment: 'Not dated' });
    const before = await snapshot();
    const error = await refusal(assessEvidence(secondReviewer, { evidenceId: evidence.id, version: 1, assessment: 'ACCEPTED', comment: '' }));
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect(conflict.currentVersion).toBe(2);
    expect(conflict.changes).toEqual([
      expect.objectContaining({ actorName: reviewer.name, description: `${reviewer.name} assessed evidence "${evidence.title}" as Insufficient` }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('assesses each piece once: already-assessed evidence is refused even on its current version', async () => {
    const evidence = await pendingEvidence();
    await assessEvidence(reviewer, { evidenceId: evidence.id, version: 1, assessment: 'ACCEPTED', comment: '' });
    const before = await snapshot();
    const error = await refusal(assessEvidence(secondReviewer, { evidenceId: evidence.id, version: 2, assessment: 'INSUFFICIENT', comment: 'x' }));
    expect(error).toMatchObject({ name: 'RuleError', message: 'This evidence has already been assessed' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses unknown and archived evidence', async () => {
    const evidence = await pendingEvidence();
    await db.evidence.update({ where: { id: evidence.id }, data: { archivedAt: new Date() } });
    for (const evidenceId of [evidence.id, 'no-such-id']) {
      expect(await refusal(assessEvidence(reviewer, { evidenceId, version: 1, assessment: 'ACCEPTED', comment: '' }))).toBeInstanceOf(NotFoundError);
    }
  });
});

describe('getEvidenceFile', () => {
  it('returns the bytes, safe name and media type to anyone who may read; not found for archived evidence or a link', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const bytes = sampleFiles.csv();
    const { evidenceId } = await submitEvidence(owner, {
      actionId: recommendation.actionId,
      title: 'Figures',
      description: '',
      kind: 'DATA',
      file: upload(bytes, 'figures.csv'),
    });
    for (const actor of [viewer, otherOwner, reviewer]) {
      const file = await getEvidenceFile(actor, evidenceId);
      expect(file).toMatchObject({ fileName: 'figures.csv', mediaType: 'text/csv; charset=utf-8', size: bytes.length });
      expect(Buffer.from(file.content).toString()).toBe(Buffer.from(bytes).toString());
    }

    const link = await createEvidence(recommendation.id, owner.id);
    expect(await refusal(getEvidenceFile(viewer, link.id))).toBeInstanceOf(NotFoundError);
    await db.evidence.update({ where: { id: evidenceId }, data: { archivedAt: new Date() } });
    expect(await refusal(getEvidenceFile(viewer, evidenceId))).toBeInstanceOf(NotFoundError);
  });
});

describe('GET /evidence/[evidenceId]/file', () => {
  const get = (evidenceId: string) => downloadFile(new Request(`http://localhost/evidence/${evidenceId}/file`), { params: Promise.resolve({ evidenceId }) });

  it('downloads the file as an attachment with a safe name, its detected type, nosniff and no caching', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const bytes = sampleFiles.docx();
    const { evidenceId } = await submitEvidence(owner, {
      actionId: recommendation.actionId,
      title: 'Strategy',
      description: '',
      kind: 'POLICY',
      file: upload(bytes, 'Stratégie <final>.docx'),
    });
    vi.mocked(getCurrentUser).mockResolvedValue(viewer);
    const response = await get(evidenceId);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="Strategie _final.docx"; filename*=UTF-8''Strat%C3%A9gie%20_final.docx`,
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is 401 when not signed in and 404 for an unknown or archived file', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const { evidenceId } = await submitEvidence(owner, {
      actionId: recommendation.actionId,
      title: 'Notes',
      description: '',
      kind: 'MINUTES',
      file: upload(sampleFiles.text(), 'notes.txt'),
    });
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    expect((await get(evidenceId)).status).toBe(401);

    vi.mocked(getCurrentUser).mockResolvedValue(reviewer);
    expect((await get('no-such-id')).status).toBe(404);
    await db.recommendation.update({ where: { id: recommendation.id }, data: { archivedAt: new Date() } });
    const archived = await get(evidenceId);
    expect(archived.status).toBe(404);
    expect(archived.headers.get('cache-control')).toBe('private, no-store');
  });
});
