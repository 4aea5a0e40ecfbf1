import type { SubmissionResult } from '@conform-to/react';
import { data, redirect, type ActionFunctionArgs } from '@remix-run/server-runtime';
import * as z from 'zod';
import { Id } from '#shared/ids';
import { LinkExtension } from '#shared/invitations';
import { AmendmentRequest, ConfirmationRequest, DecisionRequest } from '#shared/record/decision';
import { NOT_DECIDED } from '#shared/record/decision-limits';
import { apiClient, expectOk } from './api.server';
import { admitFormData, postedForm } from './form-data.server';
import { checkbox, group, lines, text, whole } from './form-values';
import { parseForm, refusedReply } from './forms.server';
import { fieldErrorsOf, readProblem } from './problems';

/** The consult view's forms; each answers with where to go, or what to fix. */
export type RecordForm = 'decide' | 'confirm' | 'amend' | 'extend' | 'withdraw';

export type RecordActionResult =
  | { kind: 'invalid'; form: RecordForm; reply: SubmissionResult<string[]> }
  /**
   * Refused: someone changed the record first. `reply` keeps what was typed for
   * the form, if it is still shown; `typed` says it in words, if it is not.
   */
  | {
      kind: 'conflict';
      form: RecordForm;
      message: string;
      reply: SubmissionResult<string[]>;
      typed: string[];
    }
  /** The store did not answer: nothing was saved, and the form keeps what was typed. */
  | { kind: 'unavailable'; form: RecordForm; message: string; reply: SubmissionResult<string[]> };

/** What a refused decision or amendment held, in words: what the clinician typed and lost. */
function typedWords(decision: {
  notes?: string | undefined;
  openQuestions?: string[] | undefined;
  followUp?: string | undefined;
}): string[] {
  return [decision.notes ?? '', ...(decision.openQuestions ?? []), decision.followUp ?? ''].filter(
    (line) => line.trim() !== '',
  );
}

/**
 * "What did you decide together?": one radio button per option, or "not
 * decided yet" (`choice.optionId`), with the next step and by when
 * (`choice.nextStep`, `choice.nextStepBy`) read only for "not decided yet".
 */
function readChoice(value: unknown) {
  const choice = group(value);
  const optionId = choice['optionId'];
  if (optionId === NOT_DECIDED)
    return {
      kind: NOT_DECIDED,
      nextStep: text(choice['nextStep']),
      nextStepBy: text(choice['nextStepBy']),
    };
  // Unchosen: left for the schema to say so at the field.
  return optionId === undefined || optionId === '' ? undefined : { kind: 'option', optionId };
}

/** The decision's fields, the same for deciding and amending; open questions one a line. */
function readDecision(value: unknown) {
  const fields = group(value);
  const choice = readChoice(fields['choice']);
  return {
    ...(choice ? { choice } : {}),
    notes: text(fields['notes']),
    openQuestions: lines(fields['openQuestions']),
    followUp: text(fields['followUp']),
    participants: text(fields['participants']),
  };
}

/** What every change carries: the revision it was based on, and its client token. */
const readBasis = (fields: Record<string, unknown>) => ({
  revision: whole(text(fields['revision'])),
  clientToken: text(fields['clientToken']),
});

const recordForms = {
  decide: z.preprocess((payload) => {
    const fields = group(payload);
    return {
      ...readDecision(fields),
      ...readBasis(fields),
      patientConfirmed: checkbox(fields['patientConfirmed']),
    };
  }, DecisionRequest),
  amend: z.preprocess((payload) => {
    const fields = group(payload);
    return {
      ...readBasis(fields),
      reason: text(fields['reason']),
      changes: readDecision(fields['changes']),
    };
  }, AmendmentRequest),
  confirm: z.preprocess((payload) => readBasis(group(payload)), ConfirmationRequest),
  extend: z.preprocess(
    (payload) => {
      const fields = group(payload);
      return { invitationId: text(fields['invitationId']), days: whole(text(fields['days'])) };
    },
    z.object({ invitationId: Id }).and(LinkExtension),
  ),
  withdraw: z.preprocess(
    (payload) => ({ invitationId: text(group(payload)['invitationId']) }),
    z.object({ invitationId: Id }),
  ),
} satisfies Record<RecordForm, z.ZodType>;

