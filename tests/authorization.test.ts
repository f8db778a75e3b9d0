// Every action in lib/, tried as every role, on a record of the actor's own
// agency and on another agency's: exactly what PRODUCT.md allows succeeds,
// and a refused attempt changes nothing at all.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { addComment } from '@/lib/comments/add-comment';
import { getWorkQueue } from '@/lib/dashboard/get-work-queue';
import { db } from '@/lib/db';
import { assessEvidence } from '@/lib/evidence/assess-evidence';
import { getEvidenceFile } from '@/lib/evidence/get-evidence-file';
import { submitEvidence } from '@/lib/evidence/submit-evidence';
import { archiveFinding } from '@/lib/findings/archive-finding';
import { createFinding } from '@/lib/findings/create-finding';
import { updateFinding } from '@/lib/findings/update-finding';
import type { Role } from '@/lib/generated/prisma/enums';
import { createMeasure } from '@/lib/measures/create-measure';
import { updateMeasureValue } from '@/lib/measures/update-measure-value';
import { archiveRecommendation } from '@/lib/recommendations/archive-recommendation';
import { createRecommendation } from '@/lib/recommendations/create-recommendation';
import { getRecommendation } from '@/lib/recommendations/get-recommendation';
import { listRecommendations } from '@/lib/recommendations/list-recommendations';
import { parseListParams } from '@/lib/recommendations/list-recommendations.schema';
import { archiveAction } from '@/lib/actions/archive-action';
import { createAction } from '@/lib/actions/create-action';
import { overrideRag, withdrawRagOverride } from '@/lib/actions/override-rag';
import { updateAction } from '@/lib/actions/update-action';
import { updateProgress } from '@/lib/actions/update-progress';
import { bulkUpdateActions } from '@/lib/actions/bulk-update';
import { decideRecommendation } from '@/lib/recommendations/decide-recommendation';
import { updateRecommendation } from '@/lib/recommendations/update-recommendation';
import { commitPlanImport } from '@/lib/imports/commit-import';
import { exportActionPlan } from '@/lib/imports/export-plan';
import { getPlanImport } from '@/lib/imports/get-import';
import { startPlanImport } from '@/lib/imports/start-import';
import { updatePlanImport } from '@/lib/imports/update-import';
import { getReport } from '@/lib/reports/get-report';
import { listMyNotices, markAllNoticesRead, noticesForAction } from '@/lib/notices/notices';
import { getEmail, listEmails, retryEmail } from '@/lib/email/outbox';
import { archiveReview } from '@/lib/reviews/archive-review';
import { createReview } from '@/lib/reviews/create-review';
import { getReview } from '@/lib/reviews/get-review';
import { countOpenReviews, listReviews } from '@/lib/reviews/list-reviews';
import { updateReview } from '@/lib/reviews/update-review';
import { createUser as createUserAccount } from '@/lib/users/create-user';
import { deactivateUser } from '@/lib/users/deactivate-user';
import { listUsers } from '@/lib/users/list-users';
import { reactivateUser } from '@/lib/users/reactivate-user';
import { resetPassword } from '@/lib/users/reset-password';
import { resetTwoFactor } from '@/lib/users/reset-two-factor';
import { updateUser } from '@/lib/users/update-user';
import { listSeniorLeads } from '@/lib/agencies/list-agencies';
import { setSeniorLead } from '@/lib/agencies/set-senior-lead';
import { getNoticeEmail, setNoticeEmail } from '@/lib/notices/preferences';
import { getNoticeSettings, readNoticeSettings, updateNoticeSettings } from '@/lib/notices/settings';
import { createAgency, createUser } from '@/tests/support/factories';
import { enrolTwoFactor } from '@/tests/support/auth-factories';

const ROLES: Role[] = ['ADMIN', 'REVIEWER', 'OWNER', 'VIEWER'];

/**
 * The records one attempt acts on, made afresh for each attempt. `agencyId`'s
 * are: recommendation R1, which it leads (its action 1, `actionId`, with a
 * measure, evidence and a RAG override); and action 2 of R2
 * (`ledElsewhereActionId`), a recommendation led by a third agency, Health.
 * R1 has Health's action 2 too (`theirActionId`): an action of another agency
 * in a recommendation `agencyId` leads.
 */
