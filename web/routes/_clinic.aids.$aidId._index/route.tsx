import { getFormProps } from '@conform-to/react';
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useRouteLoaderData,
  useSearchParams,
} from '@remix-run/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { Aid } from '#shared/aid/aids';
import {
  AuthorshipFields,
  DecisionFields,
  SourceFields,
} from '../../components/editor/details-fields';
import { ChecksPanel, criterionCode } from '../../components/editor/checks-panel';
import type { Grades } from '../../components/editor/editor-fields';
import { GridEditor } from '../../components/editor/grid-editor';
import { RouteError } from '../../components/route-error';
import { fieldNameOf } from '../../lib/form-names';
import { useFocusAnchorOnNavigation } from '../../lib/use-focus';
import { serverCheckedForm } from '../../lib/server-checked-form';
import type { loader as aidLoader } from '../_clinic.aids.$aidId';
import { EDITOR_FORM_ID, type AidFormShape } from './form-id';
import { ConflictNotice } from './conflict-notice';
import { editorAction, editorLoader } from './editor.server';
import type { EditorSession } from './editor-session';
import { useEditorSession, type Waiting } from './use-editor-session';
import { useLiveChecks, type CheckedAid } from './use-live-checks';

export const loader = (args: LoaderFunctionArgs) => editorLoader(args);
export const action = (args: ActionFunctionArgs) => editorAction(args);

export default function EditDraftPage() {
  const [search] = useSearchParams();
  const { aidId } = useParams();
  // Buttons pressed while a save was on its way outlive the editor's restart after that save.
  const [waiting, setWaiting] = useState<Waiting>({ aidId: '', queued: [] });
  // Another aid (after Duplicate), the saved version chosen over one's own, or a button's
  // redirect after saving, starts the editor afresh from what is saved.
  return (
    <EditDraft
      key={`${aidId}:${search.get('reload') ?? ''}:${search.get('saved') ?? ''}`}
      waiting={waiting}
      onWaiting={setWaiting}
    />
  );
}

function EditDraft({
  waiting,
  onWaiting,
}: {
  waiting: Waiting;
  onWaiting: (waiting: Waiting) => void;
}) {
  const aid = useRouteLoaderData<typeof aidLoader>('routes/_clinic.aids.$aidId') as Aid;
  const { checks } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAnchorOnNavigation();
  const session = useEditorSession({ formRef, aid, answer, waiting, onWaiting });
  const live = useLiveChecks();
  const { state } = session;

  // The checks of what the form holds: as typed, else what was sent in a conflict, else the saved
  // draft. Those two are the server's (with the page's data and the conflict's answer); the live
  // ones load on the first change.
  const saved = useMemo<CheckedAid>(
    () => ({ content: aid.content, checks }),
    [aid.content, checks],
  );
  const conflict = state.conflict;
  const sent = useMemo<CheckedAid | null>(
    () => (conflict ? { content: conflict.mine, checks: conflict.mineChecks } : null),
    [conflict],
  );
  const checked = live.checked ?? sent ?? saved;
  const reviewDue = checked.checks.ipdas.find(
    (criterion) => criterion.id === 'C4-due' && criterion.status === 'missing',
  );

  return (
    <div className="editor-layout">
      <div className="editor-main">
        {aid.demonstration ? (
          <p className="notice notice-warning">
            Demonstration content: this aid and its numbers are illustrative, not for clinical use.
            Copies stay labelled.
          </p>
        ) : null}
        {search.has('imported') ? (
          <p className="notice notice-success" role="status">
            The file was imported as this new draft.
          </p>
        ) : null}
        {state.conflict ? <ConflictNotice conflict={state.conflict} /> : null}
        {reviewDue ? (
          <p className="notice notice-warning" id="review-due">
            <strong>Time to review this aid.</strong> {reviewDue.explanation}{' '}
            <a href="#editor-reviewBy">Set a new review-by date</a>
          </p>
        ) : null}

        <EditorForm
          // A button's answer shows the form as it was sent back, with any change to a list.
          key={state.formVersion}
          aid={aid}
          state={state}
          statusText={session.statusText}
          checked={checked}
          formRef={formRef}
          onChange={(event) => {
            session.onChange();
            live.onInput(event);
          }}
          onSubmit={session.onSubmit}
        />

        <section aria-labelledby="more-heading" className="editor-section">
          <h2 id="more-heading">More</h2>
          <div className="button-row">
            <Form method="post">
              <button type="submit" name="intent" value="duplicate" className="button-secondary">
                Duplicate this aid
              </button>
            </Form>
            <a className="button button-secondary" href={`/api/aids/${aid.id}/export`} download>
              Export the draft (JSON)
            </a>
          </div>
          {aid.latestVersion ? null : (
            <details className="danger-zone">
              <summary>Delete this draft</summary>
              <Form method="post">
                <input type="hidden" name="revision" value={state.base} />
                <p>
                  The draft will be gone for everyone in your clinic. It has never been published.
                </p>
                <button type="submit" name="intent" value="delete" className="button-danger">
                  Yes, delete this draft
                </button>
              </Form>
            </details>
          )}
        </section>
      </div>
      <ChecksPanel checks={checked.checks} content={checked.content} />
    </div>
  );
}

