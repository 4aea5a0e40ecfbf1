import type { SubmissionResult } from '@conform-to/react';
import { data, redirect, type AppLoadContext } from '@remix-run/server-runtime';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { DecisionRecord } from '#shared/record/schema';
import { stepNumber, stepPath, type StepName } from '#shared/record/rules';
import { ConfirmationRequest } from '#shared/record/decision';
import { apiClient, expectOk } from './api.server';
import { admitFormData, CONFORM_INTENT, postedForm } from './form-data.server';
import { group, optional, text, whole } from './form-values';
import { parseForm, refusedReply, settled } from './forms.server';
import { patientText } from './patient-text';
import { stepForm, stepFormLimits } from './patient-forms.server';
import { fieldErrorsOf, readProblem } from './problems';

type Reply = SubmissionResult<string[]>;

/**
 * A step's answer when it did not move on: what the patient sent, shown as
 * sent, with errors at the fields; after a change in another window, the
 * revision to save over by choice.
 */
export type StepResult =
  { kind: 'invalid'; reply: Reply } | { kind: 'conflict'; reply: Reply; revision: number };

/** Whether the SURE answers sent hold a "no". */
const anyNo = (answers: Record<string, unknown>) =>
  Object.values(group(answers['sure'])).some((answer) => answer === false);

/** Whether any question of the check of understanding was answered. */
const checked = (answers: Record<string, unknown>) =>
  Object.values(group(answers['understanding'])).some(
    (byOption) => Object.keys(group(byOption)).length > 0,
  );

/** How long the API asked to wait, passed on to the browser. */
const retryAfter = (response: { headers: Headers }) => ({
  'Retry-After': response.headers.get('retry-after') ?? '2',
});

/** A patient page's failures: the error boundary tells the patient what to do. */
async function patientFailure(response: {
  status: number;
  json(): Promise<unknown>;
}): Promise<never> {
  const problem = await readProblem(response);
  throw data({ reason: problem['reason'] ?? null }, { status: response.status });
}

export async function loadPatientView(context: AppLoadContext) {
  const response = await apiClient(context).patient.record.$get();
  if (!response.ok) return patientFailure(response);
  return response.json();
}

/**
 * Saves a step's form and moves on (or back, or stays): a plain form post,
 * redirected, so the browser's back button and a refresh never post twice.
 */
export async function saveStep({
  context,
  request,
  step,
}: {
  context: AppLoadContext;
  request: Request;
  step: StepName;
}) {
  const posted = await postedForm(request);
  const intent = String(posted.get('intent') ?? 'next');
  // "Save and add one more" is Conform's insert intent: save, and stay on this step.
  const stay = posted.has(CONFORM_INTENT);
  const revision = Number(posted.get('revision'));
  const invalid = (reply: Reply) => data<StepResult>({ kind: 'invalid', reply }, { status: 422 });
  const admitted = admitFormData(posted, stepFormLimits(step));
  if (!admitted) return invalid(refusedReply(patientText.formTooLarge));
  const parsed = parseForm(
    admitted,
    stepForm(step, () => randomUUID().slice(0, 8)),
  );
  if (!parsed.ok) return invalid(settled(parsed.submission.reply()));
  const answers = parsed.value as Record<string, unknown>;
  const response = await apiClient(context).patient.record.steps[':step'].$put({
    param: { step },
    json: { revision, answers },
  });
  const status: number = response.status;
  if (status === 200) {
    // A SURE answer of "no", and the guide's answers to the check of understanding, are
    // shown on the step's own page, with the next steps, before going on.
    if (
      step === 'sure' &&
      intent === 'next' &&
      !posted.has('resultShown') &&
      (anyNo(answers) || checked(answers))
    ) {
      throw redirect(`${stepPath('sure')}?saved=1#sure-result`);
    }
    const place = stepNumber(step);
    const target = stay ? place : intent === 'back' ? place - 1 : place + 1;
    throw redirect(`${stepPath(target)}${stay ? '?saved=1' : ''}`);
  }
  if (status === 409) {
    const problem = await readProblem(response);
    // Decided at the visit meanwhile: the answers are closed, and the record is the page.
    if (problem['reason'] === 'locked') throw redirect('/patient/record');
    const current = problem['current'] as DecisionRecord;
    return data<StepResult>(
      { kind: 'conflict', reply: settled(parsed.submission.reply()), revision: current.revision },
      { status: 409 },
    );
  }
  if (status === 422) {
    const fieldErrors = fieldErrorsOf(await readProblem(response), answers, '/answers');
    return invalid(settled(parsed.submission.reply({ fieldErrors })));
  }
  if (status === 503) {
    return data<StepResult>(
      {
        kind: 'invalid',
        reply: settled(parsed.submission.reply({ formErrors: [patientText.notSavedTryAgain] })),
      },
      { status: 503, headers: retryAfter(response) },
    );
  }
  return patientFailure(response);
}

