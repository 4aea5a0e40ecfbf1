import {
  Form,
  useActionData,
  useNavigation,
  useParams,
  useRouteLoaderData,
  useSearchParams,
} from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { useMemo, useRef } from 'react';
import { contentToFormValues, type AidFormValues } from '#shared/aid-form';
import type { Aid } from '#shared/aids';
import {
  AuthorshipFields,
  DecisionFields,
  SourceFields,
} from '../../components/editor/details-fields';
import { ChecksPanel } from '../../components/editor/checks-panel';
import { GridEditor } from '../../components/editor/grid-editor';
import { RouteError } from '../../components/route-error';
import { useFocusAnchorOnNavigation } from '../../lib/use-focus';
import type { loader as aidLoader } from '../_clinic.aids.$aidId';
import { ConflictNotice } from './conflict-notice';
import { editorAction } from './editor.server';
import { checksFor, useEditorSession } from './use-editor-session';

export const action = (args: ActionFunctionArgs) => editorAction(args);

export default function EditDraftPage() {
  const [search] = useSearchParams();
  const { aidId } = useParams();
  // Another aid (after Duplicate), or the saved version chosen over one's own, starts the editor afresh.
  return <EditDraft key={`${aidId}:${search.get('reload') ?? ''}`} />;
}

function EditDraft() {
  const aid = useRouteLoaderData<typeof aidLoader>('routes/_clinic.aids.$aidId') as Aid;
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAnchorOnNavigation();

  // What the form shows: what was sent back with errors or a conflict, else the saved draft.
  const submitted = result && 'values' in result ? result.values : undefined;
  const values: AidFormValues = useMemo(
    () => submitted ?? contentToFormValues(aid.content),
    [submitted, aid.content],
  );
  const session = useEditorSession({ formRef, aid, result, initialValues: values });
  const checks =
    session.checks ?? checksFor(values) ?? checksFor(contentToFormValues(aid.content))!;
  const errors = session.errors;
  const publishable = checks.blockers.length === 0;
  const busy = navigation.state === 'submitting';
  const nextVersion = (aid.latestVersion?.number ?? 0) + 1;

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
        {session.conflict ? (
          <ConflictNotice conflict={session.conflict} mine={session.conflictValues} />
        ) : null}

        <Form
          method="post"
          ref={formRef}
          noValidate
          preventScrollReset
          onInput={session.onChange}
          onChange={session.onChange}
          onSubmit={session.onSubmit}
          className="editor-form"
          id="editor-form"
          aria-describedby="save-status"
        >
          <input type="hidden" name="revision" value={session.revision} />
          <div className="editor-bar">
            <p
              id="save-status"
              className={`save-status save-${session.status.kind}`}
              role="status"
              aria-live="polite"
            >
              {session.status.text}
            </p>
            <button type="submit" name="intent" value="save" disabled={busy}>
              Save
            </button>
          </div>
          {Object.keys(errors).length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p>Some fields need attention. Nothing is lost: fix them and save again.</p>
            </div>
          ) : null}
          <DecisionFields values={values} errors={errors} grades={session.grades(checks)} />
          <GridEditor values={values} errors={errors} grades={session.grades(checks)} />
          <SourceFields values={values} errors={errors} />
          <AuthorshipFields values={values} errors={errors} />

          <section aria-labelledby="publish-heading" className="editor-section publish-section">
            <h2 id="publish-heading">Publish</h2>
            <p>
              Publishing freezes this draft as version {nextVersion}. Patients always see the
              version they were invited to; later edits make a new draft.
            </p>
            {publishable ? null : (
              <>
                <p id="publish-blockers">
                  Before you can publish, fix {checks.blockers.length === 1 ? 'this' : 'these'}:
                </p>
                <ul>
                  {checks.blockers.map((criterion) => (
                    <li key={criterion.id}>
                      {criterion.id} {criterion.title}: {criterion.explanation}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {result?.kind === 'publish-blocked' ? (
              <p className="field-error" role="alert">
                Nothing was published: {result.message}
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
                <input type="hidden" name="revision" value={session.revision} />
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
      <ChecksPanel checks={checks} values={session.liveValues ?? values} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
