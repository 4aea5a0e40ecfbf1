import { data, redirect, type AppLoadContext } from '@remix-run/server-runtime';
import type { AmendmentChanges } from '#shared/record/decision';
import { NOT_DECIDED } from '#shared/record/decision-rules';
import { apiClient, expectOk } from './api.server';
import { errorsByField, readProblem } from './problems';

/** The consult view's forms; each answers with where to go, or what to fix. */
export type RecordForm = 'decide' | 'confirm' | 'amend' | 'extend' | 'withdraw';

export type RecordActionResult =
  | { kind: 'invalid'; form: RecordForm; errors: Record<string, string>; values: FormValues }
  | { kind: 'conflict'; form: RecordForm; message: string };

export type FormValues = Record<string, string>;

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** "What we don't know yet": one question per line. */
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const decisionFieldNames = [
  'choice',
  'nextStep',
  'nextStepBy',
  'notes',
  'openQuestions',
  'followUp',
  'participants',
] as const;

/** The decision's fields as the API takes them; an unchosen option is left for the API to name. */
function readDecisionFields(form: FormData) {
  const choice = text(form, 'choice');
  return {
    ...(choice === NOT_DECIDED
      ? {
          choice: {
            kind: NOT_DECIDED,
            nextStep: text(form, 'nextStep'),
            nextStepBy: text(form, 'nextStepBy'),
          },
        }
      : choice
        ? { choice: { kind: 'option' as const, optionId: choice } }
        : {}),
    notes: text(form, 'notes'),
    openQuestions: lines(text(form, 'openQuestions')),
    followUp: text(form, 'followUp'),
    participants: text(form, 'participants'),
  };
}

/** The API's field pointers as this page's field names: /choice/nextStep → nextStep. */
function formErrors(pointerErrors: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, message] of Object.entries(pointerErrors)) {
    const field = name
      .replace(/^changes\./, '')
      .replace(/^choice\.(nextStep|nextStepBy)$/, '$1')
      .replace(/^choice\..*$/, 'choice')
      .replace(/^openQuestions\..*$/, 'openQuestions');
    errors[field] ??= message;
  }
  return errors;
}

async function answer(
  response: Response | { ok: boolean; status: number; json(): Promise<unknown> },
  form: RecordForm,
  values: FormValues,
  recordId: string,
  done: string,
) {
  if (response.ok) throw redirect(`/records/${recordId}?done=${done}`);
  const problem = await readProblem(response);
  if (response.status === 422) {
    return data<RecordActionResult>(
      { kind: 'invalid', form, errors: formErrors(errorsByField(problem.errors)), values },
      { status: 422 },
    );
  }
  if (response.status === 409) {
    return data<RecordActionResult>(
      { kind: 'conflict', form, message: problem.detail ?? 'This record changed.' },
      { status: 409 },
    );
  }
  return expectOk(response as { ok: boolean; status: number; json(): Promise<unknown> });
}

/** Runs one of the consult view's forms through the API. */
export async function recordAction(context: AppLoadContext, request: Request, recordId: string) {
  const form = await request.formData();
  const api = apiClient(context).records[':recordId'];
  const param = { recordId };
  const intent = text(form, 'intent') as RecordForm;
  const revision = Number(text(form, 'revision'));
  const clientToken = text(form, 'clientToken');
  const values = Object.fromEntries(
    [...decisionFieldNames, 'reason', 'days', 'patientConfirmed'].map((name) => [
      name,
      text(form, name),
    ]),
  );

  switch (intent) {
    case 'decide': {
      const response = await api.decision.$post({
        param,
        json: {
          ...(readDecisionFields(form) as Parameters<typeof api.decision.$post>[0]['json']),
          revision,
          clientToken,
          patientConfirmed: form.get('patientConfirmed') === 'yes',
        },
      });
      return answer(response, intent, values, recordId, 'decided');
    }
    case 'confirm': {
      const response = await api.confirmation.$post({ param, json: { revision, clientToken } });
      return answer(response, intent, values, recordId, 'confirmed');
    }
    case 'amend': {
      const response = await api.amendments.$post({
        param,
        json: {
          revision,
          clientToken,
          reason: text(form, 'reason'),
          changes: readDecisionFields(form) as AmendmentChanges,
        },
      });
      return answer(response, intent, values, recordId, 'amended');
    }
    case 'extend':
    case 'withdraw': {
      const invitationId = text(form, 'invitationId');
      const invitation = apiClient(context).invitations[':invitationId'];
      const response =
        intent === 'extend'
          ? await invitation.extend.$post({
              param: { invitationId },
              json: { days: Number(text(form, 'days')) },
            })
          : await invitation.revoke.$post({ param: { invitationId } });
      return answer(
        response,
        intent,
        values,
        recordId,
        intent === 'extend' ? 'extended' : 'withdrawn',
      );
    }
    default:
      throw data(null, { status: 400 });
  }
}
