'use client';

import { useState } from 'react';
import { ErrorSummary } from '@/components/form/error-summary';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { SuccessBanner } from '@/components/form/success-banner';
import { NoticeEmail } from '@/lib/generated/prisma/enums';
import { NOTICE_EMAIL_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';

const HINTS: Record<NoticeEmail, string> = {
  IMMEDIATE: 'An email for each reminder, when it is made.',
  DIGEST: 'One email a week listing that week’s reminders. This is the default.',
  NONE: 'No reminder emails. You still see every reminder on your Notifications page.',
};

const SAVED: Record<NoticeEmail, string> = {
  IMMEDIATE: 'Reminder emails now come as they happen.',
  DIGEST: 'Reminder emails now come in a weekly digest.',
  NONE: 'You now get no reminder emails. Every reminder is still on your Notifications page.',
};

/** The signed-in user's own choice of reminder emails, as radios (GOV.UK pattern). */
export function NoticeEmailForm({
  noticeEmail,
  action,
}: {
  noticeEmail: NoticeEmail;
  action: (input: unknown) => Promise<ActionResult<{ noticeEmail: NoticeEmail; changed: boolean }>>;
}) {
  const [savedChoice, setSavedChoice] = useState<NoticeEmail>(noticeEmail);
  const { form, onSubmit, summary, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/notices/notice-email.schema').then((m) => m.noticeEmailSchema),
    action,
    defaultValues: { noticeEmail },
    onSuccess: (data) => setSavedChoice(data.noticeEmail),
  });
  const error = errorFor('noticeEmail');
  const id = fieldId('noticeEmail');
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Your choice is saved</p>
          <p>{SAVED[savedChoice]}</p>
        </SuccessBanner>
      ) : null}
      <div className={`form-group${error ? ' form-group--error' : ''}`}>
        <fieldset aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}>
          <legend className="label">Email me about reminders</legend>
          <p className="hint" id={`${id}-hint`}>
            Escalations of overdue actions to senior leads and business managers always come by email at once, whatever you choose
            here. Every notice is always on your Notifications page too.
          </p>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          {Object.values(NoticeEmail).map((choice, index) => {
            // The first option carries the field's id, so the error summary can focus it.
            const optionId = index === 0 ? id : `${id}-${choice.toLowerCase()}`;
            return (
              <div key={choice} className="radios__item">
                <input className="radios__input" type="radio" id={optionId} value={choice} aria-describedby={`${optionId}-hint`} {...form.register('noticeEmail')} />
                <div>
                  <label htmlFor={optionId}>{NOTICE_EMAIL_LABELS[choice][0]!.toUpperCase() + NOTICE_EMAIL_LABELS[choice].slice(1)}</label>
                  <p className="hint small" id={`${optionId}-hint`}>
                    {HINTS[choice]}
                  </p>
                </div>
              </div>
            );
          })}
        </fieldset>
      </div>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save your choice
      </button>
    </form>
  );
}