type World = {
  reviewId: string;
  findingId: string;
  recommendationId: string;
  actionId: string;
  theirActionId: string;
  otherRecommendationId: string;
  ledElsewhereActionId: string;
  measureId: string;
  evidenceId: string;
  agencyId: string;
  leadOfficerId: string;
  userId: string;
  inactiveUserId: string;
};

const actors = {} as Record<Role, Actor>;
const agencyOf = {} as Record<Role, string>;
let otherAgencyId: string;
let otherAgencyLead: string;
let thirdAgencyId: string;
let submitterId: string;
const leadOf = new Map<string, string>();

beforeAll(async () => {
  const board = await createAgency('Board', true);
  const csc = await createAgency("Children's social care");
  const police = await createAgency('Police');
  for (const role of ROLES) {
    const agencyId = role === 'OWNER' ? csc.id : board.id;
    actors[role] = await createUser(role, agencyId);
    agencyOf[role] = agencyId;
  }
  otherAgencyId = police.id;
  thirdAgencyId = (await createAgency('Health')).id;
  otherAgencyLead = (await createUser('OWNER', police.id)).id;
  leadOf.set(police.id, otherAgencyLead);
  leadOf.set(csc.id, actors.OWNER.id);
  leadOf.set(board.id, (await createUser('OWNER', board.id)).id);
  // Evidence is submitted by someone who is none of the actors, so anyone allowed may assess it.
  submitterId = (await createUser('REVIEWER', board.id)).id;
});

async function makeWorld(agencyId: string): Promise<World> {
  const review = await db.review.create({ data: { title: `Review ${randomUUID()}`, kind: 'LEARNING_REVIEW', commissioningBody: 'Board', status: 'PUBLISHED' } });
  const finding = await db.finding.create({ data: { reviewId: review.id, reference: 'F1', text: 'A finding', theme: 'Training', severity: 'HIGH' } });
  const due = new Date('2030-01-31');
  const recommendation = await db.recommendation.create({
    data: {
      reviewId: review.id,
      reference: 'R1',
      text: 'A recommendation',
      ownerAgencyId: agencyId,
      leadOfficerId: leadOf.get(agencyId) ?? null,
      originalDueDate: due,
      dueDate: due,
      findings: { connect: [{ id: finding.id }] },
    },
  });
  const action = await db.action.create({
    data: {
      recommendationId: recommendation.id,
      reference: '1',
      ownerAgencyId: agencyId,
      leadOfficerId: leadOf.get(agencyId) ?? null,
      originalDueDate: due,
      dueDate: due,
      ragOverride: 'AMBER',
      ragOverrideJustification: 'Board asked for caution',
    },
  });
  const theirs = await db.action.create({
    data: { recommendationId: recommendation.id, reference: '2', text: "Health's part", ownerAgencyId: thirdAgencyId, originalDueDate: due, dueDate: due },
  });
  const other = await db.recommendation.create({
    data: {
      reviewId: review.id,
      reference: 'R2',
      text: 'A recommendation led by Health',
      ownerAgencyId: thirdAgencyId,
      originalDueDate: due,
      dueDate: due,
      findings: { connect: [{ id: finding.id }] },
    },
  });
  await db.action.create({ data: { recommendationId: other.id, reference: '1', text: "Health's part", ownerAgencyId: thirdAgencyId, originalDueDate: due, dueDate: due } });
  const ledElsewhere = await db.action.create({
    data: { recommendationId: other.id, reference: '2', text: 'Its part', ownerAgencyId: agencyId, originalDueDate: due, dueDate: due },
  });
  const measure = await db.measure.create({ data: { recommendationId: recommendation.id, actionId: action.id, name: 'Staff trained', target: 100 } });
  const evidence = await db.evidence.create({
    data: {
      recommendationId: recommendation.id,
      actionId: action.id,
      title: 'Register',
      kind: 'TRAINING_RECORD',
      submittedById: submitterId,
      file: { create: { fileName: 'register.txt', mediaType: 'text/plain', size: 5, sha256: 'x', content: Buffer.from('hello') } },
    },
  });
  const user = await createUser('OWNER', agencyId);
  await enrolTwoFactor(user.id);
  const inactive = await createUser('OWNER', agencyId, { active: false });
  return {
    userId: user.id,
    inactiveUserId: inactive.id,
    reviewId: review.id,
    findingId: finding.id,
    recommendationId: recommendation.id,
    actionId: action.id,
    theirActionId: theirs.id,
    otherRecommendationId: other.id,
    ledElsewhereActionId: ledElsewhere.id,
    measureId: measure.id,
    evidenceId: evidence.id,
    agencyId,
    leadOfficerId: leadOf.get(agencyId) ?? '',
  };
}

