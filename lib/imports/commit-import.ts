import 'server-only';
import type { z } from 'zod';
import { insertAction } from '@/lib/actions/create-action';
import { refreshRecommendation } from '@/lib/actions/refresh-recommendation';
import { recordEvent } from '@/lib/audit/record-event';
import type { Actor } from '@/lib/auth/session-user';
import { storedDate } from '@/lib/days';
import { db, type Tx } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { plural } from '@/lib/labels';
import { findingValues } from '@/lib/recommendations/recommendation-links';
import { byReference } from '@/lib/reviews/reference-order';
import type { commitImportSchema } from './import.schema';
import type { PlannedRow } from './plan-import';
import { assertCanImport, planFor } from './read-import';
import { ALREADY_IMPORTED } from './update-import';

export const CHANGED_SINCE_PREVIEW = 'The review or the import’s settings changed after the preview was shown: check the preview again, then import.';

type Source = { fileName: string; sha256: string; sheet: string };

/**
 * Writes the plan for an upload, all or nothing, in one transaction: the plan
 * is computed again against the review as it is at that moment (locked) and
 * must be the one the preview showed. Rows with problems are written only
 * when the user chose to leave them out. Every change has its history event,
 * naming the file and row; the import as a whole, one more.
 */
export async function commitPlanImport(actor: Actor, input: z.output<typeof commitImportSchema>) {
  assertCanImport(actor);
  return db.$transaction(
    async (tx) => {
      // One commit of an upload at a time, and one import into a review at a time.
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PlanImport" WHERE id = ${input.importId} FOR UPDATE`;
      const record = locked ? await tx.planImport.findUnique({ where: { id: locked.id } }) : null;
      if (!record) throw new NotFoundError('import');
      if (record.committedAt) throw new RuleError(ALREADY_IMPORTED);
      const [review] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Review" WHERE id = ${record.reviewId} AND "archivedAt" IS NULL FOR UPDATE`;
      if (!review) throw new NotFoundError('review');
      if (record.version !== input.version) throw new RuleError(CHANGED_SINCE_PREVIEW);
      // Its recommendations too, as every write to an action does first (find-action.ts): nobody changes them while the plan is written.
      await tx.$queryRaw`SELECT id FROM "Recommendation" WHERE "reviewId" = ${record.reviewId} ORDER BY id FOR UPDATE`;

      const now = new Date();
      const { file, plan, fingerprint } = await planFor(tx, record, now);
      if (fingerprint !== input.fingerprint) throw new RuleError(CHANGED_SINCE_PREVIEW);
      const leftOut = plan.rows.filter((row) => row.problems.length);
      if (leftOut.length && !input.leaveOutProblemRows) {
        throw new RuleError(
          `${plural(leftOut.length, 'row')} ${leftOut.length === 1 ? 'has' : 'have'} problems: put them right in the file and upload it again, or choose to leave them out`,
          'leaveOutProblemRows',
        );
      }
      const source: Source = { fileName: record.fileName, sha256: record.sha256, sheet: file.sheet.name };
      const toWrite = plan.rows.filter((row) => !row.problems.length && row.outcome !== 'unchanged');
      const created = new Map<string, string>(); // recommendation reference -> id, for the later rows of a new one
      const touched = new Set<string>();
      let recommendationsCreated = 0;
      for (const row of toWrite) {
        const recommendationId = await writeRecommendation(tx, actor, record.reviewId, row, source, created, () => recommendationsCreated++);
        await writeAction(tx, actor, { id: recommendationId, reviewId: record.reviewId }, row, source, now);
        touched.add(recommendationId);
      }
      for (const id of touched) await refreshRecommendation(tx, id, now);
      const counts = {
        recommendationsCreated,
        actionsCreated: toWrite.filter((row) => row.outcome === 'create').length,
        actionsUpdated: toWrite.filter((row) => row.outcome === 'update').length,
        unchanged: plan.rows.filter((row) => !row.problems.length && row.outcome === 'unchanged').length,
        rowsLeftOut: leftOut.map((row) => row.row),
      };
      // An import that changes nothing (the same file again) writes no history.
      if (toWrite.length) {
        await recordEvent(tx, {
          actorId: actor.id,
          kind: 'review.plan_imported',
          subjectId: record.reviewId,
          after: { ...source, rows: plan.counts.rows, recommendationsCreated, actionsCreated: counts.actionsCreated, actionsUpdated: counts.actionsUpdated, rowsLeftOut: counts.rowsLeftOut },
          reviewId: record.reviewId,
        });
      }
      await tx.planImport.update({ where: { id: record.id }, data: { committedAt: now, version: { increment: 1 } } });
      return { reviewId: record.reviewId, ...counts };
    },
    // A large plan (thousands of rows) is written in this one transaction.
    { timeout: 120_000, maxWait: 10_000 },
  );
}

