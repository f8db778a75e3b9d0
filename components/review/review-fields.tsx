'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '@/components/form/field';
import { fieldId } from '@/components/form/use-action-form';
import { ReviewKind, ReviewStatus } from '@/lib/generated/prisma/enums';
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS } from '@/lib/labels';
import type { CreateReviewInput } from '@/lib/reviews/review.schema';

type Name = keyof CreateReviewInput & string;

/** The fields a review form shows, for creating and editing alike. */
export function ReviewFields({
  register,
  errorFor,
}: {
  register: (name: Name) => UseFormRegisterReturn<string>;
  errorFor: (field: string) => string | undefined;
}) {
  return (
    <>
      <Field id={fieldId('title')} label="Title" error={errorFor('title')}>
        <input className="input" type="text" {...register('title')} />
      </Field>
      <Field id={fieldId('kind')} label="Kind of review" error={errorFor('kind')}>
        <select className="select" {...register('kind')}>
          <option value="">Choose the kind of review</option>
          {Object.values(ReviewKind).map((kind) => (
            <option key={kind} value={kind}>
              {REVIEW_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fieldId('commissioningBody')}
        label="Commissioning body"
        hint="For example, the Local Safeguarding Children Board"
        error={errorFor('commissioningBody')}
      >
        <input className="input" type="text" {...register('commissioningBody')} />
      </Field>
      <fieldset className="form-group">
        <legend>Period covered (optional)</legend>
        <Field id={fieldId('periodStart')} label="From" error={errorFor('periodStart')}>
          <input className="input input--narrow" type="date" {...register('periodStart')} />
        </Field>
        <Field id={fieldId('periodEnd')} label="To" error={errorFor('periodEnd')}>
          <input className="input input--narrow" type="date" {...register('periodEnd')} />
        </Field>
      </fieldset>
      <Field id={fieldId('publishedOn')} label="Publication date (optional)" error={errorFor('publishedOn')}>
        <input className="input input--narrow" type="date" {...register('publishedOn')} />
      </Field>
      <Field id={fieldId('status')} label="Status" error={errorFor('status')}>
        <select className="select" {...register('status')}>
          {Object.values(ReviewStatus).map((status) => (
            <option key={status} value={status}>
              {REVIEW_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fieldId('summary')} label="Summary (optional)" error={errorFor('summary')}>
        <textarea className="textarea" rows={6} {...register('summary')} />
      </Field>
      <Field
        id={fieldId('sourceUrl')}
        label="Source link (optional)"
        hint="Where the published review can be read, starting with https://"
        error={errorFor('sourceUrl')}
      >
        <input className="input" type="url" inputMode="url" spellCheck={false} {...register('sourceUrl')} />
      </Field>
    </>
  );
}
