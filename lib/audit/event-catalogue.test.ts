import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db/client';
import {
  type AfterInput,
  type BeforeInput,
  EVENT_KINDS,
  type EventKind,
  InvalidEventError,
  payloadToStore,
  readEvent,
  UnreadableEventError,
} from './event-catalogue';

const at = '2013-03-31T00:00:00.000Z';

// One payload of the current shape for every kind: a new kind must add one here.
const SAMPLES: { [K in EventKind]: { before?: BeforeInput<K>; after?: AfterInput<K> } } = {
  'agency.created': { after: { name: 'Greater Manchester Police', shortName: 'Police', isBoard: false } },
  'user.created': { after: { email: 'a@b.test', name: 'Police CSE lead officer', role: 'OWNER', agencyId: 'a1', agencyName: 'Police', active: true, mustChangePassword: true } },
  'user.updated': { before: { name: 'Old name' }, after: { name: 'New name' } },
  'user.notice_email_changed': { before: { noticeEmail: 'DIGEST' }, after: { noticeEmail: 'NONE' } },
  'agency.senior_lead_changed': { before: { seniorLeadId: null, seniorLead: null }, after: { seniorLeadId: 'u1', seniorLead: 'Police CSE lead officer' } },
  'email.retried': { before: { status: 'FAILED', lastError: 'Greeting never received' }, after: { status: 'QUEUED', recipientId: 'u1', recipient: 'Police CSE lead officer' } },
  'settings.notice_rules_changed': { before: { dueSoonDays: [30, 7], managerAfterDays: 28 }, after: { dueSoonDays: [30, 14, 7], managerAfterDays: 21 } },
  'user.deactivated': { before: { active: true }, after: { active: false } },
  'user.reactivated': { before: { active: false }, after: { active: true } },
  'user.password_reset': { before: { mustChangePassword: false }, after: { mustChangePassword: true } },
  'user.password_changed': { before: { mustChangePassword: true, passwordChangedAt: null }, after: { mustChangePassword: false, passwordChangedAt: new Date(at) } },
  'user.signed_in': { after: { email: 'a@b.test', twoFactor: 'totp' } },
  'user.sign_in_failed': { after: { email: 'a@b.test', reason: 'bad-password' } },
  'user.signed_out': {},
  'user.two_factor_enabled': { after: { method: 'authenticator app', recoveryCodes: 10 } },
  'user.two_factor_disabled': { after: { by: 'admin' } },
  'user.recovery_code_used': { after: { remaining: 9 } },
  'user.reauthentication_failed': { after: { purpose: 'change password' } },
  'access.denied': { after: { action: 'review:create', unrecordedBefore: 0 } },
  'review.created': {
    after: {
      title: 'Review of CSE in Rochdale',
      kind: 'THEMATIC_REVIEW',
      commissioningBody: 'Board',
      periodStart: null,
      periodEnd: null,
      publishedOn: new Date(at),
      status: 'PUBLISHED',
      summary: '',
      sourceUrl: null,
    },
  },
  'review.updated': { before: { status: 'PUBLISHED' }, after: { status: 'CLOSED' } },
  'review.archived': { before: { archivedAt: null }, after: { archivedAt: new Date(at) } },
  'finding.created': { after: { reference: 'F1', text: 'Not followed through', theme: 'Escalation', severity: 'HIGH' } },
  'finding.updated': { before: { theme: 'Escalation' }, after: { theme: 'Training' } },
  'finding.archived': { before: { archivedAt: null }, after: { reference: 'F1', archivedAt: at } },
  'recommendation.created': {
    after: { reference: 'R1', text: 'Brief staff', response: 'ACCEPTED', priority: 'HIGH', findingIds: ['f1'], findings: ['F1'] },
  },
  'recommendation.updated': { before: { priority: 'HIGH' }, after: { priority: 'LOW' } },
  'recommendation.status_changed': { before: { status: 'NOT_STARTED' }, after: { status: 'IN_PROGRESS' } },
  'recommendation.progress_updated': {},
  'recommendation.due_date_changed': { before: { dueDate: new Date(at) }, after: { dueDate: '2013-06-30T00:00:00.000Z' } },
  'recommendation.rag_overridden': { before: { rating: null, justification: null }, after: { rating: 'AMBER', justification: 'Agreed at the board' } },
  'recommendation.rag_override_withdrawn': { before: { rating: 'AMBER', justification: 'Agreed' }, after: { rating: null, justification: null } },
  'recommendation.archived': { before: { archivedAt: null }, after: { reference: 'R1', archivedAt: at } },
  'action.created': {
    after: {
      reference: '1',
      text: 'Brief every officer',
      ownerAgencyId: 'a1',
      ownerAgency: 'Police',
      leadOfficerId: null,
      leadOfficer: null,
      status: 'NOT_STARTED',
      dueDate: new Date(at),
      originalDueDate: new Date(at),
    },
  },
  'action.updated': { before: { leadOfficerId: null, leadOfficer: null }, after: { leadOfficerId: 'u1', leadOfficer: 'Lead officer' } },
  'action.status_changed': { before: { status: 'NOT_STARTED' }, after: { status: 'IN_PROGRESS' } },
  'action.progress_updated': {},
  'action.due_date_changed': { before: { dueDate: new Date(at) }, after: { dueDate: '2013-06-30T00:00:00.000Z' } },
  'action.rag_overridden': { before: { rating: null, justification: null }, after: { rating: 'AMBER', justification: 'Agreed at the board' } },
  'action.rag_override_withdrawn': { before: { rating: 'AMBER', justification: 'Agreed' }, after: { rating: null, justification: null } },
  'action.archived': { before: { archivedAt: null }, after: { reference: '1', archivedAt: at } },
  'action.imported': {
    before: { status: 'NOT_STARTED', dueDate: new Date(at) },
    after: { status: 'IMPLEMENTED', dueDate: '2013-06-30T00:00:00.000Z', statusWord: 'Complete', source: { fileName: 'plan.xlsx', sha256: 'b'.repeat(64), sheet: 'Plan', row: 12 } },
  },
  'review.plan_imported': {
    after: { fileName: 'plan.xlsx', sha256: 'b'.repeat(64), sheet: 'Plan', rows: 40, recommendationsCreated: 10, actionsCreated: 30, actionsUpdated: 2, rowsLeftOut: [7] },
  },
  'notice.sent': {
    after: { rule: 'overdue', recipientId: 'u1', recipient: 'Lead officer', actionId: 'x1', evidenceId: null, aboutDay: '2013-03-31', key: 'overdue:x1:2013-03-31:u1' },
  },
  'measure.created': { after: { actionId: 'x1', name: 'Staff trained', unit: 'staff', target: new Prisma.Decimal(1500) } },
  'measure.updated': { before: { currentValue: new Prisma.Decimal('300'), name: 'Staff trained' }, after: { currentValue: 1200.5, name: 'Staff trained' } },
  'evidence.submitted': { after: { actionId: 'x1', title: 'Registers', kind: 'TRAINING_RECORD', url: 'https://example.test/registers' } },
  'evidence.assessed': { before: { assessment: 'PENDING', title: 'Registers' }, after: { assessment: 'ACCEPTED', title: 'Registers' } },
  'comment.added': { after: { bodySha256: 'a'.repeat(64) } },
};

