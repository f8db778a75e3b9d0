import { dayOf, formatDay } from '@/lib/days';

/** A due date, with an "Overdue" tag (in words, not colour alone) when it has passed. */
export function DueDate({ dueDate, overdue, daysOverdue }: { dueDate: Date; overdue: boolean; daysOverdue: number }) {
  return (
    <>
      <time dateTime={dayOf(dueDate)}>{formatDay(dueDate)}</time>
      {overdue ? (
        <>
          <br />
          <strong className="tag tag--red">Overdue</strong>{' '}
          <span className="small secondary">
            by {daysOverdue} {daysOverdue === 1 ? 'day' : 'days'}
          </span>
        </>
      ) : null}
    </>
  );
}
