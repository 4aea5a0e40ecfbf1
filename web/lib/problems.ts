import type { FieldError, Problem } from '#shared/problem';
import { fieldName } from '#shared/aid-form';

/** Field errors by form field name ("/options/0/name" → "options.0.name"), the first for each field. */
export function errorsByField(
  fieldErrors: readonly FieldError[] | undefined,
  prefix = '',
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const error of fieldErrors ?? []) {
    if (!error.pointer.startsWith(prefix)) continue;
    const name = fieldName(error.pointer.slice(prefix.length)) || '_';
    errors[name] ??= error.detail;
  }
  return errors;
}

/** The problem body of a failed API response, or a generic one if it is not problem+json. */
export async function readProblem(response: {
  status: number;
  json(): Promise<unknown>;
}): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { type: 'about:blank', title: 'Something went wrong', status: response.status };
  }
}
