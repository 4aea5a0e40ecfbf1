import {
  NavLink,
  Outlet,
  useLoaderData,
  type MetaFunction,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { RouteError } from '../components/route-error';
import { readAid } from '../lib/aid.server';

/** One aid's pages: the editor, the patient preview and the versions share this header. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  return readAid(context, params.aidId ?? '');
}

/**
 * Opening the editor reads the aid again with the editor's checks (its
 * loader), in the same request: the form and the checks are of one content.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) =>
  defaultShouldRevalidate ||
  (currentUrl.pathname !== nextUrl.pathname && /^\/aids\/[^/]+\/?$/.test(nextUrl.pathname));

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title || 'Untitled aid'} · Decide Together` },
];

export default function AidPages() {
  const aid = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <a href="/">Decision aids</a>
      </p>
      <header className="aid-header">
        <h1>{aid.title || 'Untitled aid'}</h1>
        <p className="aid-meta">
          {aid.latestVersion ? (
            <span className="badge badge-success">
              Published: version {aid.latestVersion.number}
            </span>
          ) : (
            <span className="badge">Draft, not published</span>
          )}
          {aid.latestVersion && aid.hasUnpublishedChanges ? (
            <span className="badge">Draft has unpublished changes</span>
          ) : null}
          {aid.demonstration ? (
            <span className="badge badge-warning">
              Demonstration content — not for clinical use
            </span>
          ) : null}
        </p>
        <nav aria-label="This aid">
          <ul className="tabs">
            <li>
              <NavLink to={`/aids/${aid.id}`} end>
                Edit draft
              </NavLink>
            </li>
            <li>
              <NavLink to={`/aids/${aid.id}/preview`}>Preview as a patient</NavLink>
            </li>
            <li>
              <NavLink to={`/aids/${aid.id}/versions`}>Versions</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
