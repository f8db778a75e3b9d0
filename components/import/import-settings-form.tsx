'use client';

import { truncate } from '@/components/recommendation-list/text';
import { DateInput } from '@/components/form/date-input';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from '@/lib/imports/columns';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';
import type { ImportSettingsInput } from '@/lib/imports/import.schema';

/** The statuses a word of a file may become: a recommendation is set aside on its own page, with a rationale. */
const IMPORTABLE_STATUSES: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED'];

export type ImportSettingsProps = {
  importId: string;
  version: number;
  sheets: { name: string; rows: number }[];
  sheetName: string;
  headerRow: number;
  headers: string[];
  samples: string[];
  columns: readonly (string | null)[];
  statusWords: { word: string; proposed: RecommendationStatus | null; chosen: RecommendationStatus | null; rows: number }[];
  defaultDueDate: string | null;
  defaultFindingId: string | null;
  findings: { id: string; reference: string; text: string }[];
  action: (input: ImportSettingsInput) => Promise<ActionResult<{ id: string; version: number }>>;
};

/**
 * How to read the file: which sheet, which row has the headings, what each
 * column holds (or ignore it), what each status word means, and what new rows
 * without a due date or a finding get. Saving shows the preview again.
 */
export function ImportSettingsForm(props: ImportSettingsProps) {
  const defaults: ImportSettingsInput = {
    importId: props.importId,
    version: props.version,
    sheetName: props.sheetName,
    headerRow: props.headerRow,
    columns: props.headers.map((_, i) => (props.columns[i] ?? '') as ImportSettingsInput['columns'][number]),
    statusWords: props.statusWords.map((entry) => ({ word: entry.word, status: entry.chosen ?? entry.proposed ?? '' })),
    defaultDueDate: props.defaultDueDate ?? '',
    defaultFindingId: props.defaultFindingId ?? '',
  };
  const { form, onSubmit, summary, errorFor, conflict } = useActionForm({
    schema: () => import('@/lib/imports/import.schema').then((m) => m.importSettingsSchema),
    action: props.action,
    defaultValues: defaults,
    onSuccess: ({ version }) => form.reset({ ...form.getValues(), version }),
  });
  const submitting = form.formState.isSubmitting;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="settings-heading">
      <h2 id="settings-heading">How to read the file</h2>
      <ErrorSummary errors={summary} />
      {conflict ? (
        <p className="small" role="alert">
          Someone else changed these settings. The page now shows theirs: check them and save again.
        </p>
      ) : null}
      <input type="hidden" {...form.register('importId')} />
      <input type="hidden" {...form.register('version')} />
      {props.sheets.length > 1 ? (
        <Field id={fieldId('sheetName')} label="Sheet" hint="The workbook has several sheets: choose the one with the plan." error={errorFor('sheetName')}>
          <select className="select" {...form.register('sheetName')}>
            {props.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.name} ({sheet.rows.toLocaleString('en-GB')} rows)
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" {...form.register('sheetName')} />
      )}
      <Field
        id={fieldId('headerRow')}
        label="Row with the column headings"
        hint="Its number in the sheet. Rows above it (titles, notes) are not read."
        error={errorFor('headerRow')}
      >
        <input className="input input--width-4" type="text" inputMode="numeric" autoComplete="off" {...form.register('headerRow')} />
      </Field>

      <fieldset className="fieldset">
        <legend className="fieldset__legend">What each column holds</legend>
        {props.headers.length === 0 ? <p className="hint">The row chosen has no headings.</p> : null}
        {props.headers.map((header, i) => (
          <Field
            key={`${i}-${header}`}
            id={fieldId(`columns.${i}`)}
            label={`Column ${columnLetter(i)}: ${header || '(no heading)'}`}
            hint={props.samples[i] ? `For example: ${truncate(props.samples[i]!, 80)}` : undefined}
            error={errorFor(`columns.${i}`)}
          >
            <select className="select" {...form.register(`columns.${i}` as const)}>
              <option value="">Ignore this column</option>
              {IMPORT_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {IMPORT_FIELD_LABELS[field]}
                </option>
              ))}
            </select>
          </Field>
        ))}
      </fieldset>

      {props.statusWords.length ? (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Status words</legend>
          <p className="hint">The file uses these words for status. Choose the Followthrough status each one becomes.</p>
          {props.statusWords.map((entry, i) => (
            <div key={entry.word}>
              <input type="hidden" {...form.register(`statusWords.${i}.word` as const)} />
              <Field
                id={fieldId(`statusWords.${i}.status`)}
                label={`“${entry.word}” (${entry.rows === 1 ? '1 row' : `${entry.rows} rows`})`}
                error={errorFor(`statusWords.${i}.status`)}
              >
                <select className="select" {...form.register(`statusWords.${i}.status` as const)}>
                  <option value="">Choose a status</option>
                  {IMPORTABLE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {STATUS_LABELS[status]}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          ))}
        </fieldset>
      ) : null}

      <DateInput
        control={form.control}
        name="defaultDueDate"
        id={fieldId('defaultDueDate')}
        legend="Due date for new actions without one (optional)"
        hint="Rows whose date is blank or a word such as “ongoing” get this date, and the preview says so. Leave blank to refuse such rows."
        error={errorFor('defaultDueDate')}
      />
      {props.findings.length ? (
        <Field
          id={fieldId('defaultFindingId')}
          label="Finding for new recommendations without one (optional)"
          hint="A recommendation answers at least one finding. Rows that name none answer this one."
          error={errorFor('defaultFindingId')}
        >
          <select className="select" {...form.register('defaultFindingId')}>
            <option value="">None: refuse such rows</option>
            {props.findings.map((finding) => (
              <option key={finding.id} value={finding.id}>
                {finding.reference}: {truncate(finding.text, 80)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <button type="submit" className="button button--secondary" disabled={submitting}>
        {submitting ? 'Checking the file again…' : 'Save and check again'}
      </button>
    </form>
  );
}


/** A spreadsheet's column letter: A, B, ... Z, AA. */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
