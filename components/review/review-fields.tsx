'use client';

import type { Control, UseFormRegisterReturn } from 'react-hook-form';
import { DateInput } from '@/components/form/date-input';
import { Field } from '@/components/form/field';
import { fieldId } from '@/components/form/use-action-form';
import { ReviewKind, ReviewStatus } from '@/lib/generated/prisma/enums';
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS } from '@/lib/labels';
import type { CreateReviewInput } from '@/lib/reviews/review.schema';

type Name = keyof CreateReviewInput & string;

/** The fields a review form shows, for creating and editing alike. */
export function ReviewFields({
  register,
  control,
  errorFor,
}: {
  register: (name: Name) => UseFormRegisterReturn<string>;
  control: Control<CreateReviewInput>;
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
      <DateInput control={control} name="periodStart" id={fieldId('periodStart')} legend="Start of the period covered (optional)" error={errorFor('periodStart')} />
      <DateInput control={control} name="periodEnd" id={fieldId('periodEnd')} legend="End of the period covered (optional)" error={errorFor('periodEnd')} />
      <DateInput control={control} name="publishedOn" id={fieldId('publishedOn')} legend="Publication date (optional)" error={errorFor('publishedOn')} />
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