const noteFor = (source: Source, row: number) => `Imported from “${source.fileName}” (${source.sheet}, row ${row})`;

/** The row's recommendation: created by the first row of a new one, edited when the file changes it. */
async function writeRecommendation(
  tx: Tx,
  actor: Actor,
  reviewId: string,
  row: PlannedRow,
  source: Source,
  created: Map<string, string>,
  countCreated: () => void,
): Promise<string> {
  const write = row.recommendation;
  const note = noteFor(source, row.row);
  if (!write.existingId) {
    const known = created.get(write.reference.toUpperCase());
    if (known) return known;
    const findings = (await tx.finding.findMany({ where: { id: { in: write.findingIds ?? [] }, reviewId }, select: { id: true, reference: true } })).sort(byReference);
    const fields = { reference: write.reference, text: write.text ?? '', response: 'ACCEPTED' as const, priority: 'MEDIUM' as const };
    const dueDate = storedDate(row.action.dueDate!);
    // Owner and dates are rolled up from its actions, written next; set here because they are required.
    const recommendation = await tx.recommendation.create({
      data: {
        reviewId,
        ...fields,
        ownerAgencyId: row.action.ownerAgencyId!,
        leadOfficerId: row.action.leadOfficerId ?? null,
        originalDueDate: dueDate,
        dueDate,
        findings: { connect: findings.map(({ id }) => ({ id })) },
      },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.created',
      subjectId: recommendation.id,
      subjectVersion: recommendation.version,
      after: { ...fields, ...findingValues(findings) },
      note,
      reviewId,
      recommendationId: recommendation.id,
    });
    created.set(write.reference.toUpperCase(), recommendation.id);
    countCreated();
    return recommendation.id;
  }
  if (write.text !== undefined || write.findingIds !== undefined) {
    const before = await tx.recommendation.findUniqueOrThrow({
      where: { id: write.existingId },
      select: { text: true, version: true, findings: { where: { archivedAt: null }, select: { id: true, reference: true } } },
    });
    const beforeValues: { text?: string; findingIds?: string[]; findings?: string[] } = {};
    const afterValues: typeof beforeValues = {};
    if (write.text !== undefined) {
      beforeValues.text = before.text;
      afterValues.text = write.text;
    }
    let connect: { id: string }[] | undefined;
    if (write.findingIds !== undefined) {
      const findings = (await tx.finding.findMany({ where: { id: { in: write.findingIds }, reviewId }, select: { id: true, reference: true } })).sort(byReference);
      Object.assign(beforeValues, findingValues(before.findings.sort(byReference)));
      Object.assign(afterValues, findingValues(findings));
      connect = findings.map(({ id }) => ({ id }));
    }
    const updated = await tx.recommendation.update({
      where: { id: write.existingId },
      data: { ...(write.text !== undefined ? { text: write.text } : {}), ...(connect ? { findings: { set: connect } } : {}), version: { increment: 1 } },
      select: { version: true },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.updated',
      subjectId: write.existingId,
      subjectVersion: updated.version,
      before: beforeValues,
      after: afterValues,
      note,
      reviewId,
      recommendationId: write.existingId,
    });
  }
  return write.existingId;
}

