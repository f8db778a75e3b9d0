// The catalogue of history events: every kind the history holds, with the one
// schema of its payload (`before`, `after`) for each version ever written
// (decision 0013). The history is append-only: a stored event is never
// rewritten, so every shape written must stay readable for ever.
//
// - Writing: `recordEvent` (record-event.ts) accepts only the kind's current
//   shape, checked here, exactly (an unknown field is an error, not a drift).
// - Reading: `readEvent` parses a stored row by its kind, trying the current
//   version first and then older ones, and upcasts an older shape to the
//   current one. Fields a version does not name are ignored when read.
// - A kind evolves by adding a version at the head of its list, with an
//   `upcast` on the one it replaces; the old schema stays.
//
// Pure and safe anywhere (the seed, the benchmark's generator, tests).
import { z } from 'zod';
import {
  Assessment,
  EvidenceKind,
  NoticeEmail,
  Priority,
  Rag,
  RecommendationStatus,
  ResponseKind,
  ReviewKind,
  ReviewStatus,
  Role,
  Severity,
} from '@/lib/generated/prisma/enums';

// --- Value schemas: what a field holds as JSON, and what a writer may give --

/** An instant or a date-only value, stored as ISO text ('2013-03-31T00:00:00.000Z'). */
const isoDate = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => (value instanceof Date ? value.toISOString() : value));
const optionalIsoDate = z.union([isoDate, z.null()]);
/** A number; Prisma's Decimal is stored as its number. */
const amount = z
  .union([z.number(), z.custom<{ toNumber(): number }>((value) => typeof value === 'object' && value !== null && 'toNumber' in value)])
  .transform((value) => (typeof value === 'number' ? value : value.toNumber()));
const text = z.string();
const optionalText = z.string().nullable();
const id = z.string();
/** A SHA-256, lowercase hex. */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

type Shape = z.ZodRawShape;

/** One version of a kind: its `before` and `after` shapes (null: the event carries none). */
type VersionDef = { before: Shape | null; after: Shape | null; partial?: boolean };

// Each kind's versions, newest first. `upcast` turns a version's parsed
// payload into the next newer version's (only needed on older versions).
type Upcast = (payload: { before: unknown; after: unknown }) => { before: unknown; after: unknown };

const reviewFields = {
  title: text,
  kind: z.enum(ReviewKind),
  commissioningBody: text,
  periodStart: optionalIsoDate.optional(),
  periodEnd: optionalIsoDate.optional(),
  publishedOn: optionalIsoDate.optional(),
  status: z.enum(ReviewStatus),
  summary: text.optional(),
  sourceUrl: optionalText.optional(),
};

const findingFields = { reference: text, text, theme: text, severity: z.enum(Severity) };

/** A recommendation's links travel as ids and names: the names say what the ids meant then. */
const recommendationFields = {
  reference: text,
  text,
  response: z.enum(ResponseKind),
  priority: z.enum(Priority),
  findingIds: z.array(id),
  findings: z.array(text),
};

/** Before actions (decision 0015) a recommendation had one owner; now each action has. */
const ownerFields = { ownerAgencyId: id, ownerAgency: text, leadOfficerId: id.nullable(), leadOfficer: optionalText };

/**
 * Fields an event written before actions carried that are now its action's:
 * the replay reads them as the recommendation's one action (the migration gave
 * it the recommendation's id). Only ever the result of reading an older version.
 */
const impliedAction = z
  .object({
    ...ownerFields,
    ownerAgency: optionalText,
    status: z.enum(RecommendationStatus),
    dueDate: isoDate,
    originalDueDate: isoDate,
  })
  .partial()
  .optional();
/** A field an older version had and the current one has not: a stored payload with it is the older version. */
const absent = z.undefined().optional();
const retiredOwnerFields = { ownerAgencyId: absent, ownerAgency: absent, leadOfficerId: absent, leadOfficer: absent };

/** An action's links, as ids and names. */
const actionFields = { reference: text, text: optionalText, ...ownerFields };

const userFields = { name: text, role: z.enum(Role), agencyId: id, agencyName: text };

const ragOverride = { rating: z.enum(Rag).nullable(), justification: optionalText };

