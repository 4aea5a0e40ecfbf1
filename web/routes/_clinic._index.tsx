import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/server-runtime';
import * as z from 'zod';
import { NewAid, type AidExport, type AidSummary } from '#shared/aid/aids';
import { aidLimits } from '#shared/aid/limits';
import { Field, FormError, limitsOf, TextInput } from '../components/field';
import { IntentButton } from '../components/intent-button';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk, pageQuery } from '../lib/api.server';
import { postedForm } from '../lib/form-data.server';
import { group, text } from '../lib/form-values';
import { readSmallForm, refusedFieldsReply } from '../lib/forms.server';
import { readProblem } from '../lib/problems';
import { titled } from '../lib/page-title';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta = titled('Decision aids');

export async function loader({ context, request }: LoaderFunctionArgs) {
  return expectOk(await apiClient(context).aids.$get({ query: pageQuery(request, 25) }));
}

type ActionResult =
  | { form: 'create'; reply: SubmissionResult<string[]> }
  | {
      form: 'import';
      error: string;
      problems: Array<{ where: string; detail: string }>;
    };

const MAX_IMPORT_BYTES = 250 * 1024;

/** The new-aid form: a title and the condition, as typed. */
const NewAidForm = z.preprocess((payload) => {
  const fields = group(payload);
  return { title: text(fields['title']), condition: text(fields['condition']) };
}, NewAid);

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await postedForm(request);
  const api = apiClient(context);
  if (form.get('intent') === 'import') {
    const file = form.get('file');
    const fail = (message: string, problems: Array<{ where: string; detail: string }> = []) =>
      data<ActionResult>({ form: 'import', error: message, problems }, { status: 422 });
    if (!(file instanceof File) || file.size === 0)
      return fail('Choose an aid file (.json) to import.');
    if (file.size > MAX_IMPORT_BYTES)
      return fail('This file is too large to be an aid file (over 250 KB).');
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return fail('This file is not a JSON aid file. Choose a file exported from Decide Together.');
    }
    // The API checks every field; the file is only passed on.
    const response = await api.aids.import.$post({ json: parsed as AidExport });
    if (response.status === 201) throw redirect(`/aids/${(await response.json()).id}?imported=1`);
    if (response.status !== 422) await expectOk(response);
    const problem = await readProblem(response);
    return fail(
      'This file could not be imported. Nothing was saved. Fix these problems in the file and try again:',
      (problem.errors ?? []).map((e) => ({ where: e.pointer || 'the file', detail: e.detail })),
    );
  }

  const invalid = (reply: SubmissionResult<string[]>) =>
    data<ActionResult>({ form: 'create', reply }, { status: 422 });
  const parsed = readSmallForm(form, NewAidForm, 10);
  if (!parsed.ok) return invalid(parsed.reply);
  const response = await api.aids.$post({ json: parsed.value });
  if (response.status === 201) throw redirect(`/aids/${(await response.json()).id}`);
  if (response.status !== 422) await expectOk(response);
  return invalid(await refusedFieldsReply(response, parsed));
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

function AidStatus({ aid }: { aid: AidSummary }) {
  if (!aid.latestVersion) return <span className="badge">Draft, not published</span>;
  return (
    <>
      <span className="badge badge-success">Published: version {aid.latestVersion.number}</span>
      {aid.hasUnpublishedChanges ? (
        <span className="badge">Draft has unpublished changes</span>
      ) : null}
    </>
  );
}

export default function AidList() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = serverCheckedForm<{ title: string; condition: string }>({
    id: 'new-aid-form',
    lastResult: result?.form === 'create' ? result.reply : undefined,
  });
  const limited = limitsOf(fields, aidLimits);
  const imported = result?.form === 'import' ? result : undefined;
  return (
    <>
      <h1>Decision aids</h1>
      {page.items.length === 0 ? (
        <p>Your organisation has no decision aids yet. Start one below.</p>
      ) : (
        <ul className="aid-list">
          {page.items.map((aid) => (
            <li key={aid.id} className="aid-card">
              <h2>
                <Link to={`/aids/${aid.id}`}>{aid.title || 'Untitled aid'}</Link>
              </h2>
              <p>{aid.condition}</p>
              <p className="aid-meta">
                <AidStatus aid={aid} />
                {aid.demonstration ? (
                  <span className="badge badge-warning">Demonstration content</span>
                ) : null}
                <span>
                  Updated{' '}
                  <time dateTime={aid.updatedAt}>{dateFormat.format(new Date(aid.updatedAt))}</time>{' '}
                  by {aid.updatedBy.name}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p>
          <Link to={`?cursor=${encodeURIComponent(page.nextCursor)}`}>More decision aids</Link>
        </p>
      ) : null}

      <div className="two-columns">
        <section aria-labelledby="new-aid" className="panel">
          <h2 id="new-aid">Start a new aid</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormError form={form} />
            <TextInput
              label="Title"
              hint="For example: Knee pain: what are my options?"
              {...limited('title')}
            />
            <TextInput label="Health condition" {...limited('condition')} />
            <IntentButton intent="create">Start the aid</IntentButton>
          </Form>
        </section>

        <section aria-labelledby="import-aid" className="panel">
          <h2 id="import-aid">Import an aid</h2>
          <Form method="post" encType="multipart/form-data" noValidate>
            {/* A file, passed to the API as it is: no form fields for Conform to read. */}
            <Field
              meta={{
                id: 'import-file',
                errorId: 'import-file-error',
                descriptionId: 'import-file-description',
                errors: imported ? [imported.error] : undefined,
              }}
              label="Aid file (.json)"
              hint="A file exported from Decide Together. It becomes a new draft."
            >
              {(props) => (
                <input {...props} name="file" type="file" accept=".json,application/json" />
              )}
            </Field>
            {imported && imported.problems.length > 0 ? (
              <ul className="problem-list" aria-label="Problems in the file">
                {imported.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.where}</code>: {p.detail}
                  </li>
                ))}
              </ul>
            ) : null}
            <IntentButton intent="import" className="button-secondary">
              Import
            </IntentButton>
          </Form>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
