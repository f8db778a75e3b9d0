// Demo data: the Rochdale Borough Safeguarding Children Board's review of
// child sexual exploitation (CSE), as reported on 27 September 2012
// (/work/shared/seeds/rochdale-review-2012-article.txt), and the partnership's
// follow-through on it from October 2012 to March 2013.
//
// Plain constants only: no database access. `index.ts` creates the rows and
// replays ACTIVITY (below) to derive every current value (status, measure
// values, due dates, assessments), so the rows always equal what the history
// says. People are named by role, never by a real person's name. Most
// recommendations are carried out as written by one agency (one action); R2
// (training) and R7 (multi-agency meetings) are joint work, one action per
// agency (issue 11).
import type {
  Assessment,
  EvidenceKind,
  Priority,
  Rag,
  RecommendationStatus,
  ResponseKind,
  ReviewKind,
  ReviewStatus,
  Role,
  Severity,
} from '@/lib/db/client';

/** A date-only value (due dates, publication dates): midnight UTC. */
const day = (isoDate: string) => new Date(isoDate);
/** A moment in the history. */
const at = (isoDateTime: string) => new Date(isoDateTime);

export const DEMO_PASSWORD = 'Demo-password-2012';

// --- Agencies ---------------------------------------------------------------

export type SeedAgency = { id: string; name: string; shortName: string; isBoard: boolean };

export const AGENCY = {
  csc: 'agency-csc',
  police: 'agency-police',
  nhs: 'agency-nhs',
  cps: 'agency-cps',
  education: 'agency-education',
  board: 'agency-board',
} as const;

export const AGENCIES: readonly SeedAgency[] = [
  { id: AGENCY.csc, name: "Rochdale Borough Council children's social care", shortName: "Children's social care", isBoard: false },
  { id: AGENCY.police, name: 'Greater Manchester Police (Rochdale division)', shortName: 'Police', isBoard: false },
  { id: AGENCY.nhs, name: 'NHS Heywood, Middleton and Rochdale health services', shortName: 'NHS', isBoard: false },
  { id: AGENCY.cps, name: 'Crown Prosecution Service (North West)', shortName: 'CPS', isBoard: false },
  { id: AGENCY.education, name: 'Rochdale education services', shortName: 'Education', isBoard: false },
  { id: AGENCY.board, name: 'Rochdale Borough Safeguarding Children Board', shortName: 'Board', isBoard: true },
];

/** When the partnership set the tracker up, a week before the review was published. */
export const SETUP_AT = at('2012-09-20T09:00:00Z');

// --- Users (named by role) --------------------------------------------------

export type UserKey = 'admin' | 'chair' | 'qa' | 'csc' | 'police' | 'nhs' | 'cps' | 'education' | 'viewer';

export type SeedUser = { key: UserKey; email: string; name: string; role: Role; agencyId: string };

export const USERS: readonly SeedUser[] = [
  { key: 'admin', email: 'admin@followthrough.test', name: 'Partnership business manager', role: 'ADMIN', agencyId: AGENCY.board },
  { key: 'chair', email: 'reviewer@followthrough.test', name: 'Independent chair of the board', role: 'REVIEWER', agencyId: AGENCY.board },
  { key: 'qa', email: 'qa@followthrough.test', name: 'Quality assurance lead', role: 'REVIEWER', agencyId: AGENCY.board },
  { key: 'csc', email: 'owner.csc@followthrough.test', name: "Children's social care lead officer", role: 'OWNER', agencyId: AGENCY.csc },
  { key: 'police', email: 'owner.police@followthrough.test', name: 'Police CSE lead officer', role: 'OWNER', agencyId: AGENCY.police },
  { key: 'nhs', email: 'owner.nhs@followthrough.test', name: 'NHS designated nurse for safeguarding', role: 'OWNER', agencyId: AGENCY.nhs },
  { key: 'cps', email: 'owner.cps@followthrough.test', name: 'CPS area CSE lead', role: 'OWNER', agencyId: AGENCY.cps },
  { key: 'education', email: 'owner.education@followthrough.test', name: 'Education safeguarding lead', role: 'OWNER', agencyId: AGENCY.education },
  // The lead member is an elected councillor who sits on the Board as a
  // participating observer, so the Board is their agency here.
  { key: 'viewer', email: 'viewer@followthrough.test', name: 'Lead member for children (elected member)', role: 'VIEWER', agencyId: AGENCY.board },
];

// --- Reviews ----------------------------------------------------------------

export type SeedReview = {
  id: string;
  title: string;
  kind: ReviewKind;
  commissioningBody: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  publishedOn: Date | null;
  status: ReviewStatus;
  summary: string;
  sourceUrl: string | null;
  createdAt: Date;
  createdBy: UserKey;
};

export const REVIEW_ID = 'review-rochdale-cse-2012';

/** The review was published, and entered in the tracker, on 27 September 2012. */
export const PUBLISHED_AT = at('2012-09-27T11:00:00Z');

