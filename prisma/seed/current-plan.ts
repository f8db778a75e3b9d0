// Demo data: a current plan, so that the demo shows what a partnership sees
// in real use (work due this month, overdue work, evidence to assess, RAG).
//
// The Rochdale review (./rochdale.ts) keeps its 2012–2013 dates: it is history.
// The serious case review it said was still to come (LATER_REVIEWS, tracked
// as planned since 27 September 2012) is published here, some weeks before
// the day the seed runs, with findings, recommendations and their progress
// since. Its content is illustrative, written for the demo from the themes of
// the Board's 2012 review, the article the Rochdale data comes from:
// it does not quote the real serious case review, and its dates follow the
// day the demo data is loaded, which its summary says. People are named by
// role, never by a real person's name.
//
// Plain data only, no database access: `index.ts` writes it through the same
// checked path as the Rochdale history. Every moment here lies before the
// seed's `now` (activity ends the day before); due dates may lie ahead.
import { addDays, type Day, startOfUkDay, storedDate, ukDay } from '@/lib/days';
import {
  AGENCY,
  asWritten,
  LATER_REVIEWS,
  type SeedActivity,
  type SeedFinding,
  type SeedMeasure,
  type SeedRecommendation,
  type SeedReview,
  type UserKey,
} from './rochdale';

export const CURRENT_REVIEW_ID = 'review-rochdale-scr-2013';

/** Days from publication to the day the seed runs: four months of work to show. */
export const DAYS_SINCE_PUBLICATION = 126;

/** A change to a review, as the app's review edit records it (only the fields that change). */
export type SeedReviewUpdate = {
  at: Date;
  by: UserKey;
  reviewId: string;
  changes: Partial<Pick<SeedReview, 'title' | 'status' | 'publishedOn' | 'periodStart' | 'periodEnd' | 'summary' | 'sourceUrl'>>;
};

export type SeedPlan = {
  reviewId: string;
  /** Who enters the findings, recommendations and measures. */
  enteredBy: UserKey;
  findings: readonly SeedFinding[];
  findingsCreatedFrom: Date;
  recommendations: readonly SeedRecommendation[];
  recommendationsCreatedFrom: Date;
  measures: readonly SeedMeasure[];
  measuresCreatedFrom: Date;
  activity: readonly SeedActivity[];
};

export type CurrentPlan = SeedPlan & { publication: SeedReviewUpdate; today: Day };

const EVIDENCE_BASE = 'https://rochdale-lscb.example/evidence/serious-case-review';

const finding = (n: number) => `finding-scr-f${n}`;
const rec = (n: number) => `rec-scr-r${n}`;

/**
 * The serious case review's publication and plan, dated relative to `now`:
 * published DAYS_SINCE_PUBLICATION UK days before the day `now` falls in,
 * with activity on the days since, up to the day before.
 */