/** What the database gives back for a stored payload: JSON, read again. */
const stored = (kind: EventKind, payload: { before: unknown; after: unknown }) => ({
  kind,
  before: JSON.parse(JSON.stringify(payload.before)) as unknown,
  after: JSON.parse(JSON.stringify(payload.after)) as unknown,
});

describe('the history event catalogue', () => {
  it.each(EVENT_KINDS)('%s: a payload written is read back the same', (kind) => {
    const sample = SAMPLES[kind] as { before?: never; after?: never };
    const payload = payloadToStore(kind, sample.before, sample.after);
    const read = readEvent(stored(kind, payload));
    expect(read.kind).toBe(kind);
    expect({ before: read.before, after: read.after }).toEqual(payload);
  });

  it('stores dates as ISO text and decimals as numbers', () => {
    expect(payloadToStore('measure.updated', SAMPLES['measure.updated'].before, SAMPLES['measure.updated'].after)).toEqual({
      before: { currentValue: 300, name: 'Staff trained' },
      after: { currentValue: 1200.5, name: 'Staff trained' },
    });
    expect(payloadToStore('recommendation.due_date_changed', { dueDate: new Date(at) }, { dueDate: new Date(at) }).after).toEqual({ dueDate: at });
  });

  it('refuses to write a payload of another shape: a missing field, an unknown field, a value out of its enum', () => {
    expect(() => payloadToStore('recommendation.status_changed', { status: 'NOT_STARTED' }, {} as never)).toThrow(InvalidEventError);
    expect(() =>
      payloadToStore('evidence.assessed', { assessment: 'PENDING', title: 'x' }, { assessment: 'ACCEPTED', title: 'x', assessmentComment: 'c' } as never),
    ).toThrow(/assessmentComment/);
    expect(() => payloadToStore('recommendation.status_changed', { status: 'NOT_STARTED' }, { status: 'DONE' } as never)).toThrow(InvalidEventError);
    expect(() => payloadToStore('comment.added', undefined, { body: 'The comment text' } as never)).toThrow(InvalidEventError);
  });

  it('refuses a notice-rules change that names no threshold, a choice of emails outside the three, and a senior lead without a name field', () => {
    expect(() => payloadToStore('settings.notice_rules_changed', {}, {})).toThrow(InvalidEventError);
    expect(() => payloadToStore('settings.notice_rules_changed', { stalledDays: 60 }, { stalledDays: '45' } as never)).toThrow(InvalidEventError);
    expect(() => payloadToStore('user.notice_email_changed', { noticeEmail: 'DIGEST' }, { noticeEmail: 'WEEKLY' } as never)).toThrow(InvalidEventError);
    expect(() => payloadToStore('agency.senior_lead_changed', { seniorLeadId: null, seniorLead: null }, { seniorLeadId: 'u1' } as never)).toThrow(InvalidEventError);
  });

  it('reads version 1 of "evidence.assessed" (the seed wrote the comment, not the title) with no title', () => {
    const event = readEvent({
      kind: 'evidence.assessed',
      before: { assessment: 'PENDING', assessmentComment: null },
      after: { assessment: 'ACCEPTED', assessmentComment: 'Accepted as evidence of progress' },
    });
    expect(event).toMatchObject({ before: { assessment: 'PENDING', title: null }, after: { assessment: 'ACCEPTED', title: null } });
  });

  // What the version before actions wrote: the owner, status and dates now belong to the recommendation's one action.
  const version2Created = {
    reference: 'R1',
    text: 'Brief staff',
    response: 'ACCEPTED',
    priority: 'HIGH',
    ownerAgencyId: 'a1',
    ownerAgency: 'Police',
    leadOfficerId: null,
    leadOfficer: null,
    findingIds: ['f1'],
    findings: ['F1'],
    status: 'NOT_STARTED',
    dueDate: at,
    originalDueDate: at,
  };

  it('reads version 2 of "recommendation.created" (before actions) with its owner, status and dates as the implied action', () => {
    const event = readEvent({ kind: 'recommendation.created', before: null, after: version2Created });
    expect(event.after).toEqual({
      reference: 'R1',
      text: 'Brief staff',
      response: 'ACCEPTED',
      priority: 'HIGH',
      findingIds: ['f1'],
      findings: ['F1'],
      impliedAction: { ownerAgencyId: 'a1', ownerAgency: 'Police', leadOfficerId: null, leadOfficer: null, status: 'NOT_STARTED', dueDate: at, originalDueDate: at },
    });
  });

  it('reads version 1 of "recommendation.created" (ids without names) with null names', () => {
    const { ownerAgency, leadOfficer, findings, ...version1 } = version2Created;
    expect([ownerAgency, leadOfficer, findings]).toEqual(['Police', null, ['F1']]);
    const event = readEvent({ kind: 'recommendation.created', before: null, after: version1 });
    expect(event.after).toMatchObject({ findings: null, impliedAction: { ownerAgencyId: 'a1', ownerAgency: null, leadOfficer: null, status: 'NOT_STARTED' } });
  });

  it('reads version 2 of "recommendation.updated" (an owner change, before actions) as a change of the implied action', () => {
    const event = readEvent({
      kind: 'recommendation.updated',
      before: { leadOfficerId: null, leadOfficer: null, priority: 'LOW' },
      after: { leadOfficerId: 'u1', leadOfficer: 'Lead officer', priority: 'HIGH' },
    });
    expect(event).toMatchObject({
      before: { priority: 'LOW', impliedAction: { leadOfficerId: null, leadOfficer: null } },
      after: { priority: 'HIGH', impliedAction: { leadOfficerId: 'u1', leadOfficer: 'Lead officer' } },
    });
  });

  it('refuses to write the owner of a recommendation (it is its actions\' now), and reads evidence and measures written before actions with no action', () => {
    expect(() => payloadToStore('recommendation.created', undefined, version2Created as never)).toThrow(InvalidEventError);
    expect(() => payloadToStore('recommendation.updated', { ownerAgencyId: 'a1' } as never, { ownerAgencyId: 'a2' } as never)).toThrow(InvalidEventError);
    expect(readEvent({ kind: 'evidence.submitted', before: null, after: { title: 'T', kind: 'POLICY', url: 'https://x.test' } }).after).toMatchObject({ actionId: null });
    expect(readEvent({ kind: 'measure.created', before: null, after: { name: 'N', unit: '', target: 3 } }).after).toMatchObject({ actionId: null });
  });

  it('reads version 1 of "user.created" (the first admin, without `active`) as an active user', () => {
    const after = { email: 'manager@partnership.test', name: 'Business manager', role: 'ADMIN', agencyId: 'a1' };
    expect(readEvent({ kind: 'user.created', before: null, after }).after).toEqual({ ...after, active: true });
  });

  it('reads version 1 of "recommendation.updated" (a progress note, from the early seed) with its note, not as an empty change', () => {
    const event = readEvent({ kind: 'recommendation.updated', before: { progressNote: null }, after: { progressNote: 'Briefings under way' } });
    expect(event).toMatchObject({ before: { progressNote: null }, after: { progressNote: 'Briefings under way' } });
    expect(() => payloadToStore('recommendation.updated', {}, {})).toThrow(InvalidEventError);
  });

  it('reads versions 1 and 2 of "comment.added" (the comment copied, or nothing) without a content hash', () => {
    expect(readEvent({ kind: 'comment.added', before: null, after: { body: 'Accepted in part.' } })).toMatchObject({ before: null, after: { bodySha256: null } });
    // Version 2 (no payload): the comment's text was outside the chain then.
    expect(readEvent({ kind: 'comment.added', before: null, after: null })).toMatchObject({ after: { bodySha256: null } });
  });

  it('ignores, when reading, fields a version does not name, and treats SQL NULL and JSON null alike', () => {
    const event = readEvent({ kind: 'evidence.submitted', before: undefined, after: { actionId: 'x1', title: 'T', kind: 'POLICY', url: 'https://x.test', description: 'old', assessment: 'PENDING' } });
    expect(event.after).toEqual({ actionId: 'x1', title: 'T', kind: 'POLICY', url: 'https://x.test' });
  });

  it('names what it cannot read: an unknown kind, or a shape no version describes', () => {
    expect(() => readEvent({ kind: 'measure.archived', before: null, after: null })).toThrow(UnreadableEventError);
    expect(() => readEvent({ kind: 'recommendation.status_changed', before: { status: 'NOT_STARTED' }, after: { state: 'IN_PROGRESS' } })).toThrow(
      /recommendation\.status_changed/,
    );
  });
});