/** An agency's senior lead, by id and name (null: none). */
const seniorLeadFields = { seniorLeadId: id.nullable(), seniorLead: optionalText };

/** The notice rules' thresholds, in days (lib/notices/rules.ts). */
const days = z.number().int();
const noticeRuleFields = { dueSoonDays: z.array(days), stalledDays: days, evidenceWaitingDays: days, seniorLeadAfterDays: days, managerAfterDays: days };

const archived = { archivedAt: isoDate };

const evidenceFields = {
  title: text,
  kind: z.enum(EvidenceKind),
  url: optionalText.optional(),
  fileName: text.optional(),
  mediaType: text.optional(),
  size: z.number().int().optional(),
  sha256: text.optional(),
};

/** Where an imported change came from: the file (by name and SHA-256) and its row (decision 0016). */
const importSource = z.object({ fileName: text, sha256, sheet: text, row: z.number().int().positive() });

/** What importing a row may change on an action: each field only when it changed. */
const importedActionFields = {
  text: optionalText.optional(),
  ownerAgencyId: id.optional(),
  ownerAgency: text.optional(),
  leadOfficerId: id.nullable().optional(),
  leadOfficer: optionalText.optional(),
  dueDate: isoDate.optional(),
  status: z.enum(RecommendationStatus).optional(),
  progressNote: optionalText.optional(),
  rating: z.enum(Rag).nullable().optional(),
};

/** An older payload with an owner, dates or status: those move into `impliedAction`. */
function withImpliedAction(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  const { ownerAgencyId, ownerAgency, leadOfficerId, leadOfficer, status, dueDate, originalDueDate, ...rest } = payload as Record<string, unknown>;
  const implied = Object.fromEntries(
    Object.entries({ ownerAgencyId, ownerAgency, leadOfficerId, leadOfficer, status, dueDate, originalDueDate }).filter(([, value]) => value !== undefined),
  );
  return Object.keys(implied).length ? { ...rest, impliedAction: implied } : rest;
}

