import { getFormProps } from '@conform-to/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { data, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { recordStatuses, type RecordStatus } from '#shared/record/lifecycle';
import { formatDate } from '../components/aid-view/aid-view';
import { Select } from '../components/field';
import { ColumnHeads } from '../components/column-heads';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';
import { readProblem } from '../lib/problems';
import { recordStatusWords } from '../lib/record-text';
import { titled } from '../lib/page-title';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta = titled('Records');

const PAGE_SIZE = 25;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const status = search.get('status') ?? '';
  const aidId = search.get('aid') ?? '';
  const cursor = search.get('cursor') ?? '';
  const api = apiClient(context);
  const [response, aids] = await Promise.all([
    api.records.$get({
      query: {
        limit: String(PAGE_SIZE),
        ...(status ? { status: status as RecordStatus } : {}),
        ...(aidId ? { aidId } : {}),
        ...(cursor ? { cursor } : {}),
      },
    }),
    // Records are only ever of published aids.
    api['published-aids'].$get().then(expectOk),
  ]);
  // A filter or cursor typed into the address: the page says so instead of failing.
  if ((response.status as number) === 422) {
    const problem = await readProblem(response);
    throw data(
      { detail: problem.errors?.[0]?.detail ?? 'This filter is not valid.' },
      { status: 400 },
    );
  }
  const page = await expectOk(response);
  return { page, aids: aids.items, filter: { status, aidId }, firstPage: !cursor };
}

/** The organisation's decision records: ready ones first, then in progress, then decided. */
export default function Records() {
  const { page, aids, filter, firstPage } = useLoaderData<typeof loader>();
  // A search form, read by the loader: Conform only names and labels its fields.
  const [form, fields] = serverCheckedForm<{ status: string; aid: string }>({
    id: 'filters',
    defaultValue: { status: filter.status, aid: filter.aidId },
  });
  const next = new URLSearchParams({
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.aidId ? { aid: filter.aidId } : {}),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  });
  const first = new URLSearchParams(next);
  first.delete('cursor');
  return (
    <>
      <h1>Records</h1>
      <p>
        A record starts when a patient opens their link. Open one in the consultation to see what
        matters to them and to decide together.
      </p>
      <Form method="get" {...getFormProps(form)} className="filters">
        <Select
          meta={fields.status}
          label="Status"
          options={[
            ['', 'Any status'],
            ...recordStatuses.map((status): [string, string] => [
              status,
              recordStatusWords[status],
            ]),
          ]}
        />
        <Select
          meta={fields.aid}
          label="Decision aid"
          options={[['', 'Any aid'], ...aids.map((aid): [string, string] => [aid.id, aid.title])]}
        />
        <button type="submit" className="button-secondary">
          Show
        </button>
      </Form>
      {page.items.length === 0 ? (
        <p>{firstPage ? 'No records match.' : 'No more records.'}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Records, ready ones first</caption>
            <ColumnHeads columns={['Clinic reference', 'Aid', 'Status', 'Since', 'Started']} />
            <tbody>
              {page.items.map((record) => (
                <tr key={record.id}>
                  <td>
                    <Link to={`/records/${record.id}`}>
                      {record.clinicReference ?? 'No reference'}
                      <span className="visually-hidden">, open the record</span>
                    </Link>
                  </td>
                  <td>
                    {record.aidTitle} (v{record.aidVersion})
                  </td>
                  <td>
                    <span className={`badge status-${record.status}`}>
                      {recordStatusWords[record.status]}
                    </span>
                  </td>
                  <td>{formatDate(record.statusAt)}</td>
                  <td>{formatDate(record.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages of records" className="button-row">
        {firstPage ? null : <Link to={`/records?${first.toString()}`}>First page</Link>}
        {page.nextCursor ? <Link to={`/records?${next.toString()}`}>Next page</Link> : null}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
