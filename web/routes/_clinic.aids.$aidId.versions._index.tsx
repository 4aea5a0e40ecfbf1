import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { ChangeList } from '../components/change-list';
import { ColumnHeads } from '../components/column-heads';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';

const when = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const api = apiClient(context).aids[':aidId'];
  const param = { aidId: params.aidId ?? '' };
  const search = new URL(request.url).searchParams;
  const versions = await expectOk(await api.versions.$get({ param, query: { limit: '100' } }));
  const from = search.get('from');
  const to = search.get('to') ?? 'draft';
  const diff = from ? await expectOk(await api.diff.$get({ param, query: { from, to } })) : null;
  return { versions: versions.items, diff, from, to };
}

export default function Versions() {
  const { versions, diff, from, to } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const published = search.get('published');
  const sideName = (side: string | null) => (side === 'draft' ? 'the draft' : `version ${side}`);
  return (
    <>
      {published ? (
        <p className="notice notice-success" role="status">
          Published as version {published}. Patients invited to it will always see this version.
        </p>
      ) : null}
      <h2>Published versions</h2>
      {versions.length === 0 ? (
        <p>Nothing is published yet. Publish the draft from the editor when the checks allow it.</p>
      ) : (
        <table className="data-table">
          <ColumnHeads columns={['Version', 'Published', 'By', 'Content fingerprint']} />
          <tbody>
            {versions.map((version) => (
              <tr key={version.number}>
                <td>
                  <Link to={`${version.number}`}>Version {version.number}</Link>
                </td>
                <td>
                  <time dateTime={version.publishedAt}>
                    {when.format(new Date(version.publishedAt))} UTC
                  </time>
                </td>
                <td>{version.publishedBy.name}</td>
                <td>
                  <code title="SHA-256 of the content">{version.contentHash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {versions.length > 0 ? (
        <section aria-labelledby="compare-heading" className="editor-section">
          <h2 id="compare-heading">Compare</h2>
          <Form method="get" className="inline-fields">
            <VersionSelect
              name="from"
              label="From"
              versions={versions}
              defaultValue={from ?? String(versions[versions.length - 1]?.number)}
            />
            <VersionSelect name="to" label="To" versions={versions} defaultValue={to} draft />
            <button type="submit" className="button-secondary">
              Compare
            </button>
          </Form>
          {diff ? (
            <>
              <h3>
                From {sideName(from)} to {sideName(to)}
              </h3>
              {diff.identical ? (
                <p>They are the same.</p>
              ) : (
                <ChangeList
                  changes={diff.changes}
                  beforeLabel={`In ${sideName(from)}`}
                  afterLabel={`In ${sideName(to)}`}
                />
              )}
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** A choice of one published version (or, with `draft`, the current draft), to compare. */
function VersionSelect({
  name,
  label,
  versions,
  defaultValue,
  draft = false,
}: {
  name: 'from' | 'to';
  label: string;
  versions: Array<{ number: number }>;
  defaultValue: string | undefined;
  draft?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} defaultValue={defaultValue}>
        {draft ? <option value="draft">The current draft</option> : null}
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            Version {v.number}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