// Kind: THEMATIC_REVIEW. This was not the statutory serious case review (that
// was still to come, see below), nor a practice or learning review of a single
// case: although it traced the treatment of one 15-year-old victim, its scope
// was a theme (how all agencies responded to child sexual exploitation across
// the borough between 2007 and 2012) and its findings are system-wide.
export const ROCHDALE_REVIEW: SeedReview = {
  id: REVIEW_ID,
  title: 'Review of multi-agency responses to child sexual exploitation in Rochdale, 2007–2012',
  kind: 'THEMATIC_REVIEW',
  commissioningBody: 'Rochdale Borough Safeguarding Children Board',
  periodStart: day('2007-01-01'),
  periodEnd: day('2012-02-29'),
  publishedOn: day('2012-09-27'),
  status: 'PUBLISHED',
  summary:
    'The Board reviewed how agencies, including the council, police, NHS and Crown Prosecution Service, worked between ' +
    '2007 and 2012 to safeguard children and young people at risk of sexual exploitation. It was ordered after the trial ' +
    'in which nine men were jailed in May 2012 for grooming girls for sex in and around Rochdale in 2008 and 2009, and it ' +
    'follows in particular the treatment of one 15-year-old victim, who told the police of her abuse in August 2008. ' +
    'It found that, while some organisations were consistently supportive, overall child welfare organisations missed ' +
    'opportunities to provide a comprehensive, co-ordinated and timely response, and the criminal justice system missed ' +
    'opportunities to bring the perpetrators to justice. Some improvements had been consolidated between 2009 and ' +
    'February 2012, but there were missed opportunities over five years to safeguard children and young people affected ' +
    'by sexual exploitation. The council accepted the findings and reported the improvements it had made.',
  sourceUrl: null,
  createdAt: PUBLISHED_AT,
  createdBy: 'chair',
};

/** The reviews still to come in September 2012: tracked, with no findings yet. */
export const LATER_REVIEWS: readonly SeedReview[] = [
  {
    id: 'review-ipcc-gmp-2008-inquiry',
    title: "Investigation into Greater Manchester Police's 2008 inquiry into child sexual exploitation in Rochdale",
    kind: 'INDEPENDENT_INVESTIGATION',
    commissioningBody: 'Independent Police Complaints Commission',
    periodStart: day('2008-01-01'),
    periodEnd: day('2008-12-31'),
    publishedOn: null,
    status: 'IN_PROGRESS',
    summary:
      "An investigation supervised by the IPCC into Greater Manchester Police's initial inquiry in 2008, when the first " +
      'victim reported her abuse in August 2008 and her complaint was not taken seriously. Under way in September 2012; ' +
      'the police said it would be inappropriate to comment further until it reports.',
    sourceUrl: null,
    createdAt: at('2012-09-27T14:00:00Z'),
    createdBy: 'chair',
  },
  {
    id: 'review-rochdale-scr-2013',
    title: 'Serious case review: child sexual exploitation in Rochdale',
    kind: 'SERIOUS_CASE_REVIEW',
    commissioningBody: 'Rochdale Borough Safeguarding Children Board',
    periodStart: null,
    periodEnd: null,
    publishedOn: null,
    status: 'PLANNED',
    summary:
      'A full serious case review, due for publication in 2013. Its findings and recommendations will be tracked here ' +
      'when it is published.',
    sourceUrl: null,
    createdAt: at('2012-09-27T14:05:00Z'),
    createdBy: 'chair',
  },
  {
    id: 'review-rochdale-council-internal-2012',
    title: "Rochdale Borough Council's review of its internal processes and procedures",
    kind: 'INTERNAL_REVIEW',
    commissioningBody: 'Rochdale Borough Council',
    periodStart: null,
    periodEnd: null,
    publishedOn: null,
    status: 'PLANNED',
    summary:
      "The council's own review of its internal processes and procedures in the light of the Board's review. On " +
      '27 September 2012 the council said it would be published the following month (October 2012).',
    sourceUrl: null,
    createdAt: at('2012-09-27T14:10:00Z'),
    createdBy: 'chair',
  },
];

// --- Findings (the article's seven bullets, plus the criminal-justice quote) --

export type SeedFinding = { id: string; reference: string; text: string; theme: string; severity: Severity };