/** The world's action 1 implemented, its evidence (submitted by someone else) accepted: ready to verify. */
async function implementedWithAcceptedEvidence(w: World) {
  await db.action.update({ where: { id: w.actionId }, data: { status: 'IMPLEMENTED', version: 2 } });
  await db.evidence.update({ where: { id: w.evidenceId }, data: { assessment: 'ACCEPTED' } });
}

/** The world's R1 set aside by a reviewer (both its actions with it): ready to reopen. */
async function setAside(w: World) {
  await db.action.updateMany({ where: { recommendationId: w.recommendationId }, data: { status: 'NOT_ACCEPTED', version: 2 } });
  await db.recommendation.update({ where: { id: w.recommendationId }, data: { status: 'NOT_ACCEPTED', version: 2 } });
}

const PDF = new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'audit.pdf', { type: 'application/pdf' });
const DAY = new Date('2031-06-30');

// Each action, and who may do it on their own agency's record and on another's: [own, other].
type Expect = Record<Role, [boolean, boolean]>;
const ADMINS_ONLY: Expect = { ADMIN: [true, true], REVIEWER: [false, false], OWNER: [false, false], VIEWER: [false, false] };
const REVIEWERS_ONLY: Expect = { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] };
const OWNING_AGENCY_OR_REVIEWERS: Expect = { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, false], VIEWER: [false, false] };
const EVERYONE: Expect = { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, true], VIEWER: [true, true] };

/** A spreadsheet of one new recommendation for the world's agency, uploaded by an admin and previewed: what an import attempt commits. */
let upload: { id: string; version: number; fingerprint: string };
async function uploaded(w: World) {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: w.agencyId } });
  const csv = `Reference,Finding,Recommendation,Agency,Due date\r\nR9,F1,Imported,${agency.shortName},31/12/2030\r\n`;
  const { id } = await startPlanImport(actors.ADMIN, { reviewId: w.reviewId, file: new File([csv], 'plan.csv') });
  const preview = await getPlanImport(actors.ADMIN, id);
  if (preview.committed) throw new Error('a fresh upload is not committed');
  upload = { id, version: preview.version, fingerprint: preview.fingerprint };
}

/** A failed email, for an admin to read or try again. */
let failedEmailId = '';
async function failedEmail(w: World) {
  const email = await db.emailMessage.create({ data: { key: `failed:${randomUUID()}`, kind: 'notice', recipientId: w.userId, status: 'FAILED', attempts: 5, lastError: 'Greeting never received' } });
  failedEmailId = email.id;
}

