import { ROCHDALE_REVIEW_ID } from './records';

// Every page a reviewer or admin works in: checked by axe (e2e/accessibility.spec.ts) and for reflow and focus (e2e/reflow-and-focus.spec.ts).
export const PAGES = [
  '/',
  '/recommendations',
  '/recommendations?status=IN_PROGRESS&sort=status',
  `/recommendations?review=${ROCHDALE_REVIEW_ID}`,
  '/reviews',
  `/reviews/${ROCHDALE_REVIEW_ID}`,
  '/reviews/new',
  `/reviews/${ROCHDALE_REVIEW_ID}/edit`,
  `/reviews/${ROCHDALE_REVIEW_ID}/findings/new`,
  `/reviews/${ROCHDALE_REVIEW_ID}/recommendations/new`,
  // Importing an action plan (the preview, with its settings and commit forms: e2e/import.spec.ts).
  `/reviews/${ROCHDALE_REVIEW_ID}/import`,
  // A recommendation carried out by three agencies, one of its actions, and adding and editing actions.
  '/recommendations/rec-rochdale-r2',
  '/actions',
  '/actions?overdue=1&sort=status',
  '/actions/action-rochdale-r2-1',
  '/recommendations/rec-rochdale-r2/actions/new',
  '/actions/action-rochdale-r2-1/edit',
  '/reports',
  '/notifications',
  '/admin/users',
  '/admin/users?q=lead',
  '/admin/users/new',
  '/admin/notices',
  '/admin/agencies',
  '/account/password',
  '/account/two-factor',
  '/account/notifications',
  '/accessibility',
];
