'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

const SCOPE = 'comment';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

/** A comment on the recommendation; it appears in the history. */
export function CommentForm({
  recommendationId,
  action,
}: {
  recommendationId: string;
  action: (input: unknown) => Promise<ActionResult<{ commentId: string }>>;
}) {
  const { form, onSubmit, summary, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/comments/comment.schema').then((m) => m.addCommentSchema),
    action,
    defaultValues: { recommendationId, body: '' },
    onSuccess: () => form.reset({ recommendationId, body: '' }),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="comment-heading">
      <h2 id="comment-heading">Add a comment</h2>
      <ErrorSummary errors={scopedSummary} />
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Comment added to the history</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('recommendationId')} />
      <Field id={idFor('body')} label="Comment" hint="Everyone who can see this recommendation can read it. It cannot be deleted." error={errorFor('body')}>
        <textarea className="textarea" rows={3} {...form.register('body')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Add comment
      </button>
    </form>
  );
}