export const FINDINGS: readonly SeedFinding[] = [
  {
    id: 'finding-rochdale-f1',
    reference: 'F1',
    text: 'Specific training for frontline practitioners in the borough was patchy and lessons were absorbed inconsistently.',
    theme: 'Training',
    severity: 'HIGH',
  },
  {
    id: 'finding-rochdale-f2',
    reference: 'F2',
    text: "There were deficiencies in the way that children's social care responded to the victims' needs.",
    theme: 'Social care response',
    severity: 'HIGH',
  },
  {
    id: 'finding-rochdale-f3',
    reference: 'F3',
    text:
      "In children's social care, the focus was on younger children at risk of abuse from family and household members, " +
      'rather than on vulnerable adolescents.',
    theme: 'Social care response',
    severity: 'HIGH',
  },
  {
    id: 'finding-rochdale-f4',
    reference: 'F4',
    text:
      'Agencies which referred potential victims were frustrated that they were not being adequately assessed and dealt ' +
      'with by the local authority, and staff failed to escalate their concerns successfully.',
    theme: 'Escalation',
    severity: 'HIGH',
  },
  {
    id: 'finding-rochdale-f5',
    reference: 'F5',
    text:
      'Agencies and organisations in Rochdale made faltering early progress in developing a satisfactory framework for ' +
      'managing allegations of child sexual exploitation.',
    theme: 'Multi-agency working',
    severity: 'HIGH',
  },
  {
    id: 'finding-rochdale-f6',
    reference: 'F6',
    text: 'The need for a specialist resource was identified in 2008, but its development was inadequately co-ordinated and supported.',
    theme: 'Multi-agency working',
    severity: 'MEDIUM',
  },
  {
    id: 'finding-rochdale-f7',
    reference: 'F7',
    text: "There was a poor response by children's social care to cases where children were at risk of sexual exploitation.",
    theme: 'Social care response',
    severity: 'CRITICAL',
  },
  {
    id: 'finding-rochdale-f8',
    reference: 'F8',
    text:
      'Activity to disrupt alleged offenders was developing on the ground but this was not always followed through at a ' +
      'more senior level. The early investigations of crimes and the prosecution of alleged offenders were flawed: the ' +
      'criminal justice system missed opportunities to bring the perpetrators to justice.',
    theme: 'Criminal justice',
    severity: 'CRITICAL',
  },
];

// --- Recommendations (the improvements the council listed, plus two) ---------

/**
 * One agency's part of a recommendation (decision 0015): its reference within
 * the recommendation ("1", "2", shown as "R7.2"), what the agency will do
 * (null: the recommendation as written), its owner, lead officer and first due date.
 */
export type SeedAction = {
  reference: string;
  text: string | null;
  ownerAgencyId: string;
  leadOfficer: UserKey;
  originalDueDate: Date;
};

export type SeedRecommendation = {
  id: string;
  reference: string;
  text: string;
  /** References of the findings it answers. */
  answers: readonly string[];
  response: ResponseKind;
  priority: Priority;
  /** Its actions, in order of reference: the first is the recommendation's lead. */
  actions: readonly SeedAction[];
};

/** A recommendation carried out as written by one agency: its one action, as the app creates it. */
export const asWritten = (ownerAgencyId: string, leadOfficer: UserKey, originalDueDate: Date): SeedAction[] => [
  { reference: '1', text: null, ownerAgencyId, leadOfficer, originalDueDate },
];

/** The id of a demo recommendation's action: 'rec-rochdale-r7' and '2' give 'action-rochdale-r7-2'. */
export const actionIdOf = (recommendationId: string, reference = '1') => `${recommendationId.replace(/^rec-/, 'action-')}-${reference}`;

const rec = (n: number) => `rec-rochdale-r${n}`;