/** The largest of these forms sends a dozen fields, none of them a list. */
const recordFormLimits = { maxFields: 40, maxIndex: 0 };

const NOT_SAVED_TRY_AGAIN =
  'This was not saved: the service did not answer in time. What you typed is still here. Try again in a moment.';

const invalid = (form: RecordForm, reply: SubmissionResult<string[]>) =>
  data<RecordActionResult>({ kind: 'invalid', form, reply }, { status: 422 });

/**
 * The action of a record's pages: runs one of the consult view's forms,
 * parsed with its schema, then through the API, the judge.
 */
export async function recordAction({ context, request, params }: ActionFunctionArgs) {
  const recordId = params.recordId ?? '';
  const posted = await postedForm(request);
  const intent = String(posted.get('intent') ?? '');
  if (!Object.hasOwn(recordForms, intent)) throw data(null, { status: 400 });
  const form = intent as RecordForm;
  const admitted = admitFormData(posted, recordFormLimits);
  if (!admitted) return invalid(form, refusedReply('This form has more fields than it can hold.'));

  const api = apiClient(context).records[':recordId'];
  const param = { recordId };
  const respond = async (
    response: { ok: boolean; status: number; headers: Headers; json(): Promise<unknown> },
    value: unknown,
    reply: (options?: { fieldErrors: Record<string, string[]> }) => SubmissionResult<string[]>,
    done: string,
    typed: string[] = [],
  ) => {
    if (response.ok) throw redirect(`/records/${recordId}?done=${done}`);
    const problem = await readProblem(response);
    if (response.status === 422)
      return invalid(form, reply({ fieldErrors: fieldErrorsOf(problem, value) }));
    if (response.status === 409) {
      return data<RecordActionResult>(
        {
          kind: 'conflict',
          form,
          message: problem.detail ?? 'This record changed.',
          reply: reply(),
          typed,
        },
        { status: 409 },
      );
    }
    if (response.status === 503) {
      return data<RecordActionResult>(
        { kind: 'unavailable', form, message: NOT_SAVED_TRY_AGAIN, reply: reply() },
        { status: 503, headers: { 'Retry-After': response.headers.get('retry-after') ?? '2' } },
      );
    }
    return expectOk(response);
  };

  switch (form) {
    case 'decide': {
      const parsed = parseForm(admitted, recordForms.decide);
      if (!parsed.ok) return invalid(form, parsed.submission.reply());
      const response = await api.decision.$post({ param, json: parsed.value });
      return respond(
        response,
        parsed.value,
        parsed.submission.reply,
        'decided',
        typedWords(parsed.value),
      );
    }
    case 'amend': {
      const parsed = parseForm(admitted, recordForms.amend);
      if (!parsed.ok) return invalid(form, parsed.submission.reply());
      const response = await api.amendments.$post({ param, json: parsed.value });
      return respond(response, parsed.value, parsed.submission.reply, 'amended', [
        parsed.value.reason,
        ...typedWords(parsed.value.changes),
      ]);
    }
    case 'confirm': {
      const parsed = parseForm(admitted, recordForms.confirm);
      if (!parsed.ok) return invalid(form, parsed.submission.reply());
      const response = await api.confirmation.$post({ param, json: parsed.value });
      return respond(response, parsed.value, parsed.submission.reply, 'confirmed');
    }
    case 'extend': {
      const parsed = parseForm(admitted, recordForms.extend);
      if (!parsed.ok) return invalid(form, parsed.submission.reply());
      const { invitationId, days } = parsed.value;
      const response = await apiClient(context).invitations[':invitationId'].extend.$post({
        param: { invitationId },
        json: { days },
      });
      return respond(response, parsed.value, parsed.submission.reply, 'extended');
    }
    case 'withdraw': {
      const parsed = parseForm(admitted, recordForms.withdraw);
      if (!parsed.ok) return invalid(form, parsed.submission.reply());
      const response = await apiClient(context).invitations[':invitationId'].revoke.$post({
        param: { invitationId: parsed.value.invitationId },
      });
      return respond(response, parsed.value, parsed.submission.reply, 'withdrawn');
    }
  }
}
