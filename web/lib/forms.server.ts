import type { Submission, SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data } from '@remix-run/server-runtime';
import type * as z from 'zod';
import { admitFormData } from './form-data.server';
import { fieldErrorsOf, readProblem } from './problems';

/**
 * Every form is read the same way on the server: Conform's `parseWithZod`
 * against one zod schema, `z.preprocess(readTheForm, TheSharedSchema)`, which
 * reads the form's text itself (so Conform's own guessing is turned off).
 */
export type ParsedForm<Value> =
  | { ok: true; value: Value; submission: Submission<unknown, string[], Value> }
  | { ok: false; submission: Submission<unknown, string[], Value> };

export function parseForm<Schema extends z.ZodType>(
  form: FormData,
  schema: Schema,
): ParsedForm<z.output<Schema>> {
  let submission: Submission<unknown, string[], z.output<Schema>>;
  try {
    submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  } catch {
    // A list intent that is not Conform's JSON: no form sends it.
    throw data(null, { status: 400 });
  }
  if (submission.status === 'success') return { ok: true, value: submission.value, submission };
  if (submission.status === undefined && Object.keys(submission.error ?? {}).length === 0) {
    // A list intent (insert, remove, reorder): Conform has applied it to the payload and
    // checked the result, but leaves the value out; the same schema reads it again.
    return { ok: true, value: schema.parse(submission.payload), submission };
  }
  return { ok: false, submission };
}

/**
 * A reply that the page shows as it is. After a list intent, Conform's reply
 * names the intent so that the browser would apply it once more; here the
 * server has already applied it to what it sends back, and the page renders
 * that (without JavaScript, and with it after a button's answer).
 */
export function settled(reply: SubmissionResult<string[]>): SubmissionResult<string[]> {
  const { intent: _intent, ...rest } = reply;
  return {
    ...rest,
    status: rest.error && Object.keys(rest.error).length > 0 ? 'error' : 'success',
  };
}

/** A form refused before it was read: too many fields for what it can hold. */
export function refusedReply(message: string): SubmissionResult<string[]> {
  return { status: 'error', error: { '': [message] } };
}

export const FORM_TOO_LARGE = 'This form has more fields than it can hold.';

/**
 * A small form without lists (a few text fields and choices), admitted and
 * parsed with its schema: its value, or the reply that shows what to fix.
 */
export function readSmallForm<Schema extends z.ZodType>(
  form: FormData,
  schema: Schema,
  maxFields: number,
):
  | Extract<ParsedForm<z.output<Schema>>, { ok: true }>
  | { ok: false; reply: SubmissionResult<string[]> } {
  const admitted = admitFormData(form, { maxFields, maxIndex: 0 });
  if (!admitted) return { ok: false, reply: refusedReply(FORM_TOO_LARGE) };
  const parsed = parseForm(admitted, schema);
  return parsed.ok ? parsed : { ok: false, reply: parsed.submission.reply() };
}

/** What an action answers when its form must be fixed: the reply that shows what was typed, and why. */
export interface InvalidForm {
  kind: 'invalid';
  reply: SubmissionResult<string[]>;
}

/** An action's answer that its form must be fixed (422 unless another status says why). */
export const invalidForm = (reply: SubmissionResult<string[]>, status = 422) =>
  data<InvalidForm>({ kind: 'invalid', reply }, { status });

/** The API's refusal of what a form sent, as the form's reply: each error at its field. */
export async function refusedFieldsReply<Value>(
  response: { status: number; json(): Promise<unknown> },
  parsed: { value: Value; submission: Submission<unknown, string[], Value> },
): Promise<SubmissionResult<string[]>> {
  const fieldErrors = fieldErrorsOf(await readProblem(response), parsed.value);
  return parsed.submission.reply({ fieldErrors });
}
