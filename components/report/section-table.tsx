'use client';

// A client component although nothing in it is interactive: its props (the
// section's rows as plain values) are a third of the size of the element tree
// a server component would send for hydration (a review report: 191 → 128 kB).
import { RagTag, StatusTag } from '@/components/status-tag';
import { dayOf } from '@/lib/days';
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { type Cell, cellText, type Column, type Section } from '@/lib/reports/report-sections';

const NUMERIC: ReadonlySet<Column['kind']> = new Set(['number', 'percent']);

/** One cell in the words the PDF uses (cellText), dates as <time>, statuses and RAG as tags. */
export function formatCell(cell: Cell, column: Column): React.ReactNode {
  if (column.kind === 'status') return <StatusTag status={cell as RecommendationStatus} />;
  if (column.kind === 'rag') return <RagTag rating={cell as Rag | null} />;
  const words = cellText(cell, column);
  if (cell instanceof Date) return <time dateTime={column.kind === 'date' ? dayOf(cell) : cell.toISOString()}>{words}</time>;
  if (column.kind === 'month' && typeof cell === 'string') return <time dateTime={cell}>{words}</time>;
  return words;
}

/**
 * One report section as an accessible table: the section's title as its
 * caption, column headers, numbers right-aligned. An empty section says so
 * in words instead. `data-section` (the section's key) is the stable hook
 * for tests, on the table or, when empty, on the "None" block.
 */
export function SectionTable({ section }: { section: Section }) {
  const captionId = `section-${section.key}`;
  if (section.rows.length === 0) {
    return (
      <div className="report-empty" data-section={section.key}>
        <p className="report-empty__title" id={captionId}>
          {section.title}
        </p>
        <p className="report-empty__none">None</p>
      </div>
    );
  }
  return (
    // Focusable so that keyboard users can scroll a wide table (WCAG 2.1.1).
    <div className="table-wrapper report-table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table report-table" data-section={section.key}>
        <caption id={captionId}>{section.title}</caption>
        <thead>
          <tr>
            {section.columns.map((column) => (
              <th key={column.header} scope="col" className={NUMERIC.has(column.kind) ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row, r) => (
            <tr key={r}>
              {section.columns.map((column, c) => (
                <td key={column.header} className={NUMERIC.has(column.kind) ? 'numeric' : undefined}>
                  {formatCell(row[c] ?? null, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
