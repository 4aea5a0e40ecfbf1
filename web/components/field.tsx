import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { fieldId } from '#shared/aid-form';

interface ControlAttributes {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  /** The label is read by screen readers but not shown (the grid's cells say where they are). */
  labelHidden?: boolean;
  /** Shown under the control and read with it, such as a reading-level note; receives its id. */
  note?: (id: string) => ReactNode;
  /** Renders the control with the ids and ARIA attributes it must carry. */
  children: (control: ControlAttributes) => ReactNode;
}

/**
 * A labelled form control with its hint and its error next to it. The error is
 * tied to the control (aria-describedby, aria-invalid), so screen readers read it.
 */
export function Field({ name, label, error, hint, labelHidden, note, children }: FieldProps) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const noteId = note ? `${id}-note` : undefined;
  const describedBy = [hintId, errorId, noteId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {note && noteId ? note(noteId) : null}
    </div>
  );
}

type Common = Omit<FieldProps, 'children'> & { value: string };

export function TextInput({
  name,
  label,
  error,
  hint,
  labelHidden,
  note,
  value,
  ...rest
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'name' | 'id'>) {
  return (
    <Field {...{ name, label, error, hint, labelHidden, note }}>
      {(control) => <input {...control} defaultValue={value} {...rest} />}
    </Field>
  );
}

export function TextArea({
  name,
  label,
  error,
  hint,
  labelHidden,
  note,
  value,
  ...rest
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'name' | 'id'>) {
  return (
    <Field {...{ name, label, error, hint, labelHidden, note }}>
      {(control) => <textarea {...control} defaultValue={value} {...rest} />}
    </Field>
  );
}

export function Select({
  options,
  value,
  ...field
}: Common & { options: Array<[value: string, text: string]> }) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} defaultValue={value}>
          {options.map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
