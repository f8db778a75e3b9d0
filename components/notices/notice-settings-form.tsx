'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { SuccessBanner } from '@/components/form/success-banner';
import type { NoticeSettingsInput } from '@/lib/notices/notice-settings.schema';
import type { ActionResult } from '@/lib/server-action';

type Name = Exclude<keyof NoticeSettingsInput, 'version'>;

/** The days each threshold takes, with what it means (the schema has the same limits). */
const FIELDS: { name: Name; label: string; hint: string }[] = [
  {
    name: 'dueSoonDays',
    label: 'Remind the lead officer this many days before an action is due',
    hint: 'One to five numbers of days, separated by commas, like 30, 7. Each reminder is sent once.',
  },
  {
    name: 'stalledDays',
    label: 'Remind the lead officer when an action has had no progress update for this many days',
    hint: 'A whole number of days from 1 to 365',
  },
  {
    name: 'evidenceWaitingDays',
    label: 'Remind reviewers when evidence has waited this many days to be assessed',
    hint: 'A whole number of days from 1 to 365',
  },
  {
    name: 'seniorLeadAfterDays',
    label: "Tell the agency's senior lead when an action has been overdue for this many days",
    hint: 'A whole number of days from 1 to 365',
  },
  {
    name: 'managerAfterDays',
    label: 'Tell the business managers when an action has been overdue for this many days',
    hint: "More days than the senior lead's, and at most 730",
  },
];

/** The partnership's notice thresholds. A stale edit keeps what was typed and says what changed. */
export function NoticeSettingsForm({
  settings,
  action,
}: {
  /** The current values, as the form shows them ("30, 7"). */
  settings: NoticeSettingsInput;
  action: (input: unknown) => Promise<ActionResult<{ version: number; changed: boolean }>>;
}) {
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/notices/notice-settings.schema').then((m) => m.noticeSettingsSchema),
    action,
    defaultValues: settings,
    // The next save is based on the version this one made.
    onSuccess: ({ version }) => form.setValue('version', version),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="notice-rules-heading">
      <h2 id="notice-rules-heading">Thresholds</h2>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Notice rules saved</p>
          <p>They apply from the next round of notices.</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('version')} />
      {FIELDS.map(({ name, label, hint }) => (
        <Field key={name} id={fieldId(name)} label={label} hint={hint} error={errorFor(name)}>
          <input
            className="input input--narrow"
            type="text"
            inputMode={name === 'dueSoonDays' ? 'text' : 'numeric'}
            autoComplete="off"
            spellCheck={false}
            {...form.register(name)}
          />
        </Field>
      ))}
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save notice rules
      </button>
    </form>
  );
}
