import { getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react';
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

/** Any field's Conform metadata. */
export type FieldMeta = Parameters<typeof getInputProps>[0];

/**
 * What a field shows of its metadata: its id, and its errors with their id.
 * Conform's metadata is one; a form Conform does not read (a file upload)
 * passes a plain object.
 */
export interface FieldErrors {
  id: string;
  errorId: string;
  descriptionId: string;
  errors?: string[] | undefined;
}

interface ControlAttributes {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  meta: FieldErrors;
  /** Fields whose errors this control shows when it has none of its own, such as a number's range. */
  errorsOf?: FieldErrors[] | undefined;
  label: ReactNode;
  hint?: ReactNode;
  /** The label is read by screen readers but not shown (the grid's cells say where they are). */
  labelHidden?: boolean;
  /** Shown under the control and read with it, such as a reading-level note; receives its id. */
  note?: ((id: string) => ReactNode) | undefined;
  /** Renders the control with the id and ARIA attributes it must carry. */
  children: (control: ControlAttributes) => ReactNode;
}

/** A field's value as the page was rendered with it (what was saved, or sent back). */
export const shown = (field: { initialValue: unknown }): string =>
  typeof field.initialValue === 'string' ? field.initialValue : '';

/** The keys of `T` whose values are numbers. */
type NumberKeys<T> = { [Key in keyof T]: T[Key] extends number ? Key : never }[keyof T];

/**
 * For a form whose length limits are named like its fields: `limited('title')` is the `meta`
 * and `maxLength` of a control, the title's field and its limit, so one name ties them together.
 */
export function limitsOf<Fields, Limits>(fields: Fields, limits: Limits) {
  return <Name extends keyof Fields & NumberKeys<Limits>>(name: Name) => ({
    meta: fields[name],
    maxLength: limits[name],
  });
}

/** A field's errors with those of everything under it (a list's items), as one field's. */
export function allErrorsOf(meta: FieldMeta): FieldErrors {
  return {
    id: meta.id,
    errorId: meta.errorId,
    descriptionId: meta.descriptionId,
    errors: Object.values(meta.allErrors).flat(),
  };
}

/** The field, among `meta` and `errorsOf`, whose errors are shown. */
export function shownErrors(meta: FieldErrors, errorsOf: FieldErrors[] = []) {
  const field = [meta, ...errorsOf].find((m) => m.errors && m.errors.length > 0);
  return field ? { id: field.errorId, message: field.errors![0]! } : undefined;
}

/**
 * What describes a field's control: its hint and the error shown, with their
 * ids, and those ids (and `more`) as its `aria-describedby`.
 */
export function describedField(
  meta: FieldErrors,
  errorsOf: FieldErrors[] | undefined,
  hint: ReactNode,
  ...more: Array<string | undefined>
) {
  const error = shownErrors(meta, errorsOf);
  const hintId = hint ? meta.descriptionId : undefined;
  const describedBy = [hintId, error?.id, ...more].filter(Boolean).join(' ') || undefined;
  return { error, hintId, describedBy };
}

/** A field's hint and its error, under its label or legend. */
export function HintAndError({
  hint,
  hintId,
  error,
}: {
  hint: ReactNode;
  hintId: string | undefined;
  error: { id: string; message: string } | undefined;
}) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={error.id}>
          {error.message}
        </p>
      ) : null}
    </>
  );
}

/**
 * A labelled form control with its hint and its error next to it. Ids come
 * from Conform's field metadata, and the error is tied to the control
 * (aria-describedby, aria-invalid), so screen readers read it.
 */
export function Field({ meta, errorsOf, label, hint, labelHidden, note, children }: FieldProps) {
  const noteId = note ? `${meta.id}-note` : undefined;
  const { error, hintId, describedBy } = describedField(meta, errorsOf, hint, noteId);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={meta.id} className={labelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} />
      {children({
        id: meta.id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {note && noteId ? note(noteId) : null}
    </div>
  );
}

type Common = Omit<FieldProps, 'children' | 'meta'> & { meta: FieldMeta };

/** Conform's props for a control, without `key` (React takes it apart) and with the field's ARIA. */
function withoutKey<Props extends { key?: unknown }>({ key: _key, ...props }: Props) {
  return props;
}

/** A control's props apart: the field's own (label, hint, errors), and the rest for the control. */
function splitField<Props extends Common>({
  meta,
  errorsOf,
  label,
  hint,
  labelHidden,
  note,
  ...control
}: Props) {
  return { field: { meta, errorsOf, label, hint, labelHidden, note }, control };
}

export function TextInput({
  type = 'text',
  ...props
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'defaultValue'>) {
  const { field, control: rest } = splitField(props);
  const conform = withoutKey(
    getInputProps(field.meta, { type: type as 'text', ariaAttributes: false }),
  );
  return <Field {...field}>{(control) => <input {...conform} {...control} {...rest} />}</Field>;
}

export function TextArea(
  props: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'defaultValue'>,
) {
  const { field, control: rest } = splitField(props);
  const conform = withoutKey(getTextareaProps(field.meta, { ariaAttributes: false }));
  return <Field {...field}>{(control) => <textarea {...conform} {...control} {...rest} />}</Field>;
}

export function Select({
  meta,
  options,
  ...field
}: Common & { options: Array<[value: string, text: string]> }) {
  const props = withoutKey(getSelectProps(meta, { ariaAttributes: false }));
  return (
    <Field meta={meta} {...field}>
      {(control) => (
        <select {...props} {...control}>
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

/** A checkbox with its label after it. */
export function Checkbox({ meta, children }: { meta: FieldMeta; children: ReactNode }) {
  const props = withoutKey(getInputProps(meta, { type: 'checkbox', ariaAttributes: false }));
  const { error, describedBy } = describedField(meta, undefined, null);
  const box = (
    <label className="checkbox">
      <input {...props} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />{' '}
      {children}
    </label>
  );
  if (!error) return box;
  return (
    <div className="field field-invalid">
      <HintAndError hint={null} hintId={undefined} error={error} />
      {box}
    </div>
  );
}

/** A list's own error (too few items, too many), where the list starts. */
export function ListError({ list }: { list: { errorId: string; errors?: string[] | undefined } }) {
  const error = list.errors?.[0];
  return error ? (
    <p className="field-error" id={list.errorId}>
      {error}
    </p>
  ) : null;
}

/** A form's own error (a form it could not read), said where the form starts or ends. */
export function FormError({ form }: { form: { errorId: string; errors?: string[] | undefined } }) {
  return form.errors?.[0] ? (
    <p className="notice notice-error" role="alert" id={form.errorId}>
      {form.errors[0]}
    </p>
  ) : null;
}
