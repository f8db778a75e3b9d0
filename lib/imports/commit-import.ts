import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { z } from 'zod';
import { refreshRecommendation } from '@/lib/actions/refresh-recommendation';
import { type HistoryEventInput, recordEvents } from '@/lib/audit/record-event';
import type { Actor } from '@/lib/auth/session-user';
import { storedDate } from '@/lib/days';
import { db, type Tx } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { plural } from '@/lib/labels';
import { findingValues } from '@/lib/recommendations/recommendation-links';
import { byReference } from '@/lib/reviews/reference-order';
import type { commitImportSchema } from './import.schema';
import type { PlannedRow } from './plan-import';
import { planFor } from './read-import';
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
  // Every step: importing writes recommendations and actions and names their owners.
  assertCan(actor, 'plan:import');
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
      const events: HistoryEventInput[] = [];
      const recommendationsCreated = await writeRows(tx, actor, record.reviewId, toWrite, source, now, events);
      const counts = {
        recommendationsCreated,
        actionsCreated: toWrite.filter((row) => row.outcome === 'create').length,
        actionsUpdated: toWrite.filter((row) => row.outcome === 'update').length,
        unchanged: plan.rows.filter((row) => !row.problems.length && row.outcome === 'unchanged').length,
        rowsLeftOut: leftOut.map((row) => row.row),
      };
      // An import that changes nothing (the same file again) writes no history.
      if (toWrite.length) {
        events.push({
          actorId: actor.id,
          kind: 'review.plan_imported',
          subjectId: record.reviewId,
          after: { ...source, rows: plan.counts.rows, recommendationsCreated, actionsCreated: counts.actionsCreated, actionsUpdated: counts.actionsUpdated, rowsLeftOut: counts.rowsLeftOut },
          reviewId: record.reviewId,
        });
      }
      // Last, as every use case records its events: the history's lock is held from here to the commit.
      await recordEvents(tx, events);
      await tx.planImport.update({ where: { id: record.id }, data: { committedAt: now, version: { increment: 1 } } });
      return { reviewId: record.reviewId, ...counts };
    },
    // A large plan (thousands of rows) is written in this one transaction.
    { timeout: 120_000, maxWait: 10_000 },
  );
}

const noteFor = (source: Source, row: number) => `Imported from “${source.fileName}” (${source.sheet}, row ${row})`;

