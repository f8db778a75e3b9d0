import { RagTag, StatusTag } from '@/components/status-tag';
import { formatInstantDay } from '@/lib/days';
import type { RagResult } from '@/lib/recommendations/rag';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { DueDate } from './due-date';

/** The last cells of a recommendation's or an action's row in a list: due date, status, RAG and last update. */
export function ProgressCells({
  row,
}: {
  row: { dueDate: Date; overdue: boolean; daysOverdue: number; status: RecommendationStatus; rag: RagResult; updatedAt: Date };
}) {
  return (
    <>
      <td>
        <DueDate dueDate={row.dueDate} overdue={row.overdue} daysOverdue={row.daysOverdue} />
      </td>
      <td>
        <StatusTag status={row.status} />
      </td>
      <td>
        <RagTag rating={row.rag.rating} />
        {row.rag.overridden ? <span className="small secondary"> (set by a reviewer)</span> : null}
      </td>
      <td>
        <time dateTime={row.updatedAt.toISOString()} className="nowrap">
          {formatInstantDay(row.updatedAt)}
        </time>
      </td>
    </>
  );
}
