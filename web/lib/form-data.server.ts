import { data } from '@remix-run/server-runtime';

/**
 * The one pass over a posted form before Conform reads it. Conform nests the
 * fields by name, which is linear, except in two cases that a crafted post
 * can reach: a name sent many times is copied into a new list each time
 * (quadratic), and an index such as `options[4000000000]` makes a list that
 * long, which the schema then walks. So, in one pass and without reading
 * anything twice: a form with more fields than it can hold is refused; beyond
 * that, what no form sends (files, indices past `maxIndex`, a single-value
 * field sent again, Conform's `__state__`, a name Conform cannot read such as
 * "" or `a..b`) is left out.
 */
export interface FormLimits {
  /** The most fields the largest legitimate form sends; more, and the form is refused. */
  maxFields: number;
  /** Lists are shorter than this; a field at a higher index is left out. */
  maxIndex: number;
  /** How many values a field may carry (a group of checkboxes); 1 unless said. */
  valuesOf?: (name: string) => number;
}

/** Conform's own field names: the list intent of a button, and state it never needs here. */
export const CONFORM_INTENT = '__intent__';
const CONFORM_STATE = '__state__';
const MAX_NAME_LENGTH = 300;

/** A name as Conform reads it: keys joined by dots and list indices, none of them empty. */
const fieldName = /^[^.[\]]+(?:\.[^.[\]]+|\[\d+\])*$/;

function withinIndex(name: string, maxIndex: number): boolean {
  for (const match of name.matchAll(/\[(\d*)\]/g)) {
    if (match[1] === '' || match[1]!.length > 6 || Number(match[1]) >= maxIndex) return false;
  }
  return true;
}

/** The fields worth reading, or null when the form has more fields than it can hold. */
export function admitFormData(form: FormData, limits: FormLimits): FormData | null {
  const admitted = new FormData();
  const counts = new Map<string, number>();
  let fields = 0;
  for (const [name, value] of form) {
    fields += 1;
    if (fields > limits.maxFields) return null;
    if (typeof value !== 'string' || name === CONFORM_STATE || name.length > MAX_NAME_LENGTH)
      continue;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    if (count > (limits.valuesOf?.(name) ?? 1)) continue;
    if (!fieldName.test(name) || !withinIndex(name, limits.maxIndex)) continue;
    admitted.append(name, value);
  }
  return admitted;
}

const formMediaType = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The form an action was posted: a body of another kind (JSON, plain text,
 * none) is 415 and a form that cannot be read is 400, rather than a fault.
 */
export async function postedForm(request: Request): Promise<FormData> {
  if (!formMediaType.test(request.headers.get('content-type') ?? ''))
    throw data(null, { status: 415 });
  try {
    return await request.formData();
  } catch {
    throw data(null, { status: 400 });
  }
}