export const RECOMMENDATIONS: readonly SeedRecommendation[] = [
  {
    id: rec(1),
    reference: 'R1',
    text:
      'Brief staff in every agency in the borough on recognising and responding to child sexual exploitation, reaching ' +
      'at least 10,000 staff.',
    answers: ['F1'],
    response: 'ACCEPTED',
    priority: 'HIGH',
    actions: asWritten(AGENCY.csc, 'csc', day('2012-10-31')),
  },
  {
    id: rec(2),
    reference: 'R2',
    text:
      'Give face-to-face training on child sexual exploitation to frontline practitioners first and then to the whole ' +
      "children's workforce, including recognising the risk to adolescents, by the end of 2012.",
    answers: ['F1', 'F3'],
    response: 'ACCEPTED',
    priority: 'HIGH',
    // Joint work: children's social care runs the course; health and schools release their staff to it.
    // Assumption: the article names no split between agencies; these actions are illustrative.
    actions: [
      {
        reference: '1',
        text:
          'Run the multi-agency face-to-face course on child sexual exploitation, frontline practitioners first and then ' +
          "the rest of the children's workforce, including how to recognise the risk to adolescents.",
        ownerAgencyId: AGENCY.csc,
        leadOfficer: 'csc',
        originalDueDate: day('2012-12-31'),
      },
      {
        reference: '2',
        text:
          'Release school nurses and sexual health, emergency department and GP practice safeguarding leads to the ' +
          'face-to-face course, and report the number of health staff trained each month.',
        ownerAgencyId: AGENCY.nhs,
        leadOfficer: 'nhs',
        originalDueDate: day('2013-03-31'),
      },
      {
        reference: '3',
        text:
          'Release the designated safeguarding lead and pastoral staff of every secondary school and pupil referral unit ' +
          'to the face-to-face course, and keep a register of who has attended.',
        ownerAgencyId: AGENCY.education,
        leadOfficer: 'education',
        originalDueDate: day('2013-03-31'),
      },
    ],
  },
  {
    id: rec(3),
    reference: 'R3',
    text:
      'Agree a multi-agency strategy for a co-ordinated response to child sexual exploitation, including a framework for ' +
      'managing allegations and the remit and support of the specialist team.',
    answers: ['F5', 'F6'],
    response: 'ACCEPTED',
    // The Rochdale division's CSE lead chairs the partnership's task-and-finish
    // group; the strategy itself is signed off by the Board.
    priority: 'HIGH',
    actions: asWritten(AGENCY.police, 'police', day('2013-03-31')),
  },
  {
    id: rec(4),
    reference: 'R4',
    text:
      'Increase staffing in the Sunrise Team, the specialist team created to prevent and tackle child sexual ' +
      'exploitation, and give it co-ordinated multi-agency support.',
    answers: ['F2', 'F6', 'F7'],
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    actions: asWritten(AGENCY.csc, 'csc', day('2013-03-31')),
  },
  {
    id: rec(5),
    reference: 'R5',
    text:
      'Introduce new procedures for staff to follow when they refer possible cases of child sexual exploitation, ' +
      'including how referrers escalate concerns they believe are not being dealt with.',
    answers: ['F2', 'F4', 'F7'],
    response: 'ACCEPTED',
    priority: 'HIGH',
    actions: asWritten(AGENCY.csc, 'csc', day('2012-12-31')),
  },
  {
    id: rec(6),
    reference: 'R6',
    text:
      "Introduce one point of contact for referrals of concern, and screen every referral to children's social care of " +
      'a child over the age of 12 for early signs of child sexual exploitation.',
    answers: ['F3', 'F4', 'F7'],
    response: 'ACCEPTED',
    priority: 'HIGH',
    actions: asWritten(AGENCY.csc, 'csc', day('2013-04-30')),
  },
  {
    id: rec(7),
    reference: 'R7',
    text:
      'Hold regular multi-agency meetings to share concerns about possible victims, alleged abusers and hotspots in the ' +
      'borough and agree responses, so that disruption activity is followed through at a senior level.',
    answers: ['F5', 'F8'],
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    // Joint work: the police convene the meetings; health and schools bring what they know to them.
    // Assumption: the article names no split between agencies; these actions are illustrative.
    actions: [
      {
        reference: '1',
        text:
          "Convene a fortnightly multi-agency sexual exploitation meeting, chaired by the division's CSE lead, and " +
          'escalate to the divisional commander any disruption action that stalls.',
        ownerAgencyId: AGENCY.police,
        leadOfficer: 'police',
        originalDueDate: day('2012-12-31'),
      },
      {
        reference: '2',
        text:
          'Send the designated nurse, or a named deputy, to every meeting with what health services know about each ' +
          "young person discussed, and record the meeting's actions in their health records.",
        ownerAgencyId: AGENCY.nhs,
        leadOfficer: 'nhs',
        originalDueDate: day('2012-12-31'),
      },
      {
        reference: '3',
        text:
          'Bring to each meeting the pupils whose pattern of absence suggests exploitation, and take back to schools ' +
          'the concerns it raises about hotspots near them.',
        ownerAgencyId: AGENCY.education,
        leadOfficer: 'education',
        originalDueDate: day('2013-01-31'),
      },
    ],
  },
  {
    id: rec(8),
    reference: 'R8',
    text:
      'Raise awareness of child sexual exploitation among young people, reaching 10,000 young people, so that they are ' +
      'better equipped to understand what is happening to them or their friends.',
    answers: ['F1'],
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    actions: asWritten(AGENCY.education, 'education', day('2012-12-31')),
  },
  {
    id: rec(9),
    reference: 'R9',
    text:
      'Greater Manchester Police and the Crown Prosecution Service to agree a joint approach to allegations of child ' +
      'sexual exploitation: early advice from a named specialist prosecutor, senior review of any decision to take no ' +
      'further action, and a joint re-examination of past decisions not to proceed.',
    answers: ['F5', 'F8'],
    // Accepted in part: the re-examination of past decisions is deferred while
    // the IPCC investigation into the 2008 inquiry is under way (see the CPS
    // lead's comment in ACTIVITY).
    response: 'ACCEPTED_IN_PART',
    priority: 'HIGH',
    actions: asWritten(AGENCY.cps, 'cps', day('2013-03-31')),
  },
  {
    id: rec(10),
    reference: 'R10',
    text:
      'Improve how health staff in emergency, sexual health, school nursing and GP services identify children at risk of ' +
      'sexual exploitation and refer them under the new referral procedures.',
    answers: ['F1', 'F4'],
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    actions: asWritten(AGENCY.nhs, 'nhs', day('2013-06-28')),
  },
];

/** Findings F1.., recommendations R1.. and measures are entered one minute apart from these moments. */
export const FINDINGS_CREATED_FROM = at('2012-09-27T11:05:00Z');
export const RECOMMENDATIONS_CREATED_FROM = at('2012-09-27T11:30:00Z');
export const MEASURES_CREATED_FROM = at('2012-09-27T11:45:00Z');

// --- Measures (all start at 0; the owners log progress in the history) ------

/** A measure of a recommendation's action (`action`: its reference, '1' when not given). */
export type SeedMeasure = { id: string; recommendationId: string; action?: string; name: string; unit: string; target: number };

