'use client';

import { useEffect, useState } from 'react';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import { describedBy, HintAndError } from '@/components/form/field';
import { type DayParts, dayInputValue, joinDayParts, splitDayParts } from '@/lib/days';

const typed = (value: unknown): string => (value instanceof Date ? dayInputValue(value) : typeof value === 'string' ? value : '');

type BoxProps = { part: keyof DayParts; id: string; invalid: boolean };

/**
 * The GOV.UK date input's markup: a fieldset named by its legend, a hint, an
 * error, and day, month and year boxes. The first box carries the field's id,
 * so an error summary links to it.
 */
function DateFieldset({
  id,
  legend,
  hint,
  error,
  box,
}: {
  id: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  box: (props: BoxProps) => React.ReactElement;
}) {
  const item = (part: keyof DayParts, label: string) => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="date-input__item">
        <label className="label date-input__label" htmlFor={boxId}>
          {label}
        </label>
        {box({ part, id: boxId, invalid: Boolean(error) })}
      </div>
    );
  };
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="label">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className="date-input">
          {item('day', 'Day')}
          {item('month', 'Month')}
          {item('year', 'Year')}
        </div>
      </fieldset>
    </div>
  );
}

/** What every box shares. */
function boxAttributes({ part, id, invalid }: BoxProps) {
  return {
    id,
    className: `input date-input__input date-input__input--width-${part === 'year' ? 4 : 2}${invalid ? ' input--error' : ''}`,
    type: 'text',
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    spellCheck: false,
    'aria-invalid': invalid ? true : undefined,
  };
}

/**
 * The GOV.UK date input (day, month, year), bound to a react-hook-form field
 * holding 'YYYY-MM-DD': instead of the browser's date field, which showed
 * dates the American way and took "12013" as a year.
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
  const [parts, setParts] = useState<DayParts>(() => splitDayParts(typed(field.value)));
  // The form was reset or set from outside: show its value.
  useEffect(() => {
    if (joinDayParts(parts) !== typed(field.value)) setParts(splitDayParts(typed(field.value)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field.value]);
  return (
    <DateFieldset
      id={id}
      legend={legend}
      hint={hint}
      error={error}
      box={(props) => (
        <input
          {...boxAttributes(props)}
          name={`${field.name}-${props.part}`}
          value={parts[props.part]}
          onChange={(event) => {
            const next = { ...parts, [props.part]: event.target.value };
            setParts(next);
            field.onChange(joinDayParts(next));
          }}
          onBlur={field.onBlur}
          ref={props.part === 'day' ? field.ref : undefined}
        />
      )}
    />
  );
}

/**
 * The same, for a GET form (a report's dates): boxes named `<name>-day`,
 * `<name>-month`, `<name>-year`, which the page joins with `joinDayParts`.
 */
export function QueryDateInput({
  name,
  legend,
  hint = 'For example, 31 3 2013',
  value,
  error,
}: {
  name: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  /** As typed: 'YYYY-MM-DD', complete or not. */
  value: string;
  error?: string;
}) {
  const parts = splitDayParts(value);
  return (
    <DateFieldset
      id={name}
      legend={legend}
      hint={hint}
      error={error}
      box={(props) => <input {...boxAttributes(props)} name={`${name}-${props.part}`} defaultValue={parts[props.part]} />}
    />
  );
}
