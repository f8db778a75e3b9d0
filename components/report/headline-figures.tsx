import type { Report } from '@/lib/reports/compute-report';

const percent = (value: number) => `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const count = (value: number) => value.toLocaleString('en-GB');

/** The five numbers a board member looks for first, each as a card that reads as a phrase ("3 overdue"). */
export function HeadlineFigures({ report }: { report: Report }) {
  const { totals } = report;
  const awaiting = report.evidence.awaitingAssessment.length;
  const figures = [
    { key: 'recommendations', value: count(totals.recommendations), label: totals.recommendations === 1 ? 'recommendation' : 'recommendations' },
    { key: 'implemented', value: percent(totals.implementedPercent), label: 'implemented or verified' },
    { key: 'verified', value: percent(totals.verifiedPercent), label: 'verified' },
    { key: 'overdue', value: count(totals.overdue), label: 'overdue' },
    {
      key: 'evidence',
      value: count(awaiting),
      label: awaiting === 1 ? 'piece of evidence awaiting assessment' : 'pieces of evidence awaiting assessment',
    },
  ];
  return (
    <>
      <ul className="report-headlines">
        {figures.map((figure) => (
          <li key={figure.key} className="report-headline" data-headline={figure.key}>
            <strong className="report-headline__value">{figure.value}</strong>{' '}
            <span className="report-headline__label">{figure.label}</span>
          </li>
        ))}
      </ul>
      <p className="small secondary">
        Percentages are of the recommendations the partnership took on: those not accepted or superseded are left out.
      </p>
    </>
  );
}