const ACTIONS: { name: string; allowed: Expect; prepare?: (w: World) => Promise<void>; run: (actor: Actor, w: World) => Promise<unknown> }[] = [
  { name: 'create a review', allowed: REVIEWERS_ONLY, run: (a) => createReview(a, { title: 'New review', kind: 'INSPECTION', commissioningBody: 'Ofsted', periodStart: null, periodEnd: null, publishedOn: null, status: 'PLANNED', summary: '', sourceUrl: null }) },
  { name: 'edit a review', allowed: REVIEWERS_ONLY, run: (a, w) => updateReview(a, { id: w.reviewId, version: 1, title: 'Renamed', kind: 'INSPECTION', commissioningBody: 'Ofsted', periodStart: null, periodEnd: null, publishedOn: null, status: 'PUBLISHED', summary: 'x', sourceUrl: null }) },
  { name: 'archive a review', allowed: REVIEWERS_ONLY, run: (a, w) => archiveReview(a, { id: w.reviewId, version: 1, archiveReason: 'Duplicate' }) },
  { name: 'add a finding', allowed: REVIEWERS_ONLY, run: (a, w) => createFinding(a, { reviewId: w.reviewId, reference: 'F2', text: 'Another', theme: 'Escalation', severity: 'LOW' }) },
  { name: 'edit a finding', allowed: REVIEWERS_ONLY, run: (a, w) => updateFinding(a, { id: w.findingId, version: 1, reference: 'F1', text: 'Edited', theme: 'Training', severity: 'HIGH' }) },
  { name: 'archive a finding', allowed: REVIEWERS_ONLY, run: (a, w) => archiveFinding(a, { id: w.findingId, version: 1, archiveReason: null }) },
  {
    name: 'add a recommendation',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => createRecommendation(a, { reviewId: w.reviewId, reference: 'R3', text: 'More', findingIds: [w.findingId], response: 'ACCEPTED', ownerAgencyId: w.agencyId, leadOfficerId: null, priority: 'HIGH', dueDate: DAY }),
  },
  {
    name: 'edit a recommendation',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => updateRecommendation(a, { id: w.recommendationId, version: 1, reference: 'R1', text: 'Edited', findingIds: [w.findingId], response: 'ACCEPTED_IN_PART', priority: 'LOW' }),
  },
  { name: 'archive a recommendation', allowed: REVIEWERS_ONLY, run: (a, w) => archiveRecommendation(a, { id: w.recommendationId, version: 1, archiveReason: 'Merged' }) },
  {
    name: 'add an action to a recommendation',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => createAction(a, { recommendationId: w.recommendationId, reference: '3', text: 'Audit the training', ownerAgencyId: w.agencyId, leadOfficerId: null, dueDate: DAY }),
  },
  {
    name: "edit an action's reference and text",
    allowed: REVIEWERS_ONLY,
    run: (a, w) => updateAction(a, { id: w.actionId, version: 1, reference: '1a', text: 'Edited', ownerAgencyId: w.agencyId, leadOfficerId: w.leadOfficerId || null, dueDate: new Date('2030-01-31'), dueDateChangeReason: null }),
  },
  {
    name: 'reassign an action to another agency',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => updateAction(a, { id: w.actionId, version: 1, reference: '1', text: 'A recommendation', ownerAgencyId: thirdAgencyId, leadOfficerId: null, dueDate: new Date('2030-01-31'), dueDateChangeReason: null }),
  },
  {
    name: "move an action's due date",
    allowed: REVIEWERS_ONLY,
    run: (a, w) => updateAction(a, { id: w.actionId, version: 1, reference: '1', text: 'A recommendation', ownerAgencyId: w.agencyId, leadOfficerId: w.leadOfficerId || null, dueDate: DAY, dueDateChangeReason: 'Staffing' }),
  },
  { name: 'archive an action', allowed: REVIEWERS_ONLY, run: (a, w) => archiveAction(a, { id: w.theirActionId, version: 1, archiveReason: 'Folded into action 1' }) },
  { name: "override an action's RAG rating", allowed: REVIEWERS_ONLY, run: (a, w) => overrideRag(a, { actionId: w.actionId, version: 1, rating: 'RED', justification: 'No real progress' }) },
  { name: "withdraw an action's RAG override", allowed: REVIEWERS_ONLY, run: (a, w) => withdrawRagOverride(a, { actionId: w.actionId, version: 1, reason: 'Back on track' }) },
  { name: 'update progress and status of an action', allowed: OWNING_AGENCY_OR_REVIEWERS, run: (a, w) => updateProgress(a, { actionId: w.actionId, version: 1, status: 'IN_PROGRESS', note: 'Started' }) },
  {
    name: "update progress of the agency's action of a recommendation another agency leads",
    allowed: OWNING_AGENCY_OR_REVIEWERS,
    run: (a, w) => updateProgress(a, { actionId: w.ledElsewhereActionId, version: 1, status: 'IN_PROGRESS', note: 'Started our part' }),
  },
  {
    name: "update progress of another agency's action of a recommendation the agency leads",
    allowed: REVIEWERS_ONLY,
    run: (a, w) => updateProgress(a, { actionId: w.theirActionId, version: 1, status: 'IN_PROGRESS', note: 'Started their part' }),
  },
  {
    name: 'set a recommendation aside (not accepted)',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => decideRecommendation(a, { recommendationId: w.recommendationId, version: 1, status: 'NOT_ACCEPTED', note: 'Outside the remit' }),
  },
  {
    name: 'reopen a recommendation that was set aside',
    allowed: REVIEWERS_ONLY,
    prepare: setAside,
    run: (a, w) => decideRecommendation(a, { recommendationId: w.recommendationId, version: 2, status: 'NOT_STARTED', note: 'The board asked again' }),
  },
  {
    name: 'verify an action',
    allowed: REVIEWERS_ONLY,
    prepare: implementedWithAcceptedEvidence,
    run: (a, w) => updateProgress(a, { actionId: w.actionId, version: 2, status: 'VERIFIED', note: 'Evidence checked' }),
  },
  {
    name: 'send an implemented action back to in progress',
    allowed: REVIEWERS_ONLY,
    prepare: implementedWithAcceptedEvidence,
    run: (a, w) => updateProgress(a, { actionId: w.actionId, version: 2, status: 'IN_PROGRESS', note: 'The audit does not show it' }),
  },
  { name: 'submit evidence for an action', allowed: OWNING_AGENCY_OR_REVIEWERS, run: (a, w) => submitEvidence(a, { actionId: w.actionId, title: 'Audit', description: '', kind: 'AUDIT', url: null, file: PDF } as never) },
  {
    name: "submit evidence for the agency's action of a recommendation another agency leads",
    allowed: OWNING_AGENCY_OR_REVIEWERS,
    run: (a, w) => submitEvidence(a, { actionId: w.ledElsewhereActionId, title: 'Audit', description: '', kind: 'AUDIT', url: 'https://example.test/audit' }),
  },
  {
    name: "submit evidence for another agency's action of a recommendation the agency leads",
    allowed: REVIEWERS_ONLY,
    run: (a, w) => submitEvidence(a, { actionId: w.theirActionId, title: 'Audit', description: '', kind: 'AUDIT', url: 'https://example.test/audit' }),
  },
  { name: 'assess evidence', allowed: REVIEWERS_ONLY, run: (a, w) => assessEvidence(a, { evidenceId: w.evidenceId, version: 1, assessment: 'ACCEPTED', comment: '' }) },
  { name: 'define a measure of an action', allowed: REVIEWERS_ONLY, run: (a, w) => createMeasure(a, { actionId: w.actionId, name: 'Audits done', unit: '', target: 4 }) },
  { name: "update a measure's value", allowed: OWNING_AGENCY_OR_REVIEWERS, run: (a, w) => updateMeasureValue(a, { measureId: w.measureId, version: 1, currentValue: 40, note: 'Register' }) },
  { name: 'comment', allowed: OWNING_AGENCY_OR_REVIEWERS, run: (a, w) => addComment(a, { recommendationId: w.recommendationId, body: 'A comment' }) },
  { name: 'add a user', allowed: ADMINS_ONLY, run: (a, w) => createUserAccount(a, { email: `new-${randomUUID()}@example.test`, name: 'New owner', role: 'OWNER', agencyId: w.agencyId, initialPassword: null }) },
  { name: "change a user's role", allowed: ADMINS_ONLY, run: (a, w) => updateUser(a, { id: w.userId, name: 'Renamed owner', role: 'VIEWER', agencyId: w.agencyId }) },
  { name: 'deactivate a user', allowed: ADMINS_ONLY, run: (a, w) => deactivateUser(a, { id: w.userId, deactivateReason: 'Left the agency' }) },
  { name: 'reactivate a user', allowed: ADMINS_ONLY, run: (a, w) => reactivateUser(a, { id: w.inactiveUserId }) },
  { name: "reset a user's password", allowed: ADMINS_ONLY, run: (a, w) => resetPassword(a, { id: w.userId }) },
  { name: "reset a user's two-factor sign-in", allowed: ADMINS_ONLY, run: (a, w) => resetTwoFactor(a, { id: w.userId, resetTwoFactorReason: 'Lost phone' }) },
  { name: 'list the users', allowed: ADMINS_ONLY, run: (a) => listUsers(a) },
  { name: 'read the notice rules', allowed: ADMINS_ONLY, run: (a) => getNoticeSettings(a) },
  {
    name: 'change the notice rules',
    allowed: ADMINS_ONLY,
    run: async (a) => {
      const { version, ...rules } = await readNoticeSettings();
      return updateNoticeSettings(a, { ...rules, dueSoonDays: [...rules.dueSoonDays], stalledDays: rules.stalledDays === 60 ? 61 : 60, version });
    },
  },
  { name: "list the agencies' senior leads", allowed: ADMINS_ONLY, run: (a) => listSeniorLeads(a) },
  {
    name: "set an agency's senior lead",
    allowed: ADMINS_ONLY,
    run: async (a, w) => {
      const agency = await db.agency.findUniqueOrThrow({ where: { id: w.agencyId } });
      return setSeniorLead(a, { agencyId: w.agencyId, seniorLeadId: w.userId, version: agency.version });
    },
  },
  { name: 'read their own choice of reminder emails', allowed: EVERYONE, run: (a) => getNoticeEmail(a) },
  {
    name: 'choose their own reminder emails',
    allowed: EVERYONE,
    run: async (a) => setNoticeEmail(a, { noticeEmail: (await getNoticeEmail(a)) === 'NONE' ? 'IMMEDIATE' : 'NONE' }),
  },
  {
    name: 'update the status of actions in bulk',
    allowed: OWNING_AGENCY_OR_REVIEWERS,
    run: (a, w) => bulkUpdateActions(a, { items: [{ actionId: w.actionId, version: 1 }], change: 'status', status: 'IN_PROGRESS', dueDate: null, note: 'Started, in bulk' }),
  },
  {
    name: 'move the due dates of actions in bulk',
    allowed: REVIEWERS_ONLY,
    run: (a, w) => bulkUpdateActions(a, { items: [{ actionId: w.actionId, version: 1 }], change: 'dueDate', dueDate: new Date('2031-01-31'), note: 'Later, in bulk' }),
  },
  { name: 'upload an action plan to import', allowed: REVIEWERS_ONLY, run: (a, w) => startPlanImport(a, { reviewId: w.reviewId, file: new File(['Reference,Recommendation\r\nR9,Imported\r\n'], 'plan.csv') }) },
  { name: 'preview an import', allowed: REVIEWERS_ONLY, prepare: uploaded, run: (a) => getPlanImport(a, upload.id) },
  {
    name: 'change how an upload is read',
    allowed: REVIEWERS_ONLY,
    prepare: uploaded,
    run: (a) => updatePlanImport(a, { importId: upload.id, version: upload.version, sheetName: 'plan', headerRow: 1, columns: [], statusWords: [], defaultDueDate: null, defaultFindingId: null }),
  },
  { name: 'import an action plan', allowed: REVIEWERS_ONLY, prepare: uploaded, run: (a) => commitPlanImport(a, { importId: upload.id, version: upload.version, fingerprint: upload.fingerprint, leaveOutProblemRows: false }) },
  { name: "download a review's action plan", allowed: EVERYONE, run: (a, w) => exportActionPlan(a, w.reviewId, 'xlsx') },
  { name: 'read the emails sent (the outbox)', allowed: ADMINS_ONLY, run: (a) => listEmails(a, {}) },
  { name: 'read an email', allowed: ADMINS_ONLY, prepare: failedEmail, run: (a) => getEmail(a, failedEmailId) },
  { name: 'try a failed email again', allowed: ADMINS_ONLY, prepare: failedEmail, run: (a) => retryEmail(a, { emailId: failedEmailId }) },
  { name: 'read their own notifications', allowed: EVERYONE, run: (a) => listMyNotices(a) },
  { name: 'mark their own notifications read', allowed: EVERYONE, run: (a) => markAllNoticesRead(a) },
  { name: 'see who was reminded about an action', allowed: EVERYONE, run: (a, w) => noticesForAction(a, w.actionId) },
  { name: 'read the reviews', allowed: EVERYONE, run: (a) => listReviews(a) },
  { name: 'count the open reviews', allowed: EVERYONE, run: (a) => countOpenReviews(a) },
  { name: 'read a review', allowed: EVERYONE, run: (a, w) => getReview(a, w.reviewId) },
  { name: 'read a recommendation', allowed: EVERYONE, run: (a, w) => getRecommendation(a, w.recommendationId) },
  { name: 'list recommendations', allowed: EVERYONE, run: (a, w) => listRecommendations(a, parseListParams({ review: w.reviewId }).filters) },
  { name: 'download an evidence file', allowed: EVERYONE, run: (a, w) => getEvidenceFile(a, w.evidenceId) },
  { name: 'see the work queue', allowed: EVERYONE, run: (a) => getWorkQueue(a) },
  { name: "read a review's report", allowed: EVERYONE, run: (a, w) => getReport(a, w.reviewId, {}) },
];

