/**
 * What a browser sends is text. These read Conform's payload (the form's
 * fields, nested by name) into the shapes the shared zod schemas check, each
 * form's schema being `z.preprocess(read, SharedSchema)`. Anything that is not
 * what a form would send is passed on as it is, so that the schema says what
 * is wrong at the field. No zod here: patient pages may import this.
 */

/** A text field: missing is empty; anything but text goes on as sent, for the schema to refuse. */
export const text = (value: unknown): unknown => (value === undefined ? '' : value);

/** An optional text field: blank is left out, text is trimmed. */
export const optional = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;

/** A whole number as typed; anything else stays as text so the schema says what is wrong. */
export const whole = (value: unknown): unknown =>
  typeof value === 'string' ? (/^\s*-?\d+\s*$/.test(value) ? Number(value) : value.trim()) : value;

/** An optional whole number: blank is left out. */
export const optionalWhole = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : whole(value);

/** A checkbox: sent means ticked. */
export const checkbox = (value: unknown): boolean => value !== undefined && value !== '';

/** Yes or no radio buttons: unanswered is left out; anything else goes on, for the schema to refuse. */
export const yesNo = (value: unknown): unknown =>
  value === 'yes' ? true : value === 'no' ? false : value === '' ? undefined : value;

/** A list: one value sent is a list of one; gaps in the indices are closed up. */
export const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value.filter(() => true) : [value];

/** A group of fields, such as a list item or `cells.<optionId>`: anything else is an empty group. */
export const group = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The field of a group, own properties only: an id such as "constructor" finds nothing inherited. */
export const field = (value: unknown, key: string): unknown => {
  const fields = group(value);
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
};

/** A text area of one item a line: blank lines are left out. */
export const lines = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : value === undefined
      ? []
      : value;