/** The events' definitions. The order of versions is newest first. */
const CATALOGUE = {
  'agency.created': [{ before: null, after: { name: text, shortName: text, isBoard: z.boolean().optional() } }],
  // An admin chose who an agency's overdue actions are escalated to first (null: nobody, straight to the business managers).
  'agency.senior_lead_changed': [{ before: seniorLeadFields, after: seniorLeadFields }],
  // An admin had a failed email tried again (its subject is the email; who it was to, and why it had failed).
  'email.retried': [{ before: { status: z.literal('FAILED'), lastError: optionalText }, after: { status: z.literal('QUEUED'), recipientId: id, recipient: text } }],
  // An admin changed the partnership's notice rules: only the thresholds that changed.
  'settings.notice_rules_changed': [{ before: noticeRuleFields, after: noticeRuleFields, partial: true }],
  'user.created': [
    {
      before: null,
      after: {
        email: text,
        name: text,
        role: z.enum(Role),
        agencyId: id,
        agencyName: text.optional(),
        active: z.boolean(),
        mustChangePassword: z.boolean().optional(),
      },
    },
    {
      // Version 1 (the first admin, from the command line, until fc404db): no `active`; a new user is active.
      before: null,
      after: { email: text, name: text, role: z.enum(Role), agencyId: id },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before, after: { ...(after as object), active: true } }),
    },
  ],
  'user.updated': [{ before: userFields, after: userFields, partial: true }],
  'user.deactivated': [{ before: { active: z.literal(true) }, after: { active: z.literal(false) } }],
  // A user's own choice of reminder emails (or the unsubscribe link in one: then the note says so).
  'user.notice_email_changed': [{ before: { noticeEmail: z.enum(NoticeEmail) }, after: { noticeEmail: z.enum(NoticeEmail) } }],
  'user.reactivated': [{ before: { active: z.literal(false) }, after: { active: z.literal(true) } }],
  'user.password_reset': [{ before: { mustChangePassword: z.boolean() }, after: { mustChangePassword: z.literal(true) } }],
  'user.password_changed': [
    {
      before: { mustChangePassword: z.boolean(), passwordChangedAt: optionalIsoDate },
      after: { mustChangePassword: z.literal(false), passwordChangedAt: isoDate },
    },
  ],
  'user.signed_in': [{ before: null, after: { email: text, twoFactor: optionalText } }],
  'user.sign_in_failed': [{ before: null, after: { email: text, reason: text } }],
  'user.signed_out': [{ before: null, after: null }],
  'user.two_factor_enabled': [{ before: null, after: { method: text, recoveryCodes: z.number().int() } }],
  'user.two_factor_disabled': [{ before: null, after: { by: z.enum(['user', 'admin']) } }],
  'user.recovery_code_used': [{ before: null, after: { remaining: z.number().int() } }],
  /** A signed-in user re-entered a factor (current password, a current code) wrongly. */
  'user.reauthentication_failed': [{ before: null, after: { purpose: z.enum(['change password', 'turn off two-factor']) } }],
  'access.denied': [
    // At most a few are recorded per person per window (lib/auth/access-denied.ts): the first recorded after a busy
    // window says how many refusals in it went unrecorded.
    { before: null, after: { action: text, unrecordedBefore: z.number().int().min(0) } },
    {
      // Version 1 (until 2026-11-28): every refusal was recorded.
      before: null,
      after: { action: text },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before, after: { ...(after as object), unrecordedBefore: 0 } }),
    },
  ],
  'review.created': [{ before: null, after: reviewFields }],
  'review.updated': [{ before: reviewFields, after: reviewFields, partial: true }],
  'review.archived': [{ before: { archivedAt: z.null() }, after: archived }],
  'finding.created': [{ before: null, after: findingFields }],
  'finding.updated': [{ before: findingFields, after: findingFields, partial: true }],
  'finding.archived': [{ before: { archivedAt: z.null() }, after: { reference: text, ...archived } }],
  'recommendation.created': [
    {
      before: null,
      // Its first action has its own 'action.created', in the same transaction.
      after: { ...recommendationFields, ...retiredOwnerFields, impliedAction },
    },
    {
      // Version 2 (until actions, 2026-11-28): the owner, dates and status that are now its action's.
      before: null,
      after: {
        ...recommendationFields,
        ...ownerFields,
        status: z.enum(RecommendationStatus),
        dueDate: isoDate,
        originalDueDate: isoDate,
      },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before, after: withImpliedAction(after) }),
    },
    {
      // Version 1 (the demo seed until 2026-11-28): ids without their names.
      before: null,
      after: {
        reference: text,
        text,
        response: z.enum(ResponseKind),
        priority: z.enum(Priority),
        ownerAgencyId: id,
        leadOfficerId: id.nullable(),
        findingIds: z.array(id),
        status: z.enum(RecommendationStatus),
        dueDate: isoDate,
        originalDueDate: isoDate,
      },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({
        before,
        after: { ...(after as object), ownerAgency: null, leadOfficer: null, findings: null },
      }),
    },
  ],
  'recommendation.updated': [
    { before: { ...recommendationFields, ...retiredOwnerFields, impliedAction }, after: { ...recommendationFields, ...retiredOwnerFields, impliedAction }, partial: true },
    {
      // Version 2 (until actions, 2026-11-28): the owner agency and lead officer, now its action's.
      before: { ...recommendationFields, ...ownerFields },
      after: { ...recommendationFields, ...ownerFields },
      partial: true,
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before: withImpliedAction(before), after: withImpliedAction(after) }),
    },
    {
      // Version 1 (the demo seed until a16bf0b): a progress note, before recommendation.progress_updated existed.
      before: { progressNote: optionalText },
      after: { progressNote: text },
      upcast: (payload: { before: unknown; after: unknown }) => payload,
    },
  ],
  // A reviewer's decision on the recommendation (not accepted, superseded, reopened); before actions, every move.
  'recommendation.status_changed': [
    { before: { status: z.enum(RecommendationStatus) }, after: { status: z.enum(RecommendationStatus) } },
  ],
  // Before actions, the recommendation's own progress, due date and RAG: now its actions' (read, never written).
  'recommendation.progress_updated': [{ before: null, after: null }],
  'recommendation.due_date_changed': [{ before: { dueDate: isoDate }, after: { dueDate: isoDate } }],
  'recommendation.rag_overridden': [{ before: ragOverride, after: { rating: z.enum(Rag), justification: text } }],
  'recommendation.rag_override_withdrawn': [{ before: ragOverride, after: { rating: z.null(), justification: z.null() } }],
  'recommendation.archived': [{ before: { archivedAt: z.null() }, after: { reference: text, ...archived } }],
  'action.created': [
    { before: null, after: { ...actionFields, status: z.enum(RecommendationStatus), dueDate: isoDate, originalDueDate: isoDate } },
  ],
  'action.updated': [{ before: actionFields, after: actionFields, partial: true }],
  'action.status_changed': [{ before: { status: z.enum(RecommendationStatus) }, after: { status: z.enum(RecommendationStatus) } }],
  'action.progress_updated': [{ before: null, after: null }],
  'action.due_date_changed': [{ before: { dueDate: isoDate }, after: { dueDate: isoDate } }],
  'action.rag_overridden': [{ before: ragOverride, after: { rating: z.enum(Rag), justification: text } }],
  'action.rag_override_withdrawn': [{ before: ragOverride, after: { rating: z.null(), justification: z.null() } }],
  'action.archived': [{ before: { archivedAt: z.null() }, after: { reference: text, ...archived } }],
  // A row of a spreadsheet applied to an action (issue 12): the fields it changed, and where it came from.
  // A status is as the file says (`statusWord`), not moved through the workflow in the app.
  'action.imported': [
    {
      before: importedActionFields,
      after: { ...importedActionFields, statusWord: optionalText.optional(), source: importSource },
    },
  ],
  // A spreadsheet committed into a review: the file, and what it did.
  'review.plan_imported': [
    {
      before: null,
      after: {
        fileName: text,
        sha256,
        sheet: text,
        rows: z.number().int(),
        recommendationsCreated: z.number().int(),
        actionsCreated: z.number().int(),
        actionsUpdated: z.number().int(),
        rowsLeftOut: z.array(z.number().int()),
      },
    },
  ],
  // A notice the round made (lib/notices): which rule, to whom, about which item and day. By the system (no actor).
  'notice.sent': [
    {
      before: null,
      after: { rule: text, recipientId: id, recipient: text, actionId: id.nullable(), evidenceId: id.nullable(), aboutDay: z.iso.date().nullable(), key: text },
    },
  ],
  'measure.created': [
    { before: null, after: { actionId: id, name: text, unit: text, target: amount, currentValue: amount.optional() } },
    {
      // Version 1 (until actions): the recommendation's; the replay reads it as its one action's.
      before: null,
      after: { name: text, unit: text, target: amount, currentValue: amount.optional() },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before, after: { ...(after as object), actionId: null } }),
    },
  ],
  'measure.updated': [
    { before: { currentValue: amount, name: text.optional() }, after: { currentValue: amount, name: text.optional() } },
  ],
  'evidence.submitted': [
    { before: null, after: { actionId: id, ...evidenceFields } },
    {
      // Version 1 (until actions): the recommendation's; the replay reads it as its one action's.
      before: null,
      after: evidenceFields,
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({ before, after: { ...(after as object), actionId: null } }),
    },
  ],
  'evidence.assessed': [
    // The title is not a change: it says which evidence on the timeline.
    { before: { assessment: z.enum(Assessment), title: text }, after: { assessment: z.enum(Assessment), title: text } },
    {
      // Version 1 (the demo seed until 2026-11-28): the comment (also the note) and no title.
      before: { assessment: z.enum(Assessment), assessmentComment: optionalText.optional() },
      after: { assessment: z.enum(Assessment), assessmentComment: optionalText.optional() },
      upcast: ({ before, after }: { before: unknown; after: unknown }) => ({
        before: { assessment: (before as { assessment: Assessment }).assessment, title: null },
        after: { assessment: (after as { assessment: Assessment }).assessment, title: null },
      }),
    },
  ],
  'comment.added': [
    // The comment's text lives in its own table; its SHA-256 here puts it under the chain (audit:verify checks it).
    { before: null, after: { bodySha256: sha256 } },
    {
      // Version 2 (until 2026-11-28): nothing; the comment's text was outside the chain.
      before: null,
      after: null,
      upcast: () => ({ before: null, after: { bodySha256: null } }),
    },
    {
      // Version 1 (the demo seed until 2026-11-28) copied the comment's text.
      before: null,
      after: { body: text },
      upcast: () => ({ before: null, after: null }),
    },
  ],
} as const satisfies Record<string, readonly (VersionDef & { upcast?: Upcast })[]>;

