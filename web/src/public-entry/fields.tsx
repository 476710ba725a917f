/**
 * Form fields of the public pages: a visible label tied to its control, a hint and an error
 * tied by aria-describedby, large touch targets, and choice tiles built on real radio and
 * checkbox inputs (so the keyboard and screen readers work as they do everywhere).
 */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

/** The ids a control needs: its own, and those of the texts that describe it. */
export interface FieldIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

export function Field({
  label,
  hint,
  error,
  required,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  children: (ids: FieldIds) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'pp-field pp-field-invalid' : 'pp-field'}>
      <label htmlFor={id} className={required ? 'pp-label pp-required' : 'pp-label'}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <div id={errorId} className="pp-error">
          {error}
        </div>
      ) : null}
      {hint ? (
        <div id={hintId} className="pp-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** A text input under its label; `attributes` are the input's own (type, inputMode, maxLength, autoComplete…). */
export function TextInput({
  label,
  hint,
  error,
  required,
  value,
  onChange,
  ...attributes
}: {
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'required'>) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {({ id, describedBy, invalid }) => (
        <input
          {...attributes}
          id={id}
          className="pp-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
        />
      )}
    </Field>
  );
}

/** A phone number's input: the phone's dial pad, room for a landline's area code and extension. */
export const PHONE_INPUT = { type: 'tel', inputMode: 'tel', maxLength: 30, autoComplete: 'tel' } as const;

/** A group of choice tiles (radio: one; checkbox: several) under a legend. */
export function Tiles<V extends string>({
  legend,
  hint,
  error,
  required,
  type,
  name,
  options,
  selected,
  onToggle,
  tileClass,
}: {
  legend: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  type: 'radio' | 'checkbox';
  name: string;
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  onToggle: (value: V, checked: boolean) => void;
  tileClass?: (value: V) => string;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={error ? 'pp-field pp-field-invalid pp-tiles' : 'pp-field pp-tiles'} aria-describedby={describedBy}>
      <legend className={required ? 'pp-label pp-required' : 'pp-label'}>{legend}</legend>
      <div className="pp-tile-grid">
        {options.map((option) => (
          <label key={option.value} className={`pp-tile ${tileClass?.(option.value) ?? ''}`}>
            <input
              type={type}
              name={name}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) => onToggle(option.value, event.target.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <div id={`${id}-error`} className="pp-error">
          {error}
        </div>
      ) : null}
      {hint ? (
        <div id={`${id}-hint`} className="pp-hint">
          {hint}
        </div>
      ) : null}
    </fieldset>
  );
}

/** What the reader agrees to by sending, and the button that sends (busy while the form is on its way). */
export function SubmitButton({
  consent,
  busy,
  testId,
  children,
}: {
  consent: string;
  busy: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <>
      <p className="pp-hint">{consent}</p>
      <button
        type="submit"
        className="pp-button pp-primary pp-block"
        disabled={busy}
        aria-busy={busy || undefined}
        data-testid={testId}
      >
        {children}
      </button>
    </>
  );
}
