// Simulates partnerships' years of work in realistic proportions, for the
// benchmark: reviews, findings, recommendations and their actions (1 to 4,
// each owned by a different agency), measures, evidence, comments, users and
// the history events that explain every current value.
// Deterministic (seeded), so two runs at one scale give the same data.
//
// The events are what the app's own use cases record (same kinds, same
// before/after fields: see lib/recommendations/create-recommendation.ts,
// lib/actions/*, lib/evidence/*, lib/measures/*), so that the report's replay
// of history arrives at the current rows exactly, and every versioned row's
// version is the subjectVersion of its last event. A recommendation's status,
// owner and dates are its actions' rolled up by lib/actions/roll-up.ts, as the
// app stores them.
import { createHash } from 'node:crypto';
import { contentSha256 } from '@/lib/audit/chain';
import { type ActionForRollUp, rollUp } from '@/lib/actions/roll-up';
import { type EventKind, payloadToStore, subjectTypeOf } from '@/lib/audit/event-catalogue';
import { addDays, dayOf, storedDate, ukDay } from '@/lib/days';

export type Row = Record<string, unknown>;

export type Partnership = {
  agencies: Row[];
  users: Row[];
  reviews: Row[];
  findings: Row[];
  recommendations: Row[];
  actions: Row[];
  links: { A: string; B: string }[];
  measures: Row[];
  evidence: Row[];
  files: Row[];
  comments: Row[];
  /** In the order they happened; content only (ids and hashes are given when loading). */
  events: Row[];
};

/** mulberry32: small, fast, good enough for test data. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_PASSWORD = 'benchmark-password-1';
export const REVIEWS_PER_PARTNERSHIP = 20;
export const FINDINGS_PER_REVIEW = 15;
export const RECOMMENDATIONS_PER_REVIEW = 30;
export const USERS_PER_PARTNERSHIP = 40;

const AGENCIES = [
  ["Children's social care", false],
  ['Police', false],
  ['NHS', false],
  ['Crown Prosecution Service', false],
  ['Education', false],
  ['Safeguarding board', true],
] as const;
const STATUSES_FLOW = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED'] as const;
const THEMES = ['Training', 'Social care response', 'Escalation', 'Multi-agency working', 'Criminal justice', 'Information sharing'];
const KINDS = ['SERIOUS_CASE_REVIEW', 'PRACTICE_REVIEW', 'LEARNING_REVIEW', 'THEMATIC_REVIEW', 'INSPECTION', 'INTERNAL_REVIEW'];
const EVIDENCE_KINDS = ['POLICY', 'TRAINING_RECORD', 'AUDIT', 'DATA', 'MINUTES', 'DOCUMENT'];
const WORDS =
  'training referral escalation strategy audit practitioners adolescents exploitation screening contact meetings hotspots victims assessment supervision threshold partnership policy framework'.split(
    ' ',
  );

const DUE_DATE_REASONS = ['Capacity: agreed at the board', 'Waiting for the new case management system', 'Training provider rescheduled', 'Depends on another agency’s action'];

/**
 * How many actions a recommendation has, from a uniform draw: most have one
 * or two (half one, 30% two, 13% three, 7% four: 1.77 on average).
 */
export function actionCount(draw: number) {
  return draw < 0.5 ? 1 : draw < 0.8 ? 2 : draw < 0.93 ? 3 : 4;
}

/** The items in an order drawn from `rnd` (Fisher-Yates). */
function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** 24 hours of simulated time, for spacing instants; dates are UK days (lib/days.ts). */
const DAY = 86_400_000;
/** The UK day an instant of the simulation falls in, as a date-only column holds it. */
const day = (ms: number) => storedDate(ukDay(new Date(ms)));

/** The e-mail of a partnership's user (u: 0 admin, 1-4 reviewers, 5 viewer, 6-39 owners). */
export const benchEmail = (partnership: number, user: number) => `p${partnership}.user${user}@bench.test`;

/** The agency (0-4) an owner user (6-39) works for; 5 is the board. */
export const ownerAgencyIndex = (user: number) => user % 5;

/**
 * One partnership: 20 reviews, 300 findings, 600 recommendations with about
 * 1,060 actions, about 21,000 events, 6 agencies and 40 users, spread over the
 * `years` before `end`.
 */