export const MEASURES: readonly SeedMeasure[] = [
  {
    id: 'measure-rochdale-r1-briefed',
    recommendationId: rec(1),
    name: 'Staff briefed on recognising and responding to CSE',
    unit: 'staff',
    target: 10_000,
  },
  {
    // Assumption: the article gives no size for "the whole workforce"; 4,000
    // stands for the children's workforce across the agencies that need
    // face-to-face training (the 10,000 briefed include staff who do not).
    id: 'measure-rochdale-r2-trained',
    recommendationId: rec(2),
    name: 'Staff trained face to face',
    unit: 'staff',
    target: 4_000,
  },
  {
    // Assumption: an establishment of eight posts is illustrative; the article
    // only reports "an increase in staffing in the Sunrise Team".
    id: 'measure-rochdale-r4-sunrise-posts',
    recommendationId: rec(4),
    name: 'Sunrise Team posts filled',
    unit: 'posts',
    target: 8,
  },
  {
    id: 'measure-rochdale-r6-screened',
    recommendationId: rec(6),
    name: 'Referrals of over-12s screened for CSE',
    unit: '%',
    target: 100,
  },
  {
    id: 'measure-rochdale-r8-young-people',
    recommendationId: rec(8),
    name: 'Young people reached by awareness sessions',
    unit: 'young people',
    target: 10_000,
  },
];

// --- What happened next: October 2012 to March 2013 -------------------------
// Each entry becomes one history event; the current rows are derived from them.

// Work is done on an action: `action` names it by its reference within the
// recommendation ('1' when not given, the only action of most recommendations).
// A 'decision' is a reviewer's on the whole recommendation (not accepted,
// superseded, or reopened), which moves its unfinished actions with it.
export type SeedActivity =
  | { type: 'status'; at: Date; by: UserKey; recommendationId: string; action?: string; to: RecommendationStatus; note: string }
  | { type: 'decision'; at: Date; by: UserKey; recommendationId: string; to: RecommendationStatus; note: string }
  | { type: 'progress_note'; at: Date; by: UserKey; recommendationId: string; action?: string; note: string }
  | { type: 'due_date'; at: Date; by: UserKey; recommendationId: string; action?: string; to: Date; reason: string }
  | { type: 'measure'; at: Date; by: UserKey; measureId: string; value: number; note: string }
  | {
      type: 'evidence';
      at: Date;
      by: UserKey;
      id: string;
      recommendationId: string;
      action?: string;
      title: string;
      description: string;
      kind: EvidenceKind;
      url: string;
    }
  | { type: 'assessment'; at: Date; by: UserKey; evidenceId: string; assessment: Exclude<Assessment, 'PENDING'>; comment: string }
  | { type: 'comment'; at: Date; by: UserKey; id: string; recommendationId: string; body: string }
  | { type: 'rag_override'; at: Date; by: UserKey; recommendationId: string; action?: string; rating: Rag; justification: string };

const EVIDENCE_BASE = 'https://rochdale-lscb.example/evidence';

