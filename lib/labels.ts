// Words the product shows for each stored value. Safe for client components.
// Dates and times are worded by lib/days.ts.
import { formatDay } from '@/lib/days';
import type {
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

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  REVIEWER: 'Reviewer',
  OWNER: 'Owner',
  VIEWER: 'Viewer',
};

/** A user's choice of reminder emails, in the words of its form (lower case: it reads inside sentences too). */
export const NOTICE_EMAIL_LABELS: Record<NoticeEmail, string> = {
  IMMEDIATE: 'as they happen',
  DIGEST: 'in a weekly digest',
  NONE: 'not at all',
};

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  SERIOUS_CASE_REVIEW: 'Serious case review',
  PRACTICE_REVIEW: 'Child safeguarding practice review',
  LEARNING_REVIEW: 'Learning review',
  THEMATIC_REVIEW: 'Thematic review',
  INSPECTION: 'Inspection',
  INTERNAL_REVIEW: 'Internal review',
  INDEPENDENT_INVESTIGATION: 'Independent investigation',
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  PLANNED: 'Planned',
  IN_PROGRESS: 'In progress',
  PUBLISHED: 'Published',
  CLOSED: 'Closed',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
};

export const RESPONSE_LABELS: Record<ResponseKind, string> = {
  ACCEPTED: 'Accepted',
  ACCEPTED_IN_PART: 'Accepted in part',
  NOT_ACCEPTED: 'Not accepted',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
};

export const STATUS_LABELS: Record<RecommendationStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IMPLEMENTED: 'Implemented',
  VERIFIED: 'Verified',
  NOT_ACCEPTED: 'Not accepted',
  SUPERSEDED: 'Superseded',
};

export const RAG_LABELS: Record<Rag, string> = { GREEN: 'Green', AMBER: 'Amber', RED: 'Red' };

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  POLICY: 'Policy',
  TRAINING_RECORD: 'Training record',
  AUDIT: 'Audit',
  DATA: 'Data',
  MINUTES: 'Minutes',
  DOCUMENT: 'Document',
  OTHER: 'Other',
};

export const ASSESSMENT_LABELS: Record<Assessment, string> = {
  PENDING: 'Awaiting assessment',
  ACCEPTED: 'Accepted',
  INSUFFICIENT: 'Insufficient',
};

/** "1 day", "2 days", "1,500 staff": a count and its noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** Where a review stands, in words: "Published 27 September 2012", or its status (and publication date, if any). */
export function reviewStatusText(review: { status: ReviewStatus; publishedOn: Date | null }): string {
  if (review.status === 'PUBLISHED' && review.publishedOn) return `Published ${formatDay(review.publishedOn)}`;
  return `${REVIEW_STATUS_LABELS[review.status]}${review.publishedOn ? `, published ${formatDay(review.publishedOn)}` : ''}`;
}