type Catalogue = typeof CATALOGUE;
export type EventKind = keyof Catalogue;
export const EVENT_KINDS = Object.keys(CATALOGUE) as EventKind[];

export type SubjectType = EventKind extends `${infer S}.${string}` ? S : never;
export const subjectTypeOf = (kind: EventKind) => kind.split('.')[0] as SubjectType;

// --- Types of the current version of each kind -----------------------------

type Current<K extends EventKind> = Catalogue[K][0];
type ObjectOf<S, P> = S extends Shape
  ? P extends true
    ? Partial<z.output<z.ZodObject<S>>>
    : z.output<z.ZodObject<S>>
  : null;
type InputOf<S, P> = S extends Shape
  ? P extends true
    ? Partial<z.input<z.ZodObject<S>>>
    : z.input<z.ZodObject<S>>
  : null | undefined;
type PartialFlag<K extends EventKind> = Current<K> extends { partial: true } ? true : false;

/** What a writer gives for a kind's `before` / `after` (Dates and Decimals allowed). */
export type BeforeInput<K extends EventKind> = InputOf<Current<K>['before'], PartialFlag<K>>;
export type AfterInput<K extends EventKind> = InputOf<Current<K>['after'], PartialFlag<K>>;

/**
 * What a reader gets for a kind's `before` / `after`, in the current version's
 * shape; fields an older version lacked are null after its upcast.
 */
