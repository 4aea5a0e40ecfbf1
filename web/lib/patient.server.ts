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
    return data<StepResult>(
      { kind: 'conflict', current: problem['current'] as DecisionRecord, submitted: {} },
      { status: 409 },
    );
  }
  if (!response.ok) return patientFailure(response);
  await expectOk(response);
  throw redirect('/patient/step/7?ready=1');
}
