import { FINDING_STATUS_LABELS, type FindingStatus } from '@/lib/findings/finding-status';

const COLOURS: Record<FindingStatus, string> = {
  UNANSWERED: 'tag tag--red',
  OPEN: 'tag',
  BEING_ADDRESSED: 'tag tag--blue',
  ADDRESSED: 'tag tag--green',
};

/** A finding's derived status in words (colour alone fails WCAG 1.4.1); unanswered stands out. */
export function FindingStatusTag({ status }: { status: FindingStatus }) {
  return <strong className={COLOURS[status]}>{status === 'UNANSWERED' ? <span aria-hidden="true">⚑ </span> : null}{FINDING_STATUS_LABELS[status]}</strong>;
}