export function simulatePartnership(index: number, options: { end: Date; years: number; fileBytes: Buffer }): Partnership {
  const rnd = random(1000 + index);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const p = `p${index}`;
  const out: Partnership = { agencies: [], users: [], reviews: [], findings: [], recommendations: [], actions: [], links: [], measures: [], evidence: [], files: [], comments: [], events: [] };
  const start = options.end.getTime() - options.years * 365 * DAY;
  const fileSha256 = createHash('sha256').update(options.fileBytes).digest('hex');

  const agencies = AGENCIES.map(([name, isBoard], i) => {
    const agency = { id: `${p}-agency-${i}`, name: `${name} (partnership ${index})`, shortName: `${name} ${index}`, isBoard, createdAt: new Date(start), updatedAt: new Date(start) };
    out.agencies.push(agency);
    return agency;
  });
  const usersByAgency = new Map<string, string[]>();
  const userNames = new Map<string, string>();
  const reviewers: string[] = [];
  for (let u = 0; u < USERS_PER_PARTNERSHIP; u++) {
    const agencyIndex = u < 6 ? 5 : ownerAgencyIndex(u);
    const role = u === 0 ? 'ADMIN' : u < 5 ? 'REVIEWER' : u < 6 ? 'VIEWER' : 'OWNER';
    const id = `${p}-user-${u}`;
    const name = `${role.toLowerCase()} ${u} of partnership ${index}`;
    out.users.push({ id, email: benchEmail(index, u), name, role, agencyId: agencies[agencyIndex]!.id, createdAt: new Date(start), updatedAt: new Date(start) });
    userNames.set(id, name);
    if (role === 'REVIEWER') reviewers.push(id);
    if (role === 'OWNER') usersByAgency.set(agencies[agencyIndex]!.id, [...(usersByAgency.get(agencies[agencyIndex]!.id) ?? []), id]);
  }

  type Pending = { at: number; row: Row };
  const events: Pending[] = [];
  // Each payload goes through the history's catalogue, exactly as recordEvent stores it.
  const event = (at: number, row: Row) => {
    const kind = row.kind as EventKind;
    const payload = payloadToStore<EventKind>(kind, row.before as never, row.after as never);
    events.push({ at, row: { ...row, subjectType: subjectTypeOf(kind), before: payload.before ?? undefined, after: payload.after ?? undefined, occurredAt: new Date(at) } });
  };

  for (let r = 0; r < REVIEWS_PER_PARTNERSHIP; r++) {
    const reviewId = `${p}-review-${r}`;
    const published = start + rnd() * (options.end.getTime() - start - 200 * DAY);
    const kind = pick(KINDS);
    const review = { id: reviewId, title: `${kind.replace(/_/g, ' ').toLowerCase()} ${index}-${r}: ${sentence(4)}`, kind, commissioningBody: 'Safeguarding board', publishedOn: day(published), status: 'PUBLISHED', summary: sentence(30), createdAt: new Date(published), updatedAt: new Date(published) };
    out.reviews.push(review);
    event(published, { actorId: reviewers[0], subjectType: 'review', subjectId: reviewId, subjectVersion: 1, kind: 'review.created', after: { title: review.title, kind: review.kind, commissioningBody: review.commissioningBody, status: review.status, publishedOn: review.publishedOn.toISOString() }, reviewId });

    const findings: { id: string; reference: string }[] = [];
    for (let f = 0; f < FINDINGS_PER_REVIEW; f++) {
      const id = `${reviewId}-f${f}`;
      const reference = `F${f + 1}`;
      const finding = { id, reviewId, reference, text: sentence(25), theme: pick(THEMES), severity: pick(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']), createdAt: new Date(published + f * 1000), updatedAt: new Date(published + f * 1000) };
      findings.push({ id, reference });
      out.findings.push(finding);
      event(published + f * 1000, { actorId: reviewers[0], subjectType: 'finding', subjectId: id, subjectVersion: 1, kind: 'finding.created', after: { reference, text: finding.text, theme: finding.theme, severity: finding.severity }, reviewId });
    }

    for (let n = 0; n < RECOMMENDATIONS_PER_REVIEW; n++) {
      const id = `${reviewId}-r${n}`;
      const reference = `R${n + 1}`;
      const created = published + DAY + n * 60_000;
      const priority = pick(['HIGH', 'MEDIUM', 'LOW']);
      const text = `Recommendation ${n + 1}: ${sentence(20)}`;
      const scope = { reviewId, recommendationId: id };
      const answered = [...new Set([findings[n % FINDINGS_PER_REVIEW]!, ...(rnd() < 0.5 ? [findings[(n * 7 + 3) % FINDINGS_PER_REVIEW]!] : [])])].sort((a, b) =>
        a.reference.localeCompare(b.reference, 'en', { numeric: true }),
      );
      for (const finding of answered) out.links.push({ A: finding.id, B: id });
      // As createRecommendation records it: its own fields and the links (ids and names); its first action follows.
      event(created, {
        actorId: reviewers[0],
        subjectType: 'recommendation',
        subjectId: id,
        subjectVersion: 1,
        kind: 'recommendation.created',
        after: { reference, text, response: 'ACCEPTED', priority, findingIds: answered.map((f) => f.id), findings: answered.map((f) => f.reference) },
        ...scope,
      });
      /** When the app last wrote the recommendation's row (refreshRecommendation on every change of an action but its RAG). */
      let recommendationUpdatedAt = created;

      // Its actions, each one agency's part (different agencies where there are several); a few are archived.
      const count = actionCount(rnd());
      const owners = shuffled([0, 1, 2, 3, 4], rnd).slice(0, count);
      const actions: ActionForRollUp[] = [];
      for (let k = 0; k < count; k++) {
        const actionId = `${id}-a${k + 1}`;
        const actionReference = String(k + 1);
        // The first is made with the recommendation (the recommendation as written); a reviewer adds the others.
        const actionText = k === 0 ? null : `Action ${k + 1}: ${sentence(12)}`;
        const actionCreated = created + k * 1000;
        const ownerAgency = agencies[owners[k]!]!;
        const lead = pick(usersByAgency.get(ownerAgency.id)!);
        const originalDue = day(actionCreated + (90 + rnd() * 600) * DAY);
        let due = originalDue;
        let dueDateChangeReason: string | null = null;
        let status: string = 'NOT_STARTED';
        let version = 1;
        let statusChangedAt = actionCreated;
        let lastProgressAt = actionCreated;
        let updatedAt = actionCreated;
        let progressNote: string | null = null;
        let rag: { rating: string; justification: string; by: string; at: number } | null = null;
        const actionScope = { ...scope };
        const changed = (at: number, progress: boolean, refreshes = true) => {
          updatedAt = at;
          if (progress) lastProgressAt = at;
          if (refreshes && at > recommendationUpdatedAt) recommendationUpdatedAt = at;
        };
        event(actionCreated, {
          actorId: reviewers[0],
          subjectType: 'action',
          subjectId: actionId,
          subjectVersion: 1,
          kind: 'action.created',
          // As insertAction records it.
          after: {
            reference: actionReference,
            text: actionText,
            ownerAgencyId: ownerAgency.id,
            ownerAgency: ownerAgency.shortName,
            leadOfficerId: lead,
            leadOfficer: userNames.get(lead),
            status,
            dueDate: originalDue.toISOString(),
            originalDueDate: originalDue.toISOString(),
          },
          ...actionScope,
        });

        // A measure on every action, updated now and then.
        const measureId = `${actionId}-m`;
        const measureCreated = actionCreated + 500;
        const target = 100 + Math.floor(rnd() * 2000);
        let value = 0;
        let measureVersion = 1;
        let measureUpdatedAt = measureCreated;
        event(measureCreated, {
          actorId: reviewers[0],
          subjectType: 'measure',
          subjectId: measureId,
          subjectVersion: 1,
          kind: 'measure.created',
          after: { actionId, name: 'Staff trained', unit: 'staff', target },
          ...actionScope,
        });

        // Now and then a reviewer adds an action by mistake and archives it within the hour (archiveAction), while
        // the others are all still open (no action's first step comes within the hour): it drops out of the roll-up.
        const archivedAt = count > 1 && k === count - 1 && rnd() < 0.06 ? actionCreated + 20 * 60_000 : null;
        // How far this action gets, and how busy its life is (a recommendation's actions share its work).
        const reach = Math.min(3, Math.floor(rnd() * 4.6));
        const steps = archivedAt === null ? 5 + Math.floor(rnd() * (44 / count)) : 0;
        const span = Math.max(DAY, Math.min(options.end.getTime() - actionCreated - DAY, (originalDue.getTime() - actionCreated) * (0.6 + rnd())));
        const gap = span / (steps + 1);
        let evidence: Row | null = null;
        for (let s = 0; s < steps; s++) {
          const at = actionCreated + 2000 + (s + 1) * gap;
          const progressFraction = (s + 1) / steps;
          const wantStatus = STATUSES_FLOW[Math.min(reach, Math.floor(progressFraction * (reach + 1)))]!;
          if (wantStatus !== status && wantStatus === 'IMPLEMENTED' && !evidence) {
            // The owner submits evidence (a small file) shortly before marking it implemented.
            const submittedAt = at - Math.min(3600_000, gap / 3);
            const evidenceId = `${actionId}-e0`;
            const title = `Evidence 1: ${sentence(3)}`;
            const kind = pick(EVIDENCE_KINDS);
            evidence = { id: evidenceId, recommendationId: id, actionId, title, description: '', kind, submittedById: lead, submittedAt: new Date(submittedAt), assessment: 'PENDING', version: 1 };
            out.evidence.push(evidence);
            out.files.push({ id: `${evidenceId}-file`, evidenceId, fileName: 'evidence.pdf', mediaType: 'application/pdf', size: options.fileBytes.length, sha256: fileSha256, content: options.fileBytes, createdAt: new Date(submittedAt) });
            event(submittedAt, {
              actorId: lead,
              subjectType: 'evidence',
              subjectId: evidenceId,
              subjectVersion: 1,
              kind: 'evidence.submitted',
              after: { actionId, title, kind, fileName: 'evidence.pdf', mediaType: 'application/pdf', size: options.fileBytes.length, sha256: fileSha256 },
              note: null,
              ...actionScope,
            });
            changed(submittedAt, true);
          }
          if (wantStatus !== status && wantStatus === 'VERIFIED' && evidence && evidence.assessment === 'PENDING') {
            // A reviewer (never the submitter) accepts it, then verifies the action.
            const assessedAt = at - Math.min(1800_000, gap / 6);
            const assessor = pick(reviewers);
            Object.assign(evidence, { assessment: 'ACCEPTED', assessedById: assessor, assessedAt: new Date(assessedAt), version: 2 });
            event(assessedAt, { actorId: assessor, subjectType: 'evidence', subjectId: evidence.id, subjectVersion: 2, kind: 'evidence.assessed', before: { assessment: 'PENDING', title: evidence.title }, after: { assessment: 'ACCEPTED', title: evidence.title }, note: null, ...actionScope });
          }
          if (wantStatus !== status) {
            const actor = wantStatus === 'VERIFIED' ? (evidence!.assessedById as string) : lead;
            progressNote = `Moved to ${wantStatus.toLowerCase().replace('_', ' ')}: ${sentence(8)}`;
            event(at, { actorId: actor, subjectType: 'action', subjectId: actionId, subjectVersion: ++version, kind: 'action.status_changed', before: { status }, after: { status: wantStatus }, note: progressNote, ...actionScope });
            status = wantStatus;
            statusChangedAt = at;
            changed(at, true);
          } else if (rnd() < 0.45 && status !== 'VERIFIED') {
            const next = Math.min(target, value + Math.ceil((target / steps) * (0.5 + rnd())));
            if (next !== value) {
              event(at, { actorId: lead, subjectType: 'measure', subjectId: measureId, subjectVersion: ++measureVersion, kind: 'measure.updated', before: { currentValue: value, name: 'Staff trained' }, after: { currentValue: next, name: 'Staff trained' }, note: sentence(6), ...actionScope });
              value = next;
              measureUpdatedAt = at;
              changed(at, true);
            }
          } else if (rnd() < 0.4) {
            const commentId = `${actionId}-c${s}`;
            const author = pick([lead, ...reviewers]);
            const body = sentence(15);
            out.comments.push({ id: commentId, recommendationId: id, authorId: author, body, createdAt: new Date(at) });
            event(at, { actorId: author, subjectType: 'comment', subjectId: commentId, kind: 'comment.added', after: { bodySha256: contentSha256(body) }, note: null, ...actionScope });
          } else if (rnd() < 0.15 && status !== 'VERIFIED' && due.getTime() === originalDue.getTime()) {
            // A reviewer moves the due date, with the reason (updateAction).
            const moved = storedDate(addDays(dayOf(due), 90));
            dueDateChangeReason = pick(DUE_DATE_REASONS);
            event(at, { actorId: reviewers[1], subjectType: 'action', subjectId: actionId, subjectVersion: ++version, kind: 'action.due_date_changed', before: { dueDate: due.toISOString() }, after: { dueDate: moved.toISOString() }, note: dueDateChangeReason, ...actionScope });
            due = moved;
            changed(at, false);
          } else if (rnd() < 0.025 && status !== 'VERIFIED') {
            // A reviewer overrides the RAG rating with a justification, or withdraws the override (overrideRag, withdrawRagOverride).
            const reviewer = reviewers[2]!;
            if (!rag) {
              const rating = pick(['RED', 'AMBER', 'GREEN'] as const);
              const justification = `${rating === 'GREEN' ? 'On track despite the dates' : 'Not on track'}: ${sentence(6)}`;
              event(at, { actorId: reviewer, subjectType: 'action', subjectId: actionId, subjectVersion: ++version, kind: 'action.rag_overridden', before: { rating: null, justification: null }, after: { rating, justification }, note: justification, ...actionScope });
              rag = { rating, justification, by: reviewer, at };
            } else {
              event(at, { actorId: reviewer, subjectType: 'action', subjectId: actionId, subjectVersion: ++version, kind: 'action.rag_override_withdrawn', before: { rating: rag.rating, justification: rag.justification }, after: { rating: null, justification: null }, note: `The computed rating applies again: ${sentence(4)}`, ...actionScope });
              rag = null;
            }
            changed(at, false, false);
          } else if (status !== 'VERIFIED') {
            progressNote = sentence(12);
            event(at, { actorId: lead, subjectType: 'action', subjectId: actionId, subjectVersion: ++version, kind: 'action.progress_updated', note: progressNote, ...actionScope });
            changed(at, true);
          }
        }
        if (archivedAt !== null) {
          event(archivedAt, {
            actorId: reviewers[0],
            subjectType: 'action',
            subjectId: actionId,
            subjectVersion: ++version,
            kind: 'action.archived',
            before: { archivedAt: null },
            after: { reference: actionReference, archivedAt: new Date(archivedAt).toISOString() },
            note: 'Added by mistake: this work is part of another action',
            ...actionScope,
          });
          changed(archivedAt, false);
        }
        out.measures.push({ id: measureId, recommendationId: id, actionId, name: 'Staff trained', unit: 'staff', target, currentValue: value, version: measureVersion, createdAt: new Date(measureCreated), updatedAt: new Date(measureUpdatedAt) });
        const action = {
          id: actionId,
          recommendationId: id,
          reference: actionReference,
          text: actionText,
          ownerAgencyId: ownerAgency.id,
          leadOfficerId: lead,
          originalDueDate: originalDue,
          dueDate: due,
          dueDateChangeReason,
          status: status as ActionForRollUp['status'],
          statusChangedAt: new Date(statusChangedAt),
          lastProgressAt: new Date(lastProgressAt),
          progressNote,
          ragOverride: rag?.rating ?? null,
          ragOverrideJustification: rag?.justification ?? null,
          ragOverrideById: rag?.by ?? null,
          ragOverrideAt: rag ? new Date(rag.at) : null,
          archivedAt: archivedAt === null ? null : new Date(archivedAt),
          version,
          createdAt: new Date(actionCreated),
          updatedAt: new Date(updatedAt),
        };
        out.actions.push(action);
        // The roll-up is of the live actions.
        if (archivedAt === null) actions.push(action);
      }
      // The recommendation's owner, dates and status are its actions' rolled up, as refreshRecommendation stores them.
      const rolled = rollUp(actions)!;
      out.recommendations.push({
        id,
        reviewId,
        reference,
        text,
        response: 'ACCEPTED',
        priority,
        ...rolled,
        version: 1,
        createdAt: new Date(created),
        updatedAt: new Date(recommendationUpdatedAt),
      });
    }
  }
  // Stable: events at the same instant keep the order they were made in.
  events.sort((a, b) => a.at - b.at);
  out.events = events.map((e) => e.row);
  return out;
}