export function currentPlan(now: Date): CurrentPlan {
  const today = ukDay(now);
  /** A moment `offset` UK days from today (negative: before), at about `hour`:`minute` in London. */
  const at = (offset: number, hour = 10, minute = 0): Date => {
    if (offset >= 0) throw new Error("Seed data: the current plan's activity must lie before today");
    return new Date(startOfUkDay(addDays(today, offset)).getTime() + (hour * 60 + minute) * 60_000);
  };
  /** A due date `offset` UK days from today. */
  const due = (offset: number): Date => storedDate(addDays(today, offset));

  const published = -DAYS_SINCE_PUBLICATION;
  const planned = LATER_REVIEWS.find((review) => review.id === CURRENT_REVIEW_ID)!;

  const publication: SeedReviewUpdate = {
    at: at(published, 10, 0),
    by: 'chair',
    reviewId: CURRENT_REVIEW_ID,
    changes: {
      status: 'PUBLISHED',
      publishedOn: due(published),
      periodStart: storedDate('2007-01-01'),
      periodEnd: storedDate('2012-12-31'),
      summary:
        'The statutory serious case review the Board commissioned after its 2012 review of child sexual exploitation. ' +
        'It follows how agencies responded to young people who were sexually exploited in the borough between 2007 and ' +
        '2012, from their first contact with services to the trial in 2012, and asks why what practitioners saw did not ' +
        'lead to action. It found that young people were too often seen as making choices rather than as children at ' +
        'risk of harm; that what health, education, youth services and the police knew about the same young people was ' +
        'not brought together; that children returning from going missing were not asked where they had been; that ' +
        'decisions not to investigate or prosecute went unchallenged; that front-line staff could not escalate their ' +
        'concerns; and that the Board lacked the information to hold agencies to account. The partnership accepted its ' +
        'seven recommendations: this is the plan the Board now tracks. (Demo data: the findings and recommendations are ' +
        'illustrative, written from the themes of the 2012 review, and the dates follow the day the demo was loaded.)',
    },
  };
  if (planned.status !== 'PLANNED') throw new Error('Seed data: the serious case review should still be planned before it is published');

  const findings: SeedFinding[] = [
    {
      id: finding(1),
      reference: 'F1',
      text:
        'Young people who were being sexually exploited were seen by practitioners and managers as making choices about ' +
        'their lifestyle, not as children at risk of significant harm, so child protection procedures were not used.',
      theme: 'Social care response',
      severity: 'CRITICAL',
    },
    {
      id: finding(2),
      reference: 'F2',
      text:
        'What health, education, youth services and the police each knew about the same young people was not brought ' +
        'together, so no agency saw the pattern of exploitation.',
      theme: 'Multi-agency working',
      severity: 'HIGH',
    },
    {
      id: finding(3),
      reference: 'F3',
      text:
        "Decisions not to investigate further or not to prosecute were taken without an assessment of the young person's " +
        'vulnerability or a search for supporting evidence, and were not reviewed at a senior level.',
      theme: 'Criminal justice',
      severity: 'CRITICAL',
    },
    {
      id: finding(4),
      reference: 'F4',
      text:
        'Front-line staff who disagreed with decisions not to act had no effective route to escalate their concerns, and ' +
        'managers did not hear them.',
      theme: 'Escalation',
      severity: 'HIGH',
    },
    {
      id: finding(5),
      reference: 'F5',
      text:
        'Young people attended sexual health and emergency services repeatedly without being asked about exploitation, ' +
        "and what staff saw was not shared with children's social care.",
      theme: 'Health response',
      severity: 'HIGH',
    },
    {
      id: finding(6),
      reference: 'F6',
      text:
        "The Board did not receive the information it needed to know whether agencies' responses to child sexual " +
        'exploitation were working, or to hold them to account.',
      theme: 'Governance',
      severity: 'MEDIUM',
    },
    {
      id: finding(7),
      reference: 'F7',
      text:
        'Children who went missing from home or care were not asked on their return where they had been or who they had ' +
        'been with, so an early sign of exploitation was missed.',
      theme: 'Social care response',
      severity: 'HIGH',
    },
  ];

  // Due dates, in UK days from today: R2 and R6 are overdue (by weeks, by
  // days), R1 (moved) and R7 are due within 30 days, R3 awaits verification,
  // R4 is verified, and R5 has not started, with months to go.
  const recommendations: SeedRecommendation[] = [
    {
      id: rec(1),
      reference: 'R1',
      text:
        'Set a practice standard that every young person at risk of sexual exploitation is assessed and protected as a ' +
        "child at risk of significant harm, never as making a lifestyle choice, and audit case files to show that every " +
        "decision to close such a case had a manager's oversight.",
      answers: ['F1', 'F4'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      actions: asWritten(AGENCY.csc, 'csc', due(-40)),
    },
    {
      id: rec(2),
      reference: 'R2',
      text:
        'Have every allegation of child sexual exploitation investigated by officers trained in specialist CSE ' +
        "investigation, with a supervisor's review within 24 hours and the young person's vulnerability assessed before " +
        'any decision to take no further action.',
      answers: ['F3'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      actions: asWritten(AGENCY.police, 'police', due(-24)),
    },
    {
      id: rec(3),
      reference: 'R3',
      text:
        'Ask every young person under 18 seen in sexual health services or the emergency department about sexual ' +
        "exploitation, using one screening tool, and share any concern with children's social care's single point of " +
        'contact the same day.',
      answers: ['F2', 'F5'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      actions: asWritten(AGENCY.nhs, 'nhs', due(10)),
    },
    {
      id: rec(4),
      reference: 'R4',
      text:
        'Name a designated lead for child sexual exploitation in every secondary school and college, train them, and have ' +
        'them share concerns about pupils, including patterns of absence, with the single point of contact.',
      answers: ['F2'],
      response: 'ACCEPTED',
      priority: 'MEDIUM',
      actions: asWritten(AGENCY.education, 'education', due(75)),
    },
    {
      id: rec(5),
      reference: 'R5',
      text:
        'Give early investigative advice in every case of child sexual exploitation the police refer, and have a ' +
        'specialist prosecutor review any decision not to charge, with the young person told the reason and of their ' +
        'right to ask for a review.',
      answers: ['F3'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      actions: asWritten(AGENCY.cps, 'cps', due(150)),
    },
    {
      id: rec(6),
      reference: 'R6',
      text:
        'Offer every child who returns from going missing from home or care an independent return interview within 72 ' +
        'hours, and share what it finds with the police and the CSE team.',
      answers: ['F7', 'F2'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      actions: asWritten(AGENCY.csc, 'csc', due(-6)),
    },
    {
      id: rec(7),
      reference: 'R7',
      text:
        'Give the Board a quarterly child sexual exploitation dataset from every agency and a six-monthly multi-agency ' +
        'case audit, so that it can see whether responses are working and hold agencies to account.',
      answers: ['F6', 'F4'],
      response: 'ACCEPTED',
      // The Board's own action: the partnership business manager leads it.
      priority: 'MEDIUM',
      actions: asWritten(AGENCY.board, 'admin', due(21)),
    },
  ];

  const measures: SeedMeasure[] = [
    { id: 'measure-scr-r1-audit', recommendationId: rec(1), name: 'Case files audited that meet the practice standard', unit: '%', target: 100 },
    { id: 'measure-scr-r2-officers', recommendationId: rec(2), name: 'Officers trained in specialist CSE investigation', unit: 'officers', target: 40 },
    { id: 'measure-scr-r3-screened', recommendationId: rec(3), name: 'Attendances of under-18s screened for CSE', unit: '%', target: 95 },
    { id: 'measure-scr-r4-leads', recommendationId: rec(4), name: 'Secondary schools and colleges with a trained designated CSE lead', unit: 'schools', target: 14 },
    { id: 'measure-scr-r6-interviews', recommendationId: rec(6), name: 'Return interviews offered within 72 hours', unit: '%', target: 95 },
    { id: 'measure-scr-r7-returns', recommendationId: rec(7), name: 'Agencies sending their quarterly CSE return', unit: 'agencies', target: 6 },
  ];

  // The Board met 47 days before today.
  const activity: SeedActivity[] = [
    {
      type: 'status', at: at(-120), by: 'csc', recommendationId: rec(1), to: 'IN_PROGRESS',
      note: 'Practice standard drafted with the principal social worker; baseline audit of open CSE cases under way.',
    },
    {
      type: 'status', at: at(-118), by: 'police', recommendationId: rec(2), to: 'IN_PROGRESS',
      note: 'Specialist investigation course commissioned for the CSE unit; supervisors now review every new CSE allegation within 24 hours.',
    },
    {
      type: 'status', at: at(-115), by: 'nhs', recommendationId: rec(3), to: 'IN_PROGRESS',
      note: 'One screening tool agreed by the sexual health service and the emergency department; training for their staff booked.',
    },
    {
      type: 'status', at: at(-112), by: 'education', recommendationId: rec(4), to: 'IN_PROGRESS',
      note: 'Every secondary school and college asked to name its designated CSE lead; training dates set with the Sunrise Team.',
    },
    {
      type: 'status', at: at(-110), by: 'csc', recommendationId: rec(6), to: 'IN_PROGRESS',
      note: 'Independent return interview service commissioned; referral route from the missing-persons co-ordinator agreed with the police.',
    },
    {
      type: 'status', at: at(-108), by: 'admin', recommendationId: rec(7), to: 'IN_PROGRESS',
      note: 'Dataset agreed with the performance sub-group: referrals, missing episodes, screening, investigations and outcomes, by agency.',
    },
    {
      type: 'comment', at: at(-104, 15), by: 'cps', id: 'comment-scr-r5-start', recommendationId: rec(5),
      body:
        "The CPS accepts this recommendation. The area's specialist unit for rape and serious sexual offences takes on " +
        'child sexual exploitation cases from next quarter; early advice and a specialist review of decisions not to ' +
        'charge start then. We will set out the plan to the Board before it does.',
    },
    {
      type: 'measure', at: at(-95), by: 'police', measureId: 'measure-scr-r2-officers', value: 12,
      note: 'Officers who have completed the specialist investigation course.',
    },
    {
      type: 'measure', at: at(-90), by: 'csc', measureId: 'measure-scr-r1-audit', value: 48,
      note: 'Baseline audit: 24 of 50 open CSE cases met the practice standard.',
    },
    {
      type: 'measure', at: at(-85), by: 'education', measureId: 'measure-scr-r4-leads', value: 9,
      note: 'Schools and colleges whose designated lead has been trained.',
    },
    {
      type: 'measure', at: at(-80), by: 'csc', measureId: 'measure-scr-r6-interviews', value: 62,
      note: "First month of the service: return interviews offered within 72 hours, from the provider's records.",
    },
    {
      type: 'measure', at: at(-75), by: 'admin', measureId: 'measure-scr-r7-returns', value: 2,
      note: "First quarter's returns received from children's social care and the police.",
    },
    {
      type: 'measure', at: at(-70), by: 'nhs', measureId: 'measure-scr-r3-screened', value: 58,
      note: 'First month: attendances of under-18s screened with the tool, both services together.',
    },
    {
      type: 'measure', at: at(-60), by: 'police', measureId: 'measure-scr-r2-officers', value: 22,
      note: 'Ten more officers through the course.',
    },
    {
      type: 'comment', at: at(-55, 16), by: 'chair', id: 'comment-scr-r2-figures', recommendationId: rec(2),
      body:
        'The Board asks for the number of decisions to take no further action that a supervisor reviewed each month, ' +
        'beside the training figures, so that it can see the change in practice as well as in training.',
    },
    {
      type: 'evidence', at: at(-50), by: 'education', id: 'evidence-scr-r4-leads-register', recommendationId: rec(4),
      title: 'Register of designated CSE leads in secondary schools and colleges',
      description:
        "All 14 secondary schools and colleges: the named lead, the date of their CSE training and the school's route for " +
        'sharing concerns with the single point of contact.',
      kind: 'TRAINING_RECORD', url: `${EVIDENCE_BASE}/designated-cse-leads-register`,
    },
    {
      type: 'measure', at: at(-49), by: 'education', measureId: 'measure-scr-r4-leads', value: 14,
      note: 'Every secondary school and college now has a trained designated lead.',
    },
    {
      type: 'due_date', at: at(-47, 17, 0), by: 'chair', recommendationId: rec(1), to: due(28),
      reason:
        'Agreed at the Board meeting: the baseline audit showed the practice standard must be rewritten with the police and ' +
        'health before it is issued, and the re-audit must cover a month of cases after that; the new date allows both.',
    },
    {
      type: 'rag_override', at: at(-47, 17, 10), by: 'chair', recommendationId: rec(5), rating: 'AMBER',
      justification:
        'Computed red because nothing has been recorded since the plan was agreed. The Board accepted the CPS start date ' +
        "at its meeting: the area's specialist unit takes these cases on from next quarter, and no progress is due " +
        'before then. Amber until the first update.',
    },
    {
      type: 'status', at: at(-45), by: 'education', recommendationId: rec(4), to: 'IMPLEMENTED',
      note:
        'Every secondary school and college has a trained designated CSE lead, who shares concerns about pupils, ' +
        'including patterns of absence, with the single point of contact.',
    },
    {
      type: 'assessment', at: at(-40), by: 'qa', evidenceId: 'evidence-scr-r4-leads-register', assessment: 'ACCEPTED',
      comment: "Checked against the schools' returns and the training registers: every school and college has a trained lead. Accepted.",
    },
    {
      type: 'status', at: at(-38), by: 'chair', recommendationId: rec(4), to: 'VERIFIED',
      note: 'Verified against the accepted register of designated leads; reported to the Board.',
    },
    {
      type: 'measure', at: at(-35), by: 'csc', measureId: 'measure-scr-r1-audit', value: 64,
      note: 'Second audit: 32 of 50 cases met the practice standard.',
    },
    {
      type: 'progress_note', at: at(-33), by: 'csc', recommendationId: rec(6),
      note: 'Interviews now offered within 72 hours after four returns in five; the provider is recruiting a second worker for evenings and weekends.',
    },
    {
      type: 'measure', at: at(-30), by: 'nhs', measureId: 'measure-scr-r3-screened', value: 88,
      note: 'Second month, both services together.',
    },
    {
      type: 'measure', at: at(-30, 11), by: 'admin', measureId: 'measure-scr-r7-returns', value: 4,
      note: 'Returns received from four agencies; education and the CPS still to send theirs.',
    },
    {
      type: 'measure', at: at(-28), by: 'csc', measureId: 'measure-scr-r6-interviews', value: 81,
      note: "Last month, from the provider's records.",
    },
    {
      type: 'comment', at: at(-25, 14), by: 'police', id: 'comment-scr-r2-date', recommendationId: rec(2),
      body:
        'The last nine officers are booked on the specialist course; until they finish, every CSE allegation is allocated ' +
        'to a trained officer. We will ask the Board for a new due date at its next meeting.',
    },
    {
      type: 'measure', at: at(-20), by: 'police', measureId: 'measure-scr-r2-officers', value: 31,
      note: 'Nine more officers through the course; nine still to go.',
    },
    {
      type: 'progress_note', at: at(-15), by: 'police', recommendationId: rec(2),
      note: 'Supervisors reviewed every CSE allegation within 24 hours last month; none closed without a vulnerability assessment.',
    },
    {
      type: 'measure', at: at(-12), by: 'admin', measureId: 'measure-scr-r7-returns', value: 5,
      note: "Education's return received; the CPS's comes with next quarter's.",
    },
    {
      type: 'progress_note', at: at(-10), by: 'csc', recommendationId: rec(1),
      note: "Revised practice standard agreed with the police and health and issued to every team; re-audit of the first month's cases under way.",
    },
    {
      type: 'measure', at: at(-9), by: 'nhs', measureId: 'measure-scr-r3-screened', value: 96,
      note: "Last quarter's audit, both services together.",
    },
    {
      type: 'evidence', at: at(-8), by: 'nhs', id: 'evidence-scr-r3-screening-audit', recommendationId: rec(3),
      title: 'Audit of CSE screening in sexual health and emergency services',
      description:
        'Attendances of under-18s over the last quarter: 96% screened with the common tool, and every concern shared ' +
        'with the single point of contact the same day.',
      kind: 'AUDIT', url: `${EVIDENCE_BASE}/health-cse-screening-audit`,
    },
    {
      type: 'status', at: at(-7), by: 'nhs', recommendationId: rec(3), to: 'IMPLEMENTED',
      note: 'Screening in place in both services since the start of the quarter; the audit shows 96% of attendances of under-18s screened.',
    },
    {
      type: 'comment', at: at(-3, 9, 30), by: 'qa', id: 'comment-scr-r3-assessing', recommendationId: rec(3),
      body: "I will assess the screening audit before the Board meets; please add the emergency department's figures separately if you have them.",
    },
    {
      type: 'progress_note', at: at(-1, 16), by: 'csc', recommendationId: rec(6),
      note:
        'Past the due date: about four returns in five get an interview within 72 hours, short of the target. The second ' +
        "worker starts next month; we will ask the Board to move the due date, with the provider's recruitment plan.",
    },
  ];

  return {
    today,
    publication,
    reviewId: CURRENT_REVIEW_ID,
    enteredBy: 'chair',
    findings,
    findingsCreatedFrom: at(published, 10, 5),
    recommendations,
    recommendationsCreatedFrom: at(published, 10, 30),
    measures,
    measuresCreatedFrom: at(published, 10, 45),
    activity,
  };
}
