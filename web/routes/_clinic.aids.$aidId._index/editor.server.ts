import type { SubmissionResult } from '@conform-to/react';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/server-runtime';
import { randomUUID } from 'node:crypto';
import type { Aid } from '#shared/aid/aids';
import { runChecks } from '#shared/checks/checks';
import type { AidChecks } from '#shared/checks/results';
import { readAid } from '../../lib/aid.server';
import { apiClient, expectOk } from '../../lib/api.server';
import { postedForm } from '../../lib/form-data.server';
import { settled } from '../../lib/forms.server';
import { fieldErrorsOf, readProblem } from '../../lib/problems';
import { anchorAfter, numberAddedTo, readEditorPost } from './aid-form.server';
import type { EditorAnswer } from './editor-session';

/**
 * The product's own intents, as the `intent` button sends them. The list
 * changes (add, move, remove) are Conform's intents instead, under its own name.
 */
type ProductIntent =
  | { type: 'save' | 'publish' | 'duplicate' | 'delete' }
  /** "Save my version instead of theirs", naming the revision the author saw in the conflict notice. */
  | { type: 'save-over'; revision: number };

function productIntent(value: FormDataEntryValue | null): ProductIntent | null {
  // A list intent's button sends no `intent`: it saves, then changes the list.
  if (value === null) return { type: 'save' };
  if (value === 'save' || value === 'publish' || value === 'duplicate' || value === 'delete')
    return { type: value };
  const saveOver = /^save-over:(\d{1,9})$/.exec(String(value));
  return saveOver ? { type: 'save-over', revision: Number(saveOver[1]) } : null;
}

/** An autosave's answer changes no field of the form: only the errors shown, and no focus moves. */
function quiet(reply: SubmissionResult<string[]>): SubmissionResult<string[]> {
  return { error: reply.error ?? {} };
}

/** The editor's data, beside the aid (the parent route's): the checks of the saved draft, made here. */
export interface EditorData {
  /** The revision checked: the aid's, read once for both routes in the same request. */
  revision: number;
  checks: AidChecks;
}

/**
 * The checks (reading level, IPDAS, numbers) are made on the server, so the
 * page's first load carries neither them nor zod; the live checks load when
 * the author first types (use-live-checks.ts).
 */
export async function editorLoader({ context, params }: LoaderFunctionArgs): Promise<EditorData> {
  const aid = await readAid(context, params.aidId ?? '');
  return { revision: aid.revision, checks: runChecks(aid.content) };
}

/**
 * Every button of the editor posts the whole form: what was typed is saved
 * first (unless someone else saved since), with the button's change to a list
 * applied, then the page is loaded again at the item changed.
 */
export async function editorAction({ request, params, context }: ActionFunctionArgs) {
  const aidId = params.aidId ?? '';
  const param = { aidId };
  const api = apiClient(context).aids[':aidId'];
  const form = await postedForm(request);
  const intent = productIntent(form.get('intent'));
  if (!intent) throw data(null, { status: 400 });
  const revision = intent.type === 'save-over' ? intent.revision : Number(form.get('revision'));
  // The page always sends the revision it shows; anything else is no edit of this page's.
  if (intent.type !== 'duplicate' && !Number.isSafeInteger(revision))
    throw data(null, { status: 400 });

  if (intent.type === 'duplicate') {
    const copy = await expectOk(await api.duplicate.$post({ param }));
    throw redirect(`/aids/${copy.id}`);
  }
  if (intent.type === 'delete') {
    const response = await api.$delete({ param }, { headers: { 'if-match': `"${revision}"` } });
    if (response.status !== 204) await expectOk(response);
    throw redirect('/?deleted=1');
  }

  const autosave = form.get('autosave') === '1';
  const answer = (body: EditorAnswer, status = 200) => data<EditorAnswer>(body, { status });
  // A button's answer is shown as sent back; an autosave's leaves the fields as they are now.
  const reply = (result: SubmissionResult<string[]>) =>
    autosave ? quiet(result) : settled(result);

  const post = readEditorPost(form, () => randomUUID().slice(0, 8));
  const invalid = (result: SubmissionResult<string[]>) =>
    answer({ kind: 'invalid', reply: result, baseRevision: revision }, 422);
  if (post.kind === 'refused') return invalid(post.reply);
  const { parsed, change } = post;
  if (!parsed.ok) return invalid(reply(parsed.submission.reply()));
  const { value: content, submission } = parsed;

  const saved = await api.$put({ param, json: { content, revision } });
  // The typed client knows the success statuses; failures arrive as problem+json.
  const status: number = saved.status;
  if (autosave && status === 401) return answer({ kind: 'signed-out' }, 401);
  if (autosave && status >= 500) return answer({ kind: 'failed' }, 503);
  if (status === 409) {
    const problem = await readProblem(saved);
    return answer(
      {
        kind: 'conflict',
        reply: reply(submission.reply()),
        current: problem['current'] as Aid,
        baseRevision: revision,
        mine: content,
        mineChecks: runChecks(content),
      },
      409,
    );
  }
  if (status === 422) {
    const fieldErrors = fieldErrorsOf(await readProblem(saved), content, '/content');
    return invalid(reply(submission.reply({ fieldErrors })));
  }
  const aid = await expectOk(saved);

  if (intent.type === 'publish') {
    const published = await api.publish.$post({ param, json: { revision: aid.revision } });
    if (published.status === 200 || published.status === 201) {
      const version = await published.json();
      throw redirect(
        `/aids/${aidId}/versions?published=${'number' in version ? version.number : ''}`,
      );
    }
    if (published.status === 422) {
      const problem = await readProblem(published);
      return answer(
        {
          kind: 'publish-blocked',
          reply: reply(submission.reply()),
          message: (problem.errors ?? []).map((e) => e.detail).join(' '),
          // The draft was saved: the next save is based on it.
          revision: aid.revision,
          savedAt: aid.updatedAt,
        },
        422,
      );
    }
    await expectOk(published);
  }

  if (autosave) {
    return answer({
      kind: 'saved',
      revision: aid.revision,
      savedAt: aid.updatedAt,
      reply: quiet(submission.reply()),
    });
  }
  const opened = numberAddedTo(change, content);
  if (opened) {
    return answer({
      kind: 'saved',
      revision: aid.revision,
      savedAt: aid.updatedAt,
      reply: settled(submission.reply()),
      opened,
    });
  }
  const anchor = anchorAfter(change, content);
  throw redirect(`/aids/${aidId}?saved=${aid.revision}${anchor ? `#${anchor}` : ''}`);
}