/** Everything that could change: row counts, versions, the last history event, every action's and recommendation's state. */
async function snapshot() {
  const [reviews, findings, recommendations, actions, measures, evidence, comments, events, versions, lastEvent, users, states, uploads, notices] = await Promise.all([
    db.review.count({ where: { archivedAt: null } }),
    db.finding.count({ where: { archivedAt: null } }),
    db.recommendation.count({ where: { archivedAt: null } }),
    db.action.count({ where: { archivedAt: null } }),
    db.measure.count(),
    db.evidence.count(),
    db.comment.count(),
    db.historyEvent.count(),
    db.$queryRaw`SELECT (SELECT sum(version) FROM "Review") + (SELECT sum(version) FROM "Finding") + (SELECT sum(version) FROM "Recommendation") + (SELECT sum(version) FROM "Action") + (SELECT sum(version) FROM "Measure") + (SELECT sum(version) FROM "Evidence") AS total`,
    db.historyEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }),
    db.$queryRaw`SELECT count(*) AS users, count(*) FILTER (WHERE active) AS active, sum("sessionVersion") AS "sessionVersions", count(*) FILTER (WHERE "mustChangePassword") AS "mustChange", string_agg(role::text || "passwordHash" || "noticeEmail"::text, ',' ORDER BY id) AS roles FROM "User"`,
    db.$queryRaw`SELECT
      (SELECT string_agg(concat_ws('|', id, status, "ownerAgencyId", "leadOfficerId", "dueDate", "ragOverride", "progressNote", "lastProgressAt"), ',' ORDER BY id) FROM "Action") AS actions,
      (SELECT string_agg(concat_ws('|', id, status, "ownerAgencyId", "leadOfficerId", "dueDate", "lastProgressAt"), ',' ORDER BY id) FROM "Recommendation") AS recommendations`,
    db.$queryRaw`SELECT count(*) AS uploads, sum(version) AS versions, count("committedAt") AS committed FROM "PlanImport"`,
    // Who overdue actions go to, and when.
    db.$queryRaw`SELECT
      (SELECT string_agg(concat_ws('|', id, "seniorLeadId", version), ',' ORDER BY id) FROM "Agency") AS agencies,
      (SELECT string_agg(concat_ws('|', id, "dueSoonDays"::text, "stalledDays", "evidenceWaitingDays", "seniorLeadAfterDays", "managerAfterDays", version), ',') FROM "NoticeSettings") AS rules`,
  ]);
  return { reviews, findings, recommendations, actions, measures, evidence, comments, events, versions, lastEvent, users, states, uploads, notices };
}

