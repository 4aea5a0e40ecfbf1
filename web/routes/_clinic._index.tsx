import { Link, useLoaderData, type MetaFunction } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';

export const meta: MetaFunction = () => [{ title: 'Decision aids · Decide Together' }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined;
  return expectOk(
    await apiClient(context).aids.$get({ query: { limit: '25', ...(cursor ? { cursor } : {}) } }),
  );
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export default function AidList() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Decision aids</h1>
      {page.items.length === 0 ? (
        <p>Your organisation has no decision aids yet.</p>
      ) : (
        <ul className="aid-list">
          {page.items.map((aid) => (
            <li key={aid.id} className="aid-card">
              <h2>{aid.title}</h2>
              <p>{aid.condition}</p>
              <p className="aid-meta">
                <span className="badge">{aid.status === 'draft' ? 'Draft' : 'Published'}</span>
                {aid.demonstration ? (
                  <span className="badge badge-warning">Demonstration content</span>
                ) : null}
                <span>
                  Updated{' '}
                  <time dateTime={aid.updatedAt}>{dateFormat.format(new Date(aid.updatedAt))}</time>
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
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
