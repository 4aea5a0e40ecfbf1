import { data, redirect, type ActionFunctionArgs } from '@remix-run/server-runtime';
import { randomUUID } from 'node:crypto';
import { AidContent } from '#shared/aid';
import {
  applyIntent,
  formValuesToInput,
  parseIntent,
  readAidForm,
  type AidFormValues,
  type EditorIntent,
} from '#shared/aid-form';
import type { Aid } from '#shared/aids';
import { fieldErrors } from '#shared/problem';
import { apiClient, expectOk } from '../../lib/api.server';
import { errorsByField, readProblem } from '../../lib/problems';

export type EditorResult =
  | { kind: 'saved'; revision: number; savedAt: string }
  | { kind: 'invalid'; values: AidFormValues; errors: Record<string, string> }
  /** Someone else saved first. `baseRevision` is what this author's form was based on. */
  | { kind: 'conflict'; values: AidFormValues; current: Aid; baseRevision: number }
  | { kind: 'publish-blocked'; values: AidFormValues; message: string }
  /** An autosave that the server could not complete; the editor keeps the text and retries. */
  | { kind: 'failed' }
  /** An autosave after the clinician's session ended: the text stays on the page. */
  | { kind: 'signed-out' };

/** Where the page should scroll after a change to the grid's structure. */
function anchorAfter(intent: EditorIntent, newId: string | undefined): string | undefined {
  switch (intent.type) {
    case 'add-option':
      return `option-${newId}`;
    case 'add-row':
      return `row-${newId}`;
    case 'add-source':
      return `source-${newId}`;
    case 'move-option-left':
    case 'move-option-right':
      return `option-${intent.id}`;
    case 'move-row-up':
    case 'move-row-down':
      return `row-${intent.id}`;
    case 'remove-option':
    case 'remove-row':
      return 'grid-heading';
    case 'remove-source':
      return 'sources-heading';
    case 'add-author':
    case 'remove-author':
      return 'authorship-heading';
    case 'save':
      return undefined;
  }
}

/**
 * Every button of the editor posts the whole form: what was typed is saved
 * first (unless someone else saved since), then the button's change applies.
 */
export async function editorAction({ request, params, context }: ActionFunctionArgs) {
  const aidId = params.aidId ?? '';
  const param = { aidId };
  const api = apiClient(context).aids[':aidId'];
  const form = await request.formData();
  let intentValue = String(form.get('intent') ?? 'save');
  let revision = Number(form.get('revision'));
  // "Save my version instead of theirs": the one button that saves over a newer
  // revision, naming the revision the author saw in the conflict notice.
  const saveOver = /^save-over:(\d+)$/.exec(intentValue);
  if (saveOver) {
    revision = Number(saveOver[1]);
    intentValue = 'save';
  }

  if (intentValue === 'duplicate') {
    const copy = await expectOk(await api.duplicate.$post({ param }));
    throw redirect(`/aids/${copy.id}`);
  }
  if (intentValue === 'delete') {
    const response = await api.$delete({ param }, { headers: { 'if-match': `"${revision}"` } });
    if (response.status !== 204) await expectOk(response);
    throw redirect('/?deleted=1');
  }

  const publish = intentValue === 'publish';
  const intent = publish ? ({ type: 'save' } as const) : parseIntent(intentValue);
  if (!intent) throw data(null, { status: 400 });
  let newId: string | undefined;
  const values = applyIntent(readAidForm(form), intent, () => (newId = randomUUID().slice(0, 8)));

  const parsed = AidContent.safeParse(formValuesToInput(values));
  if (!parsed.success) {
    return data<EditorResult>(
      { kind: 'invalid', values, errors: errorsByField(fieldErrors(parsed.error)) },
      { status: 422 },
    );
  }

  const autosave = form.get('autosave') === '1';
  const saved = await api.$put({ param, json: { content: parsed.data, revision } });
  // The typed client knows the success statuses; failures arrive as problem+json.
  const status: number = saved.status;
  if (autosave && status === 401)
    return data<EditorResult>({ kind: 'signed-out' }, { status: 401 });
  if (autosave && status >= 500) return data<EditorResult>({ kind: 'failed' }, { status: 503 });
  if (status === 409) {
    const problem = await readProblem(saved);
    return data<EditorResult>(
      { kind: 'conflict', values, current: problem['current'] as Aid, baseRevision: revision },
      { status: 409 },
    );
  }
  if (status === 422) {
    return data<EditorResult>(
      {
        kind: 'invalid',
        values,
        errors: errorsByField((await readProblem(saved)).errors, '/content'),
      },
      { status: 422 },
    );
  }
  const aid = await expectOk(saved);

  if (publish) {
    const published = await api.publish.$post({ param, json: { revision: aid.revision } });
    if (published.status === 200 || published.status === 201) {
      const version = await published.json();
      throw redirect(
        `/aids/${aidId}/versions?published=${'number' in version ? version.number : ''}`,
      );
    }
    if (published.status === 422) {
      const problem = await readProblem(published);
      return data<EditorResult>(
        {
          kind: 'publish-blocked',
          values,
          message: (problem.errors ?? []).map((e) => e.detail).join(' '),
        },
        { status: 422 },
      );
    }
    await expectOk(published);
  }

  if (autosave) {
    return data<EditorResult>({ kind: 'saved', revision: aid.revision, savedAt: aid.updatedAt });
  }
  const anchor = anchorAfter(intent, newId);
  throw redirect(`/aids/${aidId}?saved=${aid.revision}${anchor ? `#${anchor}` : ''}`);
}
