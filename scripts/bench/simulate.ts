// Simulates partnerships' years of work in realistic proportions, for the
// benchmark: reviews, findings, recommendations, measures, evidence,
// comments, users and the history events that explain every current value.
// Deterministic (seeded), so two runs at one scale give the same data.
//
// The events are what the app's own use cases record (same kinds, same
// before/after fields: see lib/recommendations/*, lib/evidence/*, ...), so
// that the report's replay of history arrives at the current rows exactly,
// and every versioned row's version is the subjectVersion of its last event.
import { createHash } from 'node:crypto';
import { contentSha256 } from '@/lib/audit/chain';
import { type EventKind, payloadToStore, subjectTypeOf } from '@/lib/audit/event-catalogue';
import { addDays, dayOf, storedDate, ukDay } from '@/lib/days';

export type Row = Record<string, unknown>;

export type Partnership = {
  agencies: Row[];
  users: Row[];
  reviews: Row[];
  findings: Row[];
  recommendations: Row[];
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

/** 24 hours of simulated time, for spacing instants; dates are UK days (lib/days.ts). */
const DAY = 86_400_000;
/** The UK day an instant of the simulation falls in, as a date-only column holds it. */
const day = (ms: number) => storedDate(ukDay(new Date(ms)));

/** The e-mail of a partnership's user (u: 0 admin, 1-4 reviewers, 5 viewer, 6-39 owners). */
export const benchEmail = (partnership: number, user: number) => `p${partnership}.user${user}@bench.test`;

/** The agency (0-4) an owner user (6-39) works for; 5 is the board. */
export const ownerAgencyIndex = (user: number) => user % 5;

/**
 * One partnership: 20 reviews, 300 findings, 600 recommendations, about
 * 20,000 events, 6 agencies and 40 users, spread over the `years` before `end`.
 */
export function simulatePartnership(index: number, options: { end: Date; years: number; fileBytes: Buffer }): Partnership {
  const rnd = random(1000 + index);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const p = `p${index}`;
  const out: Partnership = { agencies: [], users: [], reviews: [], findings: [], recommendations: [], links: [], measures: [], evidence: [], files: [], comments: [], events: [] };
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
      const ownerAgency = agencies[Math.floor(rnd() * 5)]!;
      const lead = pick(usersByAgency.get(ownerAgency.id)!);
      const priority = pick(['HIGH', 'MEDIUM', 'LOW']);
      const text = `Recommendation ${n + 1}: ${sentence(20)}`;
      const originalDue = day(created + (90 + rnd() * 600) * DAY);
      let due = originalDue;
      let status: string = 'NOT_STARTED';
      let version = 1;
      let statusChangedAt = created;
      let lastProgressAt = created;
      let updatedAt = created;
      let progressNote: string | null = null;
      const scope = { reviewId, recommendationId: id };
      const answered = [...new Set([findings[n % FINDINGS_PER_REVIEW]!, ...(rnd() < 0.5 ? [findings[(n * 7 + 3) % FINDINGS_PER_REVIEW]!] : [])])].sort((a, b) =>
        a.reference.localeCompare(b.reference, 'en', { numeric: true }),
      );
      for (const finding of answered) out.links.push({ A: finding.id, B: id });
      event(created, {
        actorId: reviewers[0],
        subjectType: 'recommendation',
        subjectId: id,
        subjectVersion: 1,
        kind: 'recommendation.created',
        // As createRecommendation records it: the fields, the status, and the links (ids and names).
        after: {
          reference,
          text,
          response: 'ACCEPTED',
          ownerAgencyId: ownerAgency.id,
          leadOfficerId: lead,
          priority,
          originalDueDate: originalDue.toISOString(),
          dueDate: originalDue.toISOString(),
          status,
          ownerAgency: ownerAgency.shortName,
          leadOfficer: userNames.get(lead),
          findingIds: answered.map((f) => f.id),
          findings: answered.map((f) => f.reference),
        },
        ...scope,
      });

      // A measure on every recommendation, updated now and then.
      const measureId = `${id}-m`;
      const target = 100 + Math.floor(rnd() * 2000);
      let value = 0;
      let measureVersion = 1;
      let measureUpdatedAt = created + 1000;
      event(created + 1000, { actorId: reviewers[0], subjectType: 'measure', subjectId: measureId, subjectVersion: 1, kind: 'measure.created', after: { name: 'Staff trained', unit: 'staff', target }, ...scope });

      // How far this recommendation gets, and how busy its life is (about 30 events on average).
      const reach = Math.min(3, Math.floor(rnd() * 4.6));
      const steps = 8 + Math.floor(rnd() * 47);
      const span = Math.max(DAY, Math.min(options.end.getTime() - created - DAY, (originalDue.getTime() - created) * (0.6 + rnd())));
      const gap = span / (steps + 1);
      let evidence: Row | null = null;
      for (let s = 0; s < steps; s++) {
        const at = created + 2000 + (s + 1) * gap;
        const progressFraction = (s + 1) / steps;
        const wantStatus = STATUSES_FLOW[Math.min(reach, Math.floor(progressFraction * (reach + 1)))]!;
        if (wantStatus !== status && wantStatus === 'IMPLEMENTED' && !evidence) {
          // The owner submits evidence (a small file) shortly before marking it implemented.
          const submittedAt = at - Math.min(3600_000, gap / 3);
          const evidenceId = `${id}-e0`;
          const title = `Evidence 1: ${sentence(3)}`;
          const kind = pick(EVIDENCE_KINDS);
          evidence = { id: evidenceId, recommendationId: id, title, description: '', kind, submittedById: lead, submittedAt: new Date(submittedAt), assessment: 'PENDING', version: 1 };
          out.evidence.push(evidence);
          out.files.push({ id: `${evidenceId}-file`, evidenceId, fileName: 'evidence.pdf', mediaType: 'application/pdf', size: options.fileBytes.length, sha256: fileSha256, content: options.fileBytes, createdAt: new Date(submittedAt) });
          event(submittedAt, { actorId: lead, subjectType: 'evidence', subjectId: evidenceId, subjectVersion: 1, kind: 'evidence.submitted', after: { title, kind, fileName: 'evidence.pdf', mediaType: 'application/pdf', size: options.fileBytes.length, sha256: fileSha256 }, ...scope });
          lastProgressAt = submittedAt;
          updatedAt = submittedAt;
        }
        if (wantStatus !== status && wantStatus === 'VERIFIED' && evidence && evidence.assessment === 'PENDING') {
          // A reviewer (never the submitter) accepts it, then verifies the recommendation.
          const assessedAt = at - Math.min(1800_000, gap / 6);
          const assessor = pick(reviewers);
          Object.assign(evidence, { assessment: 'ACCEPTED', assessedById: assessor, assessedAt: new Date(assessedAt), version: 2 });
          event(assessedAt, { actorId: assessor, subjectType: 'evidence', subjectId: evidence.id, subjectVersion: 2, kind: 'evidence.assessed', before: { assessment: 'PENDING', title: evidence.title }, after: { assessment: 'ACCEPTED', title: evidence.title }, note: null, ...scope });
        }
        if (wantStatus !== status) {
          const actor = wantStatus === 'VERIFIED' ? (evidence!.assessedById as string) : lead;
          progressNote = `Moved to ${wantStatus.toLowerCase().replace('_', ' ')}: ${sentence(8)}`;
          event(at, { actorId: actor, subjectType: 'recommendation', subjectId: id, subjectVersion: ++version, kind: 'recommendation.status_changed', before: { status }, after: { status: wantStatus }, note: progressNote, ...scope });
          status = wantStatus;
          statusChangedAt = lastProgressAt = updatedAt = at;
        } else if (rnd() < 0.45 && status !== 'VERIFIED') {
          const next = Math.min(target, value + Math.ceil((target / steps) * (0.5 + rnd())));
          if (next !== value) {
            event(at, { actorId: lead, subjectType: 'measure', subjectId: measureId, subjectVersion: ++measureVersion, kind: 'measure.updated', before: { currentValue: value, name: 'Staff trained' }, after: { currentValue: next, name: 'Staff trained' }, note: sentence(6), ...scope });
            value = next;
            lastProgressAt = updatedAt = measureUpdatedAt = at;
          }
        } else if (rnd() < 0.4) {
          const commentId = `${id}-c${s}`;
          const author = pick([lead, ...reviewers]);
          const body = sentence(15);
          out.comments.push({ id: commentId, recommendationId: id, authorId: author, body, createdAt: new Date(at) });
          event(at, { actorId: author, subjectType: 'comment', subjectId: commentId, kind: 'comment.added', after: { bodySha256: contentSha256(body) }, note: null, ...scope });
        } else if (rnd() < 0.15 && status !== 'VERIFIED' && due.getTime() === originalDue.getTime()) {
          const moved = storedDate(addDays(dayOf(due), 90));
          event(at, { actorId: reviewers[1], subjectType: 'recommendation', subjectId: id, subjectVersion: ++version, kind: 'recommendation.due_date_changed', before: { dueDate: due.toISOString() }, after: { dueDate: moved.toISOString() }, note: 'Capacity: agreed at the board', ...scope });
          due = moved;
          updatedAt = at;
        } else if (status !== 'VERIFIED') {
          progressNote = sentence(12);
          event(at, { actorId: lead, subjectType: 'recommendation', subjectId: id, subjectVersion: ++version, kind: 'recommendation.progress_updated', note: progressNote, ...scope });
          lastProgressAt = updatedAt = at;
        }
      }
      out.measures.push({ id: measureId, recommendationId: id, name: 'Staff trained', unit: 'staff', target, currentValue: value, version: measureVersion, createdAt: new Date(created + 1000), updatedAt: new Date(measureUpdatedAt) });
      out.recommendations.push({
        id,
        reviewId,
        reference,
        text,
        response: 'ACCEPTED',
        ownerAgencyId: ownerAgency.id,
        leadOfficerId: lead,
        priority,
        originalDueDate: originalDue,
        dueDate: due,
        dueDateChangeReason: due.getTime() === originalDue.getTime() ? null : 'Capacity: agreed at the board',
        status,
        statusChangedAt: new Date(statusChangedAt),
        lastProgressAt: new Date(lastProgressAt),
        progressNote,
        version,
        createdAt: new Date(created),
        updatedAt: new Date(updatedAt),
      });
    }
  }
  // Stable: events at the same instant keep the order they were made in.
  events.sort((a, b) => a.at - b.at);
  out.events = events.map((e) => e.row);
  return out;
}