export type BeforeOf<K extends EventKind> = K extends keyof ReadWithOlderVersions
  ? ReadWithOlderVersions[K]['before']
  : ObjectOf<Current<K>['before'], PartialFlag<K>>;
export type AfterOf<K extends EventKind> = K extends keyof ReadWithOlderVersions
  ? ReadWithOlderVersions[K]['after']
  : ObjectOf<Current<K>['after'], PartialFlag<K>>;

type CurrentAfter<K extends EventKind> = ObjectOf<Current<K>['after'], PartialFlag<K>>;
type WithNull<T, F extends keyof T> = Omit<T, F> & { [P in F]: T[P] | null };

/** Where an older version lacked a field of the current one, readers see null; a field only an older version had is kept. */
type ReadWithOlderVersions = {
  'evidence.assessed': {
    before: WithNull<CurrentAfter<'evidence.assessed'>, 'title'>;
    after: WithNull<CurrentAfter<'evidence.assessed'>, 'title'>;
  };
  'evidence.submitted': { before: null; after: WithNull<CurrentAfter<'evidence.submitted'>, 'actionId'> };
  'measure.created': { before: null; after: WithNull<CurrentAfter<'measure.created'>, 'actionId'> };
  'comment.added': { before: null; after: { bodySha256: string | null } };
  'user.created': { before: null; after: CurrentAfter<'user.created'> };
  'recommendation.created': {
    before: null;
    after: WithNull<CurrentAfter<'recommendation.created'>, 'findings'> & { impliedAction?: ImpliedAction };
  };
  'recommendation.updated': {
    before: Partial<CurrentAfter<'recommendation.updated'>> & { progressNote?: string | null; impliedAction?: ImpliedAction };
    after: Partial<CurrentAfter<'recommendation.updated'>> & { progressNote?: string; impliedAction?: ImpliedAction };
  };
};

/** What an event written before actions says about the recommendation's one action (names null in version 1). */
export type ImpliedAction = {
  ownerAgencyId?: string;
  ownerAgency?: string | null;
  leadOfficerId?: string | null;
  leadOfficer?: string | null;
  status?: RecommendationStatus;
  dueDate?: string;
  originalDueDate?: string;
};

/** A stored event, read through the catalogue: `kind` tells the shape of `before` and `after`. */
export type CataloguedEvent = {
  [K in EventKind]: { kind: K; before: BeforeOf<K>; after: AfterOf<K> };
}[EventKind];

