import { RagTag } from '@/components/status-tag';
import type { Report } from '@/lib/reports/compute-report';
import { formatPercent, headlineFigures, PERCENT_NOTE } from '@/lib/reports/report-sections';

const count = (value: number) => value.toLocaleString('en-GB');

/** The figures a board member looks for first, each as a card that reads as a phrase ("3 overdue"), then the RAG counts as tags. */
export function HeadlineFigures({ report }: { report: Report }) {
  const { byRag } = report.totals;
  return (
    <>
      <ul className="report-headlines">
        {headlineFigures(report).map((figure) => (
          <li key={figure.key} className="report-headline" data-headline={figure.key}>
            <strong className="report-headline__value">{figure.kind === 'percent' ? formatPercent(figure.value) : count(figure.value)}</strong>{' '}
            <span className="report-headline__label">{figure.phrase}</span>
          </li>
        ))}
      </ul>
      <p className="report-rag" data-rag-counts="">
        <span className="report-rag__label">RAG ratings:</span>{' '}
        {(['RED', 'AMBER', 'GREEN', null] as const).map((rating) => (
          <span key={rating ?? 'none'} className="report-rag__item" data-rag={rating ?? 'NONE'}>
            <RagTag rating={rating} /> {count(byRag[rating ?? 'NONE'])}
          </span>
        ))}
      </p>
      <p className="small secondary">{PERCENT_NOTE}</p>
    </>
  );
}