export async function markReady(context: AppLoadContext, revision: number) {
  const response = await apiClient(context).patient.record.ready.$post({ json: { revision } });
  const status: number = response.status;
  if (status === 409) {
    const problem = await readProblem(response);
    if (problem['reason'] === 'locked') throw redirect('/patient/record');
    const current = problem['current'] as DecisionRecord;
    return data<StepResult>(
      { kind: 'conflict', reply: { status: 'success' }, revision: current.revision },
      { status: 409 },
    );
  }
  if (!response.ok) return patientFailure(response);
  await expectOk(response);
  throw redirect(`${stepPath('summary')}?ready=1`);
}

export type ConfirmResult =
  | { kind: 'invalid'; reply: Reply }
  /** The record changed since the page was shown: read it again, then confirm. */
  | { kind: 'changed'; reply: Reply }
  /** Confirmed already, at the visit or on another device: the comment sent with it was not kept. */
  | { kind: 'already-confirmed'; reply: Reply };

/** The confirmation form: the record's revision and a client token, and the patient's own words. */
const ConfirmationForm = z.preprocess((payload) => {
  const fields = group(payload);
  const comment = optional(fields['comment']);
  return {
    revision: whole(text(fields['revision'])),
    clientToken: text(fields['clientToken']),
    ...(comment === undefined ? {} : { comment: fields['comment'] }),
  };
}, ConfirmationRequest);

/** "Yes, this is what we decided together", through the patient's own link. */
export async function confirmDecision(context: AppLoadContext, request: Request) {
  const posted = await postedForm(request);
  const invalid = (reply: Reply) =>
    data<ConfirmResult>({ kind: 'invalid', reply }, { status: 422 });
  const admitted = admitFormData(posted, { maxFields: 10, maxIndex: 0 });
  if (!admitted) return invalid(refusedReply(patientText.formTooLarge));
  const parsed = parseForm(admitted, ConfirmationForm);
  if (!parsed.ok) return invalid(parsed.submission.reply());
  const response = await apiClient(context).records[':recordId'].confirmation.$post({
    // Which record: the patient's own, as the page that shows the form was given it.
    param: { recordId: String(admitted.get('recordId') ?? '') },
    json: parsed.value,
  });
  const status: number = response.status;
  if (response.ok) throw redirect('/patient/record?confirmed=1');
  const problem = await readProblem(response);
  if (status === 409) {
    // Confirmed already (another device, a second click, or at the visit): nothing more to
    // do, unless the patient wrote a comment, which the page must say was not kept.
    if (problem['reason'] === 'already-confirmed') {
      if (!parsed.value.comment) throw redirect('/patient/record?confirmed=1');
      return data<ConfirmResult>(
        { kind: 'already-confirmed', reply: parsed.submission.reply() },
        { status: 409 },
      );
    }
    return data<ConfirmResult>(
      { kind: 'changed', reply: parsed.submission.reply() },
      { status: 409 },
    );
  }
  if (status === 422) {
    return invalid(parsed.submission.reply({ fieldErrors: fieldErrorsOf(problem, parsed.value) }));
  }
  if (status === 503) {
    return data<ConfirmResult>(
      {
        kind: 'invalid',
        reply: parsed.submission.reply({ formErrors: [patientText.notSavedTryAgain] }),
      },
      { status: 503, headers: retryAfter(response) },
    );
  }
  return patientFailure(response);
}

/**
 * The patient's record as a PDF, from the API with this page's session. A
 * file has no page around it: a failure is its status and a line of plain
 * words (a thrown route error would be logged as a fault and say
 * "Unexpected Server Error" in JSON).
 */
export async function recordPdf(context: AppLoadContext) {
  const api = apiClient(context);
  const failed = async (response: { status: number; json(): Promise<unknown> }) => {
    const { status } = response;
    const reason = status === 410 ? (await readProblem(response))['reason'] : null;
    const words =
      status === 401
        ? patientText.sessionEnded
        : status === 410
          ? reason === 'revoked'
            ? patientText.linkRevoked
            : patientText.linkExpired
          : status === 503
            ? patientText.unavailable
            : patientText.somethingWrong;
    return new Response(words, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  };
  const viewed = await api.patient.record.$get();
  if (!viewed.ok) return failed(viewed);
  const view = await viewed.json();
  const response = await api.records[':recordId']['export.pdf'].$get({
    param: { recordId: view.record.id },
  });
  if (!response.ok) return failed(response);
  return new Response(response.body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': response.headers.get('Content-Disposition') ?? 'attachment',
      'Cache-Control': 'no-store',
    },
  });
}
