import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';

const STATUS_COLOURS: Record<RecommendationStatus, string> = {
  NOT_STARTED: 'tag',
  IN_PROGRESS: 'tag tag--blue',
  IMPLEMENTED: 'tag tag--purple',
  VERIFIED: 'tag tag--green',
  NOT_ACCEPTED: 'tag',
  SUPERSEDED: 'tag',
};

export function StatusTag({ status }: { status: RecommendationStatus }) {
  return <strong className={STATUS_COLOURS[status]}>{STATUS_LABELS[status]}</strong>;
}

const RAG_COLOURS: Record<Rag, string> = { GREEN: 'tag tag--green', AMBER: 'tag tag--amber', RED: 'tag tag--red' };

/** The RAG rating in words as well as colour (colour alone fails WCAG 1.4.1). */
export function RagTag({ rating }: { rating: Rag | null }) {
  if (!rating) return <span className="tag">No rating</span>;
  return <strong className={RAG_COLOURS[rating]}>{RAG_LABELS[rating]}</strong>;
}