/** The whole aid as one form, its fields from Conform's metadata. */
function EditorForm({
  aid,
  state,
  statusText,
  checked,
  formRef,
  onChange,
  onSubmit,
}: {
  aid: Aid;
  state: EditorSession;
  statusText: string;
  checked: CheckedAid;
  formRef: RefObject<HTMLFormElement>;
  onChange: (event: FormEvent<HTMLFormElement>) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const navigation = useNavigation();
  const [form, fields] = serverCheckedForm<AidFormShape>({
    id: EDITOR_FORM_ID,
    defaultValue: aid.content,
    lastResult: state.reply,
  });
  const formProps = getFormProps(form, { ariaDescribedBy: 'save-status' });
  const { checks, content } = checked;
  /** Reading level of each patient-facing text, by field name. */
  const grades: Grades = new Map(
    checks.readability.texts.map((text) => [fieldNameOf(text.pointer, content), text]),
  );
  const publishable = checks.blockers.length === 0;
  const busy = navigation.state === 'submitting';
  const nextVersion = (aid.latestVersion?.number ?? 0) + 1;
  const hasErrors = Object.values(form.allErrors).some((errors) => errors.length > 0);

  // A button's answer restarts the form (see EditDraft): take the author to what needs them,
  // as a page load would not leave them on a button that is gone.
  const answered = state.formVersion > 0;
  const opened = state.opened?.anchor;
  useEffect(() => {
    if (!answered) return;
    const at = opened ? document.getElementById(opened) : null;
    const target =
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      document.getElementById('conflict-heading') ??
      document.getElementById('publish-blocked') ??
      at?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select') ??
      at;
    target?.focus();
  }, [answered, opened, formRef]);

  return (
    <Form
      method="post"
      ref={formRef}
      preventScrollReset
      {...formProps}
      onInput={onChange}
      onChange={onChange}
      onSubmit={onSubmit}
      className="editor-form"
    >
      <input type="hidden" name="revision" value={state.base} />
      <div className="editor-bar">
        <p
          id="save-status"
          className={`save-status save-${state.status}`}
          role="status"
          aria-live="polite"
        >
          {statusText}
        </p>
        <button type="submit" name="intent" value="save" disabled={busy}>
          Save
        </button>
      </div>
      {hasErrors ? (
        <div className="notice notice-error" role="alert">
          {form.errors?.[0] ? (
            <p id={form.errorId}>{form.errors[0]}</p>
          ) : (
            <p>Some fields need attention. Nothing is lost: fix them and save again.</p>
          )}
        </div>
      ) : null}
      <DecisionFields fields={fields} grades={grades} />
      <GridEditor
        form={form}
        fields={fields}
        grades={grades}
        content={content}
        openRow={state.opened?.row ?? null}
      />
      <SourceFields form={form} fields={fields} />
      <AuthorshipFields form={form} fields={fields} grades={grades} />

      <section aria-labelledby="publish-heading" className="editor-section publish-section">
        <h2 id="publish-heading">Publish</h2>
        <p>
          Publishing freezes this draft as version {nextVersion}. Patients always see the version
          they were invited to; later edits make a new draft.
        </p>
        {publishable ? null : (
          <>
            <p id="publish-blockers">
              Before you can publish, fix {checks.blockers.length === 1 ? 'this' : 'these'}:
            </p>
            <ul>
              {checks.blockers.map((criterion) => (
                <li key={criterion.id}>
                  {criterionCode(criterion.id)} {criterion.title}: {criterion.explanation}
                </li>
              ))}
            </ul>
          </>
        )}
        {state.publishBlocked ? (
          <p className="field-error" role="alert" id="publish-blocked" tabIndex={-1}>
            Nothing was published: {state.publishBlocked}
          </p>
        ) : null}
        <button
          type="submit"
          name="intent"
          value="publish"
          disabled={!publishable || busy}
          aria-describedby={publishable ? undefined : 'publish-blockers'}
        >
          Save and publish version {nextVersion}
        </button>
      </section>
    </Form>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
