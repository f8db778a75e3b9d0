'use client';

import { useEffect, useState } from 'react';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import { dayInputValue } from '@/lib/days';

type Parts = { day: string; month: string; year: string };

/** The form's value ('YYYY-MM-DD', or a Date after a parse) as the three boxes show it. */
function split(value: unknown): Parts {
  const text = value instanceof Date ? dayInputValue(value) : typeof value === 'string' ? value : '';
  const match = /^(\d*)-(\d*)-(\d*)$/.exec(text);
  if (!match) return { day: '', month: '', year: '' };
  const trim = (part: string) => part.replace(/^0+(?=\d)/, '');
  return { year: match[1]!, month: trim(match[2]!), day: trim(match[3]!) };
}

/**
 * The value the schema parses: '' when all three are empty, otherwise
 * 'YYYY-MM-DD' as typed, so that a missing or impossible part (a fifth digit
 * of the year, a 31st of April) is refused by the one day validator
 * (lib/day-fields.ts) with the field's own message.
 */
function join({ day, month, year }: Parts): string {
  if (!day.trim() && !month.trim() && !year.trim()) return '';
  const pad = (part: string) => part.trim().padStart(2, '0');
  return `${year.trim()}-${pad(month)}-${pad(day)}`;
}

/**
 * The GOV.UK date input: day, month and year in three boxes, instead of the
 * browser's date field (which shows dates the American way in some browsers
 * and took "12013" as a year). The first box carries the field's id, so the
 * error summary links to it.
 */
export function DateInput<T extends FieldValues>({
  control,
  name,
  id,
  legend,
  hint = 'For example, 31 3 2013',
  error,
}: {
  control: Control<T>;
  name: Path<T>;
  id: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
}) {
  const { field } = useController({ control, name });
  const [parts, setParts] = useState<Parts>(() => split(field.value));
  // The form was reset or set from outside: show its value.
  useEffect(() => {
    const value: unknown = field.value;
    if (join(parts) !== (value instanceof Date ? dayInputValue(value) : (value ?? ''))) setParts(split(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field.value]);
  const change = (part: keyof Parts) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const next = { ...parts, [part]: event.target.value };
    setParts(next);
    field.onChange(join(next));
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const box = (part: keyof Parts, label: string, width: 2 | 4) => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="date-input__item">
        <label className="label date-input__label" htmlFor={boxId}>
          {label}
        </label>
        <input
          className={`input date-input__input date-input__input--width-${width}${error ? ' input--error' : ''}`}
          id={boxId}
          name={`${field.name}-${part}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={parts[part]}
          onChange={change(part)}
          onBlur={field.onBlur}
          ref={part === 'day' ? field.ref : undefined}
          aria-invalid={error ? true : undefined}
        />
      </div>
    );
  };
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend className="label">{legend}</legend>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="date-input">
          {box('day', 'Day', 2)}
          {box('month', 'Month', 2)}
          {box('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}
