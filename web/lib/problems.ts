import type { Problem } from '#shared/problem';
import { fieldNameOf } from './form-names';

/**
 * The API's field errors (JSON pointers) as the form's field names, for
 * Conform's `submission.reply({ fieldErrors })`. `value` is what the form sent
 * to the API, so that list indices and keys are told apart; `prefix` is where
 * the form's data sits in the request (`/content`, `/answers`). An error on
 * the whole request is the form's own (name "").
 */
export function fieldErrorsOf(
  problem: Pick<Problem, 'errors'>,
  value: unknown,
  prefix = '',
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const error of problem.errors ?? []) {
    if (!error.pointer.startsWith(prefix)) continue;
    const name = fieldNameOf(error.pointer.slice(prefix.length), value);
    (errors[name] ??= []).push(error.detail);
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
