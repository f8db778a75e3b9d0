import { dayOf, formatDay } from '@/lib/days';
import { plural } from '@/lib/labels';

/** A due date, with an "Overdue" tag (in words, not colour alone) when it has passed. */
export function DueDate({ dueDate, overdue, daysOverdue }: { dueDate: Date; overdue: boolean; daysOverdue: number }) {
  return (
    <>
      <time dateTime={dayOf(dueDate)} className="nowrap">{formatDay(dueDate)}</time>
      {overdue ? (
        <>
          <br />
          <strong className="tag tag--red">Overdue</strong>{' '}
          <span className="small secondary">
            by {plural(daysOverdue, 'day')}
          </span>
        </>
      ) : null}
    </>
  );
}