/** The row's action: created, then given what else the row says (status, progress, RAG, evidence) in one 'action.imported'. */
async function writeAction(tx: Tx, actor: Actor, recommendation: { id: string; reviewId: string }, row: PlannedRow, source: Source, now: Date) {
  const write = row.action;
  const note = noteFor(source, row.row);
  const scope = { reviewId: recommendation.reviewId, recommendationId: recommendation.id };
  let actionId = write.existingId;
  let fields = write;
  if (!actionId) {
    const action = await insertAction(
      tx,
      actor.id,
      recommendation,
      { reference: row.actionReference, text: write.text ?? null, ownerAgencyId: write.ownerAgencyId!, leadOfficerId: write.leadOfficerId ?? null, dueDate: storedDate(write.dueDate!) },
      note,
    );
    actionId = action.id;
    // Created with its text, owner and due date; the rest follows as an import of the new action.
    fields = { ...write, text: undefined, ownerAgencyId: undefined, leadOfficerId: undefined, dueDate: undefined };
  }
  const current = await tx.action.findUniqueOrThrow({
    where: { id: actionId },
    select: {
      text: true,
      ownerAgencyId: true,
      leadOfficerId: true,
      dueDate: true,
      status: true,
      progressNote: true,
      ragOverride: true,
      version: true,
      ownerAgency: { select: { shortName: true } },
      leadOfficer: { select: { name: true } },
    },
  });
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  if (fields.text !== undefined) {
    before.text = current.text;
    after.text = data.text = fields.text;
  }
  if (fields.ownerAgencyId !== undefined) {
    const agency = await tx.agency.findUniqueOrThrow({ where: { id: fields.ownerAgencyId }, select: { shortName: true } });
    Object.assign(before, { ownerAgencyId: current.ownerAgencyId, ownerAgency: current.ownerAgency.shortName });
    Object.assign(after, { ownerAgencyId: fields.ownerAgencyId, ownerAgency: agency.shortName });
    data.ownerAgencyId = fields.ownerAgencyId;
  }
  if (fields.leadOfficerId !== undefined) {
    const officer = fields.leadOfficerId ? await tx.user.findUniqueOrThrow({ where: { id: fields.leadOfficerId }, select: { name: true } }) : null;
    Object.assign(before, { leadOfficerId: current.leadOfficerId, leadOfficer: current.leadOfficer?.name ?? null });
    Object.assign(after, { leadOfficerId: fields.leadOfficerId, leadOfficer: officer?.name ?? null });
    data.leadOfficerId = fields.leadOfficerId;
  }
  if (fields.dueDate !== undefined) {
    before.dueDate = current.dueDate;
    after.dueDate = data.dueDate = storedDate(fields.dueDate);
    data.dueDateChangeReason = note;
  }
  if (fields.status !== undefined) {
    before.status = current.status;
    after.status = data.status = fields.status;
    data.statusChangedAt = now;
    data.lastProgressAt = now;
  }
  if (fields.progress !== undefined) {
    before.progressNote = current.progressNote;
    after.progressNote = data.progressNote = fields.progress;
    data.lastProgressAt = now;
  }
  if (fields.rag !== undefined) {
    before.rating = current.ragOverride;
    after.rating = data.ragOverride = fields.rag;
    Object.assign(data, { ragOverrideJustification: note, ragOverrideById: actor.id, ragOverrideAt: now });
  }
  for (const title of write.newEvidence) {
    const evidence = await tx.evidence.create({
      data: { recommendationId: recommendation.id, actionId, title, description: note, kind: 'OTHER', submittedById: actor.id, submittedAt: now },
    });
    data.lastProgressAt = now;
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'evidence.submitted',
      subjectId: evidence.id,
      subjectVersion: evidence.version,
      after: { actionId, title, kind: 'OTHER' },
      note,
      ...scope,
    });
  }
  if (!Object.keys(after).length) {
    if (Object.keys(data).length) await tx.action.update({ where: { id: actionId }, data });
    return;
  }
  const updated = await tx.action.update({ where: { id: actionId }, data: { ...data, version: { increment: 1 } }, select: { version: true } });
  await recordEvent(tx, {
    actorId: actor.id,
    kind: 'action.imported',
    subjectId: actionId,
    subjectVersion: updated.version,
    before,
    after: { ...after, ...(fields.statusWord && fields.status !== undefined ? { statusWord: fields.statusWord } : {}), source: { ...source, row: row.row } },
    note,
    ...scope,
  });
}