// Board meetings: 8 November 2012, 10 January 2013 and 14 March 2013.
export const ACTIVITY: readonly SeedActivity[] = [
  {
    type: 'status', at: at('2012-10-02T09:30:00Z'), by: 'csc', recommendationId: rec(1), to: 'IN_PROGRESS',
    note: "Briefings have run across the partnership since the spring; agencies' attendance registers are being collated.",
  },
  {
    type: 'status', at: at('2012-10-02T10:00:00Z'), by: 'education', recommendationId: rec(8), to: 'IN_PROGRESS',
    note: 'Awareness sessions delivered in secondary schools, pupil referral units and youth centres; headcounts being collated from session registers.',
  },
  {
    type: 'status', at: at('2012-10-03T14:00:00Z'), by: 'csc', recommendationId: rec(2), to: 'IN_PROGRESS',
    note: 'Multi-agency face-to-face course running weekly, frontline practitioners first; schedule drafted to reach the whole workforce by 31 December 2012.',
  },
  {
    type: 'measure', at: at('2012-10-03T14:10:00Z'), by: 'csc', measureId: 'measure-rochdale-r2-trained', value: 1_500,
    note: 'Staff trained face to face to 30 September 2012, from course registers.',
  },
  {
    type: 'status', at: at('2012-10-04T11:00:00Z'), by: 'csc', recommendationId: rec(6), to: 'IN_PROGRESS',
    note: 'Single point of contact for referrals of concern opened on 1 October 2012; CSE screening tool for referrals of over-12s piloted in the duty team.',
  },
  {
    type: 'measure', at: at('2012-10-05T10:00:00Z'), by: 'education', measureId: 'measure-rochdale-r8-young-people', value: 10_000,
    note: "Young people who attended an awareness session, from schools' and youth services' registers.",
  },
  {
    type: 'status', at: at('2012-10-08T09:00:00Z'), by: 'csc', recommendationId: rec(4), to: 'IN_PROGRESS',
    note: 'Business case for three additional Sunrise Team posts approved; recruitment started.',
  },
  {
    type: 'measure', at: at('2012-10-08T09:10:00Z'), by: 'csc', measureId: 'measure-rochdale-r4-sunrise-posts', value: 5,
    note: 'Posts filled against the new establishment of eight.',
  },
  {
    type: 'evidence', at: at('2012-10-08T13:00:00Z'), by: 'csc', id: 'evidence-rochdale-r2-attendance', recommendationId: rec(2),
    title: 'Face-to-face CSE training attendance to 30 September 2012',
    description: 'Course registers for the multi-agency face-to-face sessions, by agency and team: 1,500 staff.',
    kind: 'TRAINING_RECORD', url: `${EVIDENCE_BASE}/2012/cse-face-to-face-attendance-sept`,
  },
  {
    type: 'status', at: at('2012-10-09T15:00:00Z'), by: 'police', recommendationId: rec(7), to: 'IN_PROGRESS',
    note: 'Fortnightly multi-agency sexual exploitation meeting set up (police, social care, health, education, Sunrise Team) to share concerns about possible victims, alleged abusers and hotspots.',
  },
  {
    type: 'measure', at: at('2012-10-10T10:00:00Z'), by: 'csc', measureId: 'measure-rochdale-r1-briefed', value: 10_250,
    note: "Total from agencies' briefing registers, April to September 2012.",
  },
  {
    type: 'status', at: at('2012-10-11T10:00:00Z'), by: 'nhs', recommendationId: rec(2), action: '2', to: 'IN_PROGRESS',
    note: 'School nurses booked on the face-to-face course first; the safeguarding leads of sexual health, the emergency department and GP practices follow.',
  },
  {
    type: 'status', at: at('2012-10-12T09:00:00Z'), by: 'education', recommendationId: rec(2), action: '3', to: 'IN_PROGRESS',
    note: 'Designated safeguarding leads of every secondary school and pupil referral unit booked on the course; pastoral staff follow in the spring term.',
  },
  {
    type: 'evidence', at: at('2012-10-12T12:00:00Z'), by: 'csc', id: 'evidence-rochdale-r1-briefings', recommendationId: rec(1),
    title: 'Register of CSE briefings delivered, April to September 2012',
    description: "Attendance returns from each agency's briefings on recognising and responding to CSE, totalling 10,250 staff.",
    kind: 'TRAINING_RECORD', url: `${EVIDENCE_BASE}/2012/cse-briefing-registers`,
  },
  {
    type: 'status', at: at('2012-10-15T09:00:00Z'), by: 'csc', recommendationId: rec(1), to: 'IMPLEMENTED',
    note: 'More than 10,000 staff briefed (10,250 recorded). The briefing is now part of induction for new starters in every agency.',
  },
  {
    type: 'evidence', at: at('2012-10-16T10:00:00Z'), by: 'education', id: 'evidence-rochdale-r8-registers', recommendationId: rec(8),
    title: "Young people's CSE awareness session registers, 2012",
    description: 'Registers from secondary schools, pupil referral units and youth services: 10,000 young people reached.',
    kind: 'DATA', url: `${EVIDENCE_BASE}/2012/young-people-awareness-registers`,
  },
  {
    type: 'status', at: at('2012-10-17T11:00:00Z'), by: 'police', recommendationId: rec(3), to: 'IN_PROGRESS',
    note: 'Task-and-finish group formed with social care, health and education to draft the multi-agency CSE strategy.',
  },
  {
    type: 'status', at: at('2012-10-19T10:00:00Z'), by: 'education', recommendationId: rec(8), to: 'IMPLEMENTED',
    note: '10,000 young people reached. The sessions are now part of the PSHE programme in every secondary school.',
  },
  {
    type: 'comment', at: at('2012-10-22T16:00:00Z'), by: 'cps', id: 'comment-rochdale-r9-response', recommendationId: rec(9),
    body:
      'Accepted in part. The CPS accepts early advice from a named specialist prosecutor and senior review of any ' +
      'decision to take no further action in CSE cases. The joint re-examination of past decisions is deferred: the ' +
      '2008 investigation is the subject of the IPCC-supervised investigation, and we will respond to that part when it reports.',
  },
  {
    type: 'status', at: at('2012-10-23T10:00:00Z'), by: 'nhs', recommendationId: rec(7), action: '2', to: 'IN_PROGRESS',
    note:
      "The designated nurse has attended every meeting since 9 October; an agreement for sharing health information about " +
      "the young people discussed is being drafted with the trust's Caldicott guardian.",
  },
  {
    type: 'status', at: at('2012-10-24T09:30:00Z'), by: 'education', recommendationId: rec(7), action: '3', to: 'IN_PROGRESS',
    note: "Schools' attendance officers now send the education safeguarding lead a weekly list of pupils with unexplained absences, to take to the meeting.",
  },
  {
    type: 'assessment', at: at('2012-10-25T11:00:00Z'), by: 'chair', evidenceId: 'evidence-rochdale-r1-briefings', assessment: 'ACCEPTED',
    comment: "Registers reconcile with the agencies' returns. Accepted.",
  },
  {
    type: 'assessment', at: at('2012-10-30T10:00:00Z'), by: 'qa', evidenceId: 'evidence-rochdale-r2-attendance', assessment: 'ACCEPTED',
    comment: 'Accepted as evidence of progress (1,500 staff), not of completion.',
  },
  {
    type: 'status', at: at('2012-11-08T17:00:00Z'), by: 'chair', recommendationId: rec(1), to: 'VERIFIED',
    note: 'Verified at the Board meeting on 8 November 2012 against the accepted briefing registers.',
  },
  {
    type: 'due_date', at: at('2012-11-08T17:30:00Z'), by: 'chair', recommendationId: rec(2), to: day('2013-03-31'),
    reason:
      'Agreed at the Board meeting on 8 November 2012: face-to-face sessions pause in November and December while the ' +
      'course is rewritten to the new multi-agency strategy; the whole workforce is now to be trained by 31 March 2013.',
  },
  {
    type: 'assessment', at: at('2012-11-12T10:00:00Z'), by: 'qa', evidenceId: 'evidence-rochdale-r8-registers', assessment: 'ACCEPTED',
    comment: "Registers checked against the schools' returns; 10,000 young people reached. Accepted.",
  },
  {
    type: 'status', at: at('2012-11-14T10:00:00Z'), by: 'csc', recommendationId: rec(5), to: 'IN_PROGRESS',
    note: 'New referral procedure for possible CSE drafted with partners; consultation with referring agencies until 30 November.',
  },
  {
    type: 'measure', at: at('2012-11-20T10:00:00Z'), by: 'csc', measureId: 'measure-rochdale-r6-screened', value: 62,
    note: 'Audit of October referrals: 62% of referrals of over-12s screened for CSE.',
  },
  {
    type: 'evidence', at: at('2012-11-28T10:00:00Z'), by: 'police', id: 'evidence-rochdale-r7-minutes', recommendationId: rec(7),
    title: 'Minutes of the multi-agency sexual exploitation meetings, October and November 2012',
    description: 'Minutes and action logs of four fortnightly meetings, with attendance by agency.',
    kind: 'MINUTES', url: `${EVIDENCE_BASE}/2012/mase-minutes-oct-nov`,
  },
  {
    type: 'status', at: at('2012-12-03T09:00:00Z'), by: 'police', recommendationId: rec(7), to: 'IMPLEMENTED',
    note: 'Meetings held fortnightly since 9 October with every agency attending; actions on victims, alleged abusers and hotspots tracked to completion, with escalation to the divisional commander.',
  },
  {
    type: 'evidence', at: at('2012-12-05T10:00:00Z'), by: 'csc', id: 'evidence-rochdale-r5-draft-procedure', recommendationId: rec(5),
    title: 'Draft procedure for referring possible child sexual exploitation',
    description: 'Consultation draft of the referral and escalation procedure, November 2012.',
    kind: 'POLICY', url: `${EVIDENCE_BASE}/2012/cse-referral-procedure-draft`,
  },
  {
    type: 'assessment', at: at('2012-12-06T11:00:00Z'), by: 'qa', evidenceId: 'evidence-rochdale-r7-minutes', assessment: 'ACCEPTED',
    comment: 'All agencies represented; actions on victims, alleged abusers and hotspots recorded and followed up. Accepted.',
  },
  {
    type: 'assessment', at: at('2012-12-12T15:00:00Z'), by: 'qa', evidenceId: 'evidence-rochdale-r5-draft-procedure', assessment: 'INSUFFICIENT',
    comment:
      'This is a consultation draft, not yet agreed by the partner agencies. Please resubmit the agreed procedure with ' +
      'evidence that it has been issued to referrers (for example the circulation list or briefing note).',
  },
  {
    type: 'status', at: at('2012-12-13T10:00:00Z'), by: 'qa', recommendationId: rec(7), to: 'VERIFIED',
    note: 'Verified against the accepted minutes: meetings are regular, multi-agency and their actions are followed through.',
  },
  {
    type: 'comment', at: at('2012-12-14T09:30:00Z'), by: 'csc', id: 'comment-rochdale-r5-resubmit', recommendationId: rec(5),
    body:
      "Understood. The agreed procedure goes to the Board's procedures sub-group on 17 January; we will resubmit it " +
      'with the circulation list once it is issued.',
  },
  {
    type: 'status', at: at('2013-01-10T17:00:00Z'), by: 'qa', recommendationId: rec(8), to: 'VERIFIED',
    note: 'Verified against the accepted registers and reported to the Board meeting on 10 January 2013.',
  },
  {
    type: 'evidence', at: at('2013-01-14T10:00:00Z'), by: 'csc', id: 'evidence-rochdale-r6-screening-audit', recommendationId: rec(6),
    title: 'Audit of CSE screening of referrals of over-12s, December 2012',
    description: 'Case-file audit of all December referrals of children over 12 to children\'s social care: 78% screened.',
    kind: 'AUDIT', url: `${EVIDENCE_BASE}/2013/over-12s-screening-audit-dec-2012`,
  },
  {
    type: 'measure', at: at('2013-01-15T10:00:00Z'), by: 'csc', measureId: 'measure-rochdale-r6-screened', value: 78,
    note: 'December audit: 78% of referrals of over-12s screened for CSE.',
  },
  {
    type: 'comment', at: at('2013-01-17T10:00:00Z'), by: 'chair', id: 'comment-rochdale-r2-trajectory', recommendationId: rec(2),
    body: 'The Board expects monthly numbers until the whole workforce is trained; please set out the trajectory to 31 March.',
  },
  {
    type: 'measure', at: at('2013-01-21T10:00:00Z'), by: 'csc', measureId: 'measure-rochdale-r4-sunrise-posts', value: 7,
    note: 'Two further posts filled, one of them a health post seconded from the NHS trust. One post still to recruit.',
  },
  {
    type: 'progress_note', at: at('2013-01-22T11:00:00Z'), by: 'nhs', recommendationId: rec(7), action: '2',
    note:
      'Past the due date: the designated nurse attends every meeting, but the information-sharing agreement is still with ' +
      "the trust's Caldicott guardian, so the meeting's actions are not yet recorded in health records.",
  },
  {
    type: 'assessment', at: at('2013-01-24T14:00:00Z'), by: 'chair', evidenceId: 'evidence-rochdale-r6-screening-audit', assessment: 'ACCEPTED',
    comment: 'Sound method and sample. Accepted as evidence of progress; please re-audit in March.',
  },
  {
    type: 'evidence', at: at('2013-01-28T10:00:00Z'), by: 'education', id: 'evidence-rochdale-r7-absence-referrals', recommendationId: rec(7), action: '3',
    title: 'Pupils taken to the multi-agency sexual exploitation meeting for patterns of absence, autumn term 2012',
    description:
      'Weekly absence lists from secondary schools and pupil referral units, the pupils discussed at the meeting and what ' +
      'schools were told about hotspots near them, September to December 2012.',
    kind: 'DATA', url: `${EVIDENCE_BASE}/2013/mase-school-absence-referrals-autumn-2012`,
  },
  {
    type: 'status', at: at('2013-01-30T09:00:00Z'), by: 'education', recommendationId: rec(7), action: '3', to: 'IMPLEMENTED',
    note: 'Every secondary school and pupil referral unit sends its weekly absence list; the pupils of concern are discussed at each meeting and schools hear of hotspots near them.',
  },
  {
    type: 'assessment', at: at('2013-02-05T14:00:00Z'), by: 'chair', evidenceId: 'evidence-rochdale-r7-absence-referrals', assessment: 'ACCEPTED',
    comment: "The schools' lists match the meeting's minutes and the follow-up recorded. Accepted.",
  },
  {
    type: 'progress_note', at: at('2013-02-06T11:00:00Z'), by: 'csc', recommendationId: rec(2),
    note: 'Rewritten course approved. Sessions restart on 4 March 2013 with schools and GP practices booked first; numbers will be reported monthly.',
  },
  {
    type: 'progress_note', at: at('2013-02-12T10:00:00Z'), by: 'nhs', recommendationId: rec(2), action: '2',
    note: '42 school nurses and 18 sexual health staff trained before the course paused; the emergency department and GP practice leads are booked from 4 March.',
  },
  {
    type: 'comment', at: at('2013-02-20T15:00:00Z'), by: 'nhs', id: 'comment-rochdale-r10-plan', recommendationId: rec(10),
    body:
      "The trust's plan for identifying and referring children at risk of CSE in emergency, sexual health and school " +
      "nursing services will come to the April Board. Work starts once the trust's safeguarding training is refreshed.",
  },
  {
    type: 'progress_note', at: at('2013-02-26T11:00:00Z'), by: 'csc', recommendationId: rec(5),
    note: 'Procedure agreed by the procedures sub-group on 17 January subject to changes; the final version is to be issued to referrers in March.',
  },
  {
    type: 'evidence', at: at('2013-03-14T16:00:00Z'), by: 'police', id: 'evidence-rochdale-r3-strategy', recommendationId: rec(3),
    title: 'Multi-agency child sexual exploitation strategy 2013–2015',
    description: "The strategy as signed off by the Board on 14 March 2013, with the framework for managing allegations and the Sunrise Team's remit.",
    kind: 'POLICY', url: `${EVIDENCE_BASE}/2013/multi-agency-cse-strategy-2013-2015`,
  },
  {
    type: 'status', at: at('2013-03-15T09:00:00Z'), by: 'police', recommendationId: rec(3), to: 'IMPLEMENTED',
    note: 'Strategy signed off by the Board on 14 March 2013 and issued to every agency.',
  },
  {
    type: 'measure', at: at('2013-03-18T10:00:00Z'), by: 'csc', measureId: 'measure-rochdale-r6-screened', value: 91,
    note: 'February audit: 91% of referrals of over-12s screened for CSE.',
  },
];