describe('authorization: every action, as every role, on own and other agencies\' records', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const [scope, index] of [['own', 0], ['other', 1]] as const) {
        const allowed = action.allowed[role][index];
        it(`${role} ${allowed ? 'may' : 'may not'} ${action.name} (${scope} agency's record)`, async () => {
          const world = await makeWorld(scope === 'own' ? agencyOf[role] : otherAgencyId);
          await action.prepare?.(world);
          const before = await snapshot();
          const attempt = action.run(actors[role], world);
          if (allowed) {
            await expect(attempt).resolves.not.toThrow();
          } else {
            await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
            expect(await snapshot()).toEqual(before);
          }
        });
      }
    }
  }
});

describe("nobody can set another user's choice of reminder emails", () => {
  for (const role of ROLES) {
    it(`${role}: a request naming someone else changes only their own choice`, async () => {
      const world = await makeWorld(otherAgencyId);
      const theirs = () => db.user.findUniqueOrThrow({ where: { id: world.userId }, select: { noticeEmail: true } });
      const before = await theirs();
      const mine = (await getNoticeEmail(actors[role])) === 'NONE' ? 'IMMEDIATE' : 'NONE';
      // What a hand-made request might carry; the use case takes whose choice it is from the session alone.
      await setNoticeEmail(actors[role], { noticeEmail: mine, userId: world.userId, id: world.userId } as never);
      expect(await theirs()).toEqual(before);
      expect(await getNoticeEmail(actors[role])).toBe(mine);
    });
  }
});
