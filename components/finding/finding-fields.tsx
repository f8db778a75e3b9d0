'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '@/components/form/field';
import { fieldId } from '@/components/form/use-action-form';
import type { CreateFindingInput } from '@/lib/findings/finding.schema';
import { THEME_SUGGESTIONS } from '@/lib/findings/finding-themes';
import { Severity } from '@/lib/generated/prisma/enums';
import { SEVERITY_LABELS } from '@/lib/labels';

type Name = Exclude<keyof CreateFindingInput, 'reviewId'>;

/** The fields of a finding form, for creating and editing alike. */
export function FindingFields({
  register,
  errorFor,
}: {
  register: (name: Name) => UseFormRegisterReturn<string>;
  errorFor: (field: string) => string | undefined;
}) {
  return (
    <>
      <Field id={fieldId('reference')} label="Reference" hint="Unique within the review, for example F1" error={errorFor('reference')}>
        <input className="input input--narrow" type="text" spellCheck={false} autoComplete="off" {...register('reference')} />
      </Field>
      <Field id={fieldId('text')} label="Finding" hint="As the review states it" error={errorFor('text')}>
        <textarea className="textarea" rows={6} {...register('text')} />
      </Field>
      <Field
        id={fieldId('theme')}
        label="Theme"
        hint={`Choose a suggestion or type your own: ${THEME_SUGGESTIONS.join(', ')}`}
        error={errorFor('theme')}
      >
        <input className="input" type="text" list="theme-suggestions" autoComplete="off" {...register('theme')} />
      </Field>
      <datalist id="theme-suggestions">
        {THEME_SUGGESTIONS.map((theme) => (
          <option key={theme} value={theme} />
        ))}
      </datalist>
      <Field id={fieldId('severity')} label="Severity" error={errorFor('severity')}>
        <select className="select" {...register('severity')}>
          <option value="">Choose a severity</option>
          {Object.values(Severity).map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