/** Any stored event row, as Prisma or SQL give it. */
export type StoredPayload = { kind: string; before: unknown; after: unknown };

// --- Schemas, built once --------------------------------------------------------

type CompiledVersion = {
  write: { before: z.ZodType; after: z.ZodType };
  read: { before: z.ZodType; after: z.ZodType };
  upcast?: Upcast;
};

function compile(shape: Shape | null, partial: boolean, strict: boolean): z.ZodType {
  if (shape === null) return z.null();
  const object = strict ? z.strictObject(shape) : z.object(shape);
  // A change names at least one of its fields: otherwise an older version's
  // payload (whose fields reading ignores) would pass as an empty change.
  return partial ? object.partial().refine((value) => Object.keys(value).length > 0, 'names none of its fields') : object;
}

const COMPILED = Object.fromEntries(
  Object.entries(CATALOGUE).map(([kind, versions]) => [
    kind,
    (versions as readonly (VersionDef & { upcast?: Upcast })[]).map(
      (version): CompiledVersion => ({
        write: { before: compile(version.before, version.partial ?? false, true), after: compile(version.after, version.partial ?? false, true) },
        read: { before: compile(version.before, version.partial ?? false, false), after: compile(version.after, version.partial ?? false, false) },
        upcast: version.upcast,
      }),
    ),
  ]),
) as Record<EventKind, CompiledVersion[]>;

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(CATALOGUE, kind);
}

export class UnreadableEventError extends Error {
  constructor(readonly kind: string, detail: string) {
    super(`A stored "${kind}" event matches no version of its schema: ${detail}`);
    this.name = 'UnreadableEventError';
  }
}

export class InvalidEventError extends Error {
  constructor(readonly kind: string, detail: string) {
    super(`A "${kind}" event to record does not match its schema: ${detail}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * A new event's payload, checked against the kind's current shape and turned
 * into the JSON stored (dates as ISO text, decimals as numbers). Throws
 * InvalidEventError on any other shape: drift is caught where it is written.
 */
export function payloadToStore<K extends EventKind>(
  kind: K,
  before: BeforeInput<K> | undefined,
  after: AfterInput<K> | undefined,
): { before: unknown; after: unknown } {
  const current = COMPILED[kind][0]!;
  const b = current.write.before.safeParse(before ?? null);
  const a = current.write.after.safeParse(after ?? null);
  if (!b.success) throw new InvalidEventError(kind, `before: ${z.prettifyError(b.error)}`);
  if (!a.success) throw new InvalidEventError(kind, `after: ${z.prettifyError(a.error)}`);
  return { before: b.data, after: a.data };
}

/**
 * Reads a stored event's payload through the catalogue: the newest version
 * that parses it, upcast to the current shape. Throws UnreadableEventError for
 * an unknown kind or a shape no version describes.
 */
export function readEvent<E extends StoredPayload>(event: E): Omit<E, 'kind' | 'before' | 'after'> & CataloguedEvent {
  if (!isEventKind(event.kind)) throw new UnreadableEventError(event.kind, 'unknown kind');
  const versions = COMPILED[event.kind];
  // A payload stored as SQL NULL and one of JSON null mean the same: none.
  const before = event.before ?? null;
  const after = event.after ?? null;
  for (const [index, version] of versions.entries()) {
    const b = version.read.before.safeParse(before);
    const a = version.read.after.safeParse(after);
    if (!b.success || !a.success) continue;
    let payload: { before: unknown; after: unknown } = { before: b.data, after: a.data };
    // Upcast step by step to the current version.
    for (let older = index; older > 0; older--) payload = versions[older]!.upcast!(payload);
    return { ...event, kind: event.kind, before: payload.before, after: payload.after } as Omit<E, 'kind' | 'before' | 'after'> & CataloguedEvent;
  }
  throw new UnreadableEventError(event.kind, JSON.stringify({ before, after }).slice(0, 300));
}

/** For exhaustive switches over event kinds: a new kind not handled fails type-checking here. */
export function unhandledKind(event: never): never {
  throw new Error(`Unhandled history event kind: ${(event as { kind: string }).kind}`);
}
