import { data, redirect, type AppLoadContext } from '@remix-run/server-runtime';
import { randomUUID } from 'node:crypto';
import type { DecisionRecord, PatientAnswers, StepName } from '#shared/record';
import { apiClient, expectOk } from './api.server';
import { readStepForm } from './patient-forms';
import { errorsByField, readProblem } from './problems';

export type StepResult =
  | { kind: 'invalid'; errors: Record<string, string>; submitted: Partial<PatientAnswers> }
  | { kind: 'conflict'; current: DecisionRecord; submitted: Partial<PatientAnswers> };

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
  stepNumber,
}: {
  context: AppLoadContext;
  request: Request;
  step: StepName;
  stepNumber: number;
}) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? 'next');
  const answers = readStepForm(step, form, () => randomUUID().slice(0, 8));
  const revision = Number(form.get('revision'));
  const response = await apiClient(context).patient.record.steps[':step'].$put({
    param: { step },
    json: { revision, answers },
  });
  const status: number = response.status;
  if (status === 200) {
    const target =
      intent === 'back' ? stepNumber - 1 : intent === 'stay' ? stepNumber : stepNumber + 1;
    throw redirect(
      `/patient/step/${Math.max(1, Math.min(7, target))}${intent === 'stay' ? '?saved=1' : ''}`,
    );
  }
  if (status === 409) {
    const problem = await readProblem(response);
    // Decided at the visit meanwhile: the answers are closed, and the record is the page.
    if (problem['reason'] === 'locked') throw redirect('/patient/record');
    return data<StepResult>(
      { kind: 'conflict', current: problem['current'] as DecisionRecord, submitted: answers },
      { status: 409 },
    );
  }
  if (status === 422) {
    const problem = await readProblem(response);
    return data<StepResult>(
      { kind: 'invalid', errors: errorsByField(problem.errors, '/answers'), submitted: answers },
      { status: 422 },
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
    return data<StepResult>(
      { kind: 'conflict', current: problem['current'] as DecisionRecord, submitted: {} },
      { status: 409 },
    );
  }
  if (!response.ok) return patientFailure(response);
  await expectOk(response);
  throw redirect('/patient/step/7?ready=1');
}

export type ConfirmResult =
  | { kind: 'invalid'; errors: Record<string, string>; comment: string }
  | { kind: 'changed'; comment: string };

/** "Yes, this is what we decided together", through the patient's own link. */
export async function confirmDecision(context: AppLoadContext, request: Request) {
  const form = await request.formData();
  const comment = String(form.get('comment') ?? '');
  const response = await apiClient(context).records[':recordId'].confirmation.$post({
    param: { recordId: String(form.get('recordId') ?? '') },
    json: {
      revision: Number(form.get('revision')),
      clientToken: String(form.get('clientToken') ?? ''),
      ...(comment.trim() ? { comment } : {}),
    },
  });
  const status: number = response.status;
  if (response.ok) throw redirect('/patient/record?confirmed=1');
  const problem = await readProblem(response);
  if (status === 409) {
    // Confirmed already (another device, a second click): nothing more to do.
    if (problem['reason'] === 'already-confirmed') throw redirect('/patient/record?confirmed=1');
    return data<ConfirmResult>({ kind: 'changed', comment }, { status: 409 });
  }
  if (status === 422) {
    return data<ConfirmResult>(
      { kind: 'invalid', errors: errorsByField(problem.errors), comment },
      { status: 422 },
    );
  }
  return patientFailure(response);
}

/** The patient's record as a PDF, from the API with this page's session. */
export async function recordPdf(context: AppLoadContext) {
  const view = await loadPatientView(context);
  const response = await apiClient(context).records[':recordId']['export.pdf'].$get({
    param: { recordId: view.record.id },
  });
  if (!response.ok) return patientFailure(response);
  return new Response(response.body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': response.headers.get('Content-Disposition') ?? 'attachment',
      'Cache-Control': 'no-store',
    },
  });
}
