/**
 * The state of a public form (report, join): its values, the errors shown at its fields, the
 * error shown above it and whether it is sending. A submit checks the values first and gives
 * the first field in error the focus; a problem the server names a field in is shown at that
 * field, any other above the form.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { fieldSegments, useErrorText } from '../error-text';

export type FieldErrors<V> = Partial<Record<keyof V, string>>;

/** The names of the fields of `V` that hold text. */
type TextFields<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];
/** The names of the fields of `V` that hold a list of choices. */
type ListFields<V> = { [K in keyof V]: V[K] extends readonly string[] ? K : never }[keyof V] & string;
type Item<L> = L extends readonly (infer E)[] ? E : never;

export function usePublicForm<V extends object>({
  initial,
  check,
  fieldOf = (segments, names) => names.find((name) => segments.includes(String(name))),
  fieldText,
}: {
  initial: () => V;
  /** The errors of `values` to show at their fields (none: the form may go). */
  check: (values: V) => FieldErrors<V>;
  /** The form field a server's problem is about, from the segments of its field ("contact/phone"); by default the field named among them. */
  fieldOf?: (segments: string[], names: (keyof V)[]) => keyof V | null | undefined;
  /** What to say at that field; by default the problem's own message. */
  fieldText?: (field: keyof V, failure: ApiError) => string | undefined;
}) {
  const { message } = useErrorText();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  // After a failed check, the first field in error takes the focus (and the reader's eye).
  useEffect(() => {
    if (!focusError) return;
    const first = formRef.current?.querySelector<HTMLElement>(
      '.pp-field-invalid input, .pp-field-invalid select, .pp-field-invalid textarea',
    );
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  const set = <K extends keyof V>(name: K, value: V[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  /** A text field's value, its setter and its error, for a TextInput. */
  const text = (name: TextFields<V>) => ({
    value: values[name] as string,
    onChange: (value: string) => set(name, value as V[typeof name]),
    error: errors[name],
  });

  /** A one-choice field's tiles (radio buttons): its name, error, choice and setter, for Tiles. */
  const one = <K extends keyof V & string>(name: K) => ({
    type: 'radio' as const,
    name,
    error: errors[name],
    selected: values[name] == null ? [] : [values[name] as NonNullable<V[K]>],
    onToggle: (value: NonNullable<V[K]>) => set(name, value),
  });

  /** A several-choice field's tiles (checkboxes), for Tiles. */
  const many = <K extends ListFields<V>>(name: K) => {
    const list = values[name] as Item<V[K]>[];
    return {
      type: 'checkbox' as const,
      name,
      error: errors[name],
      selected: list,
      onToggle: (value: Item<V[K]>, checked: boolean) =>
        set(name, (checked ? [...list, value] : list.filter((item) => item !== value)) as V[K]),
    };
  };

  /** The first values again, for the next one. */
  const reset = () => {
    setValues(initial());
    setErrors({});
  };

  /** Checks the values and, when they are fine, hands them to `send`; its failure is shown. */
  const submit = async (event: FormEvent, send: (values: V) => Promise<void>) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setFocusError((n) => n + 1);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await send(values);
    } catch (failure) {
      const field =
        failure instanceof ApiError && failure.field
          ? fieldOf(fieldSegments(failure.field), Object.keys(values) as (keyof V)[])
          : undefined;
      if (field && failure instanceof ApiError) {
        setErrors({ [field]: fieldText?.(field, failure) ?? message(failure) } as FieldErrors<V>);
        setFocusError((n) => n + 1);
      } else {
        setError(failure);
        window.scrollTo({ top: 0 });
      }
    } finally {
      setBusy(false);
    }
  };

  return { values, errors, error, setError, busy, formRef, set, text, one, many, reset, submit };
}