/** Names for the history (events carry ids beside names): every agency, and the people the rows name. */
async function namesFor(tx: Tx, rows: readonly PlannedRow[]) {
  const [agencies, people] = await Promise.all([
    tx.agency.findMany({ select: { id: true, shortName: true } }),
    tx.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((row) => (row.action.leadOfficerId ? [row.action.leadOfficerId] : [])))] } }, select: { id: true, name: true } }),
  ]);
  const agency = new Map(agencies.map((a) => [a.id, a.shortName]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  return { agency: (id: string) => agency.get(id) ?? '', person: (id: string | null) => (id ? (person.get(id) ?? null) : null) };
}

/**
 * Writes the rows, set by set rather than row by row (a plan of thousands of
 * rows commits in seconds: `npm run bench:import`): new recommendations and
 * their findings, edits of existing ones, new actions, edits of existing
 * ones, evidence, then each touched recommendation's roll-up. The events go
 * into `events`, in that order, for the caller to record. Returns how many
 * recommendations were created.
 */
async function writeRows(tx: Tx, actor: Actor, reviewId: string, rows: readonly PlannedRow[], source: Source, now: Date, events: HistoryEventInput[]) {
  const names = await namesFor(tx, rows);
  const noteOf = (row: PlannedRow) => noteFor(source, row.row);
  const findings = new Map((await tx.finding.findMany({ where: { reviewId }, select: { id: true, reference: true } })).map((f) => [f.id, f]));
  const findingsOf = (ids: readonly string[]) => ids.map((id) => findings.get(id)!).sort(byReference);

  // New recommendations: the first row of each carries its text and findings; owner and dates are rolled up from its actions at the end.
  const firstRows = new Map<string, PlannedRow>();
  for (const row of rows) if (!row.recommendation.existingId && !firstRows.has(row.recommendation.reference.toUpperCase())) firstRows.set(row.recommendation.reference.toUpperCase(), row);
  const fieldsOf = (row: PlannedRow) => ({ reference: row.recommendation.reference, text: row.recommendation.text ?? '', response: 'ACCEPTED' as const, priority: 'MEDIUM' as const });
  const created = await tx.recommendation.createManyAndReturn({
    data: [...firstRows.values()].map((row) => ({
      reviewId,
      ...fieldsOf(row),
      ownerAgencyId: row.action.ownerAgencyId!,
      leadOfficerId: row.action.leadOfficerId ?? null,
      originalDueDate: storedDate(row.action.dueDate!),
      dueDate: storedDate(row.action.dueDate!),
    })),
    select: { id: true, reference: true, version: true },
  });
  const recommendationIds = new Map(created.map((r) => [r.reference.toUpperCase(), r.id]));
  const links = [...firstRows.values()].flatMap((row) => (row.recommendation.findingIds ?? []).map((findingId) => [findingId, recommendationIds.get(row.recommendation.reference.toUpperCase())!] as const));
  if (links.length) {
    await tx.$executeRaw`INSERT INTO "_FindingToRecommendation" ("A", "B") SELECT * FROM unnest(${links.map(([a]) => a)}::text[], ${links.map(([, b]) => b)}::text[])`;
  }
  for (const row of firstRows.values()) {
    const id = recommendationIds.get(row.recommendation.reference.toUpperCase())!;
    events.push({
      actorId: actor.id,
      kind: 'recommendation.created',
      subjectId: id,
      subjectVersion: 1,
      after: { ...fieldsOf(row), ...findingValues(findingsOf(row.recommendation.findingIds ?? [])) },
      note: noteOf(row),
      reviewId,
      recommendationId: id,
    });
  }
  const recommendationOf = (row: PlannedRow) => row.recommendation.existingId ?? recommendationIds.get(row.recommendation.reference.toUpperCase())!;

  // Edits of existing recommendations (their first row in the file says what), read in one query.
  const editedRecommendations = rows.filter((row) => row.recommendation.existingId && (row.recommendation.text !== undefined || row.recommendation.findingIds !== undefined));
  const recommendationsBefore = new Map(
    (
      await tx.recommendation.findMany({
        where: { id: { in: editedRecommendations.map((row) => row.recommendation.existingId!) } },
        select: { id: true, text: true, findings: { where: { archivedAt: null }, select: { id: true, reference: true } } },
      })
    ).map((r) => [r.id, r]),
  );
  for (const row of editedRecommendations) {
    const write = row.recommendation;
    if (!write.existingId) continue;
    const before = recommendationsBefore.get(write.existingId)!;
    const beforeValues: { text?: string; findingIds?: string[]; findings?: string[] } = {};
    const afterValues: typeof beforeValues = {};
    if (write.text !== undefined) {
      beforeValues.text = before.text;
      afterValues.text = write.text;
    }
    if (write.findingIds !== undefined) {
      Object.assign(beforeValues, findingValues(before.findings.sort(byReference)));
      Object.assign(afterValues, findingValues(findingsOf(write.findingIds)));
    }
    const updated = await tx.recommendation.update({
      where: { id: write.existingId },
      data: {
        ...(write.text !== undefined ? { text: write.text } : {}),
        ...(write.findingIds !== undefined ? { findings: { set: write.findingIds.map((id) => ({ id })) } } : {}),
        version: { increment: 1 },
      },
      select: { version: true },
    });
    events.push({ actorId: actor.id, kind: 'recommendation.updated', subjectId: write.existingId, subjectVersion: updated.version, before: beforeValues, after: afterValues, note: noteOf(row), reviewId, recommendationId: write.existingId });
  }

  // New actions, written as they end up; their history is 'action.created' (not started, as every action starts) and then what the row imported.
  const newRows = rows.filter((row) => !row.action.existingId);
  const imports = (row: PlannedRow) => row.action.status !== undefined || row.action.progress !== undefined || row.action.rag !== undefined;
  const createdActions = await tx.action.createManyAndReturn({
    data: newRows.map((row) => {
      const write = row.action;
      return {
        recommendationId: recommendationOf(row),
        reference: row.actionReference,
        text: write.text ?? null,
        ownerAgencyId: write.ownerAgencyId!,
        leadOfficerId: write.leadOfficerId ?? null,
        dueDate: storedDate(write.dueDate!),
        originalDueDate: storedDate(write.dueDate!),
        status: write.status ?? 'NOT_STARTED',
        statusChangedAt: now,
        lastProgressAt: now,
        progressNote: write.progress ?? null,
        ...(write.rag ? { ragOverride: write.rag, ragOverrideJustification: noteOf(row), ragOverrideById: actor.id, ragOverrideAt: now } : {}),
        version: imports(row) ? 2 : 1,
      };
    }),
    select: { id: true, recommendationId: true, reference: true },
  });
  const actionIds = new Map(createdActions.map((a) => [`${a.recommendationId}/${a.reference}`, a.id]));
  const actionOf = (row: PlannedRow) => row.action.existingId ?? actionIds.get(`${recommendationOf(row)}/${row.actionReference}`)!;
  for (const row of newRows) {
    const write = row.action;
    const scope = { reviewId, recommendationId: recommendationOf(row) };
    const id = actionOf(row);
    const dueDate = storedDate(write.dueDate!);
    events.push({
      actorId: actor.id,
      kind: 'action.created',
      subjectId: id,
      subjectVersion: 1,
      after: {
        reference: row.actionReference,
        text: write.text ?? null,
        ownerAgencyId: write.ownerAgencyId!,
        ownerAgency: names.agency(write.ownerAgencyId!),
        leadOfficerId: write.leadOfficerId ?? null,
        leadOfficer: names.person(write.leadOfficerId ?? null),
        status: 'NOT_STARTED',
        dueDate,
        originalDueDate: dueDate,
      },
      note: noteOf(row),
      ...scope,
    });
    if (!imports(row)) continue;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (write.status !== undefined) [before.status, after.status] = ['NOT_STARTED', write.status];
    if (write.progress !== undefined) [before.progressNote, after.progressNote] = [null, write.progress];
    if (write.rag !== undefined) [before.rating, after.rating] = [null, write.rag];
    events.push(importedEvent(actor, id, 2, before, after, row, source, scope));
  }

  // Edits of existing actions: each at the version the plan read (the recommendations are locked, so it is still theirs), read in one query.
  const editedActions = rows.filter((r) => r.action.existingId);
  const actionsBefore = new Map(
    (
      await tx.action.findMany({
        where: { id: { in: editedActions.map((row) => row.action.existingId!) } },
        select: { id: true, text: true, ownerAgencyId: true, leadOfficerId: true, dueDate: true, status: true, progressNote: true, ragOverride: true, leadOfficer: { select: { name: true } } },
      })
    ).map((a) => [a.id, a]),
  );
  for (const row of editedActions) {
    const write = row.action;
    const id = write.existingId!;
    const current = actionsBefore.get(id)!;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    if (write.text !== undefined) [before.text, after.text, data.text] = [current.text, write.text, write.text];
    if (write.ownerAgencyId !== undefined) {
      Object.assign(before, { ownerAgencyId: current.ownerAgencyId, ownerAgency: names.agency(current.ownerAgencyId) });
      Object.assign(after, { ownerAgencyId: write.ownerAgencyId, ownerAgency: names.agency(write.ownerAgencyId) });
      data.ownerAgencyId = write.ownerAgencyId;
    }
    if (write.leadOfficerId !== undefined) {
      Object.assign(before, { leadOfficerId: current.leadOfficerId, leadOfficer: current.leadOfficer?.name ?? null });
      Object.assign(after, { leadOfficerId: write.leadOfficerId, leadOfficer: names.person(write.leadOfficerId) });
      data.leadOfficerId = write.leadOfficerId;
    }
    if (write.dueDate !== undefined) {
      [before.dueDate, after.dueDate, data.dueDate] = [current.dueDate, storedDate(write.dueDate), storedDate(write.dueDate)];
      data.dueDateChangeReason = noteOf(row);
    }
    if (write.status !== undefined) {
      [before.status, after.status, data.status] = [current.status, write.status, write.status];
      Object.assign(data, { statusChangedAt: now, lastProgressAt: now });
    }
    if (write.progress !== undefined) {
      [before.progressNote, after.progressNote, data.progressNote] = [current.progressNote, write.progress, write.progress];
      data.lastProgressAt = now;
    }
    if (write.rag !== undefined) {
      [before.rating, after.rating] = [current.ragOverride, write.rag];
      Object.assign(data, { ragOverride: write.rag, ragOverrideJustification: noteOf(row), ragOverrideById: actor.id, ragOverrideAt: now });
    }
    if (write.newEvidence.length) data.lastProgressAt = now;
    if (!Object.keys(after).length) {
      if (Object.keys(data).length) await tx.action.update({ where: { id }, data });
      continue;
    }
    const updated = await tx.action.updateMany({ where: { id, version: write.version!, archivedAt: null }, data: { ...data, version: { increment: 1 } } });
    if (updated.count !== 1) throw new RuleError(CHANGED_SINCE_PREVIEW);
    events.push(importedEvent(actor, id, write.version! + 1, before, after, row, source, { reviewId, recommendationId: recommendationOf(row) }));
  }

  // Evidence: each new line of the Evidence column, awaiting assessment.
  const evidenceRows = rows.flatMap((row) => row.action.newEvidence.map((title) => ({ row, title })));
  const evidence = await tx.evidence.createManyAndReturn({
    data: evidenceRows.map(({ row, title }) => ({
      recommendationId: recommendationOf(row),
      actionId: actionOf(row),
      title,
      description: noteOf(row),
      kind: 'OTHER' as const,
      submittedById: actor.id,
      submittedAt: now,
    })),
    select: { id: true },
  });
  evidenceRows.forEach(({ row, title }, i) => {
    events.push({
      actorId: actor.id,
      kind: 'evidence.submitted',
      subjectId: evidence[i]!.id,
      subjectVersion: 1,
      after: { actionId: actionOf(row), title, kind: 'OTHER' },
      note: noteOf(row),
      reviewId,
      recommendationId: recommendationOf(row),
    });
  });

  for (const id of new Set(rows.map(recommendationOf))) await refreshRecommendation(tx, id, now);
  return created.length;
}

function importedEvent(
  actor: Actor,
  actionId: string,
  version: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  row: PlannedRow,
  source: Source,
  scope: { reviewId: string; recommendationId: string },
): HistoryEventInput {
  return {
    actorId: actor.id,
    kind: 'action.imported',
    subjectId: actionId,
    subjectVersion: version,
    before,
    after: { ...after, ...(row.action.statusWord && after.status !== undefined ? { statusWord: row.action.statusWord } : {}), source: { ...source, row: row.row } },
    note: noteFor(source, row.row),
    ...scope,
  };
}
