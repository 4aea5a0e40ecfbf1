import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { PageError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';

/** The clinician's pages: signed in, with their organisation in the header. */
export async function loader({ context }: LoaderFunctionArgs) {
  return expectOk(await apiClient(context).me.$get());
}

export default function ClinicLayout() {
  const me = useLoaderData<typeof loader>();
  return (
    <>
      <header className="site-header">
        <p className="brand">
          <a href="/">Decide Together</a>
        </p>
        <nav aria-label="Main">
          <ul className="main-nav">
            <li>
              <NavLink to="/" end>
                Decision aids
              </NavLink>
            </li>
            <li>
              <NavLink to="/invitations">Invitations</NavLink>
            </li>
            <li>
              <NavLink to="/records">Records</NavLink>
            </li>
            {me.clinician.role === 'admin' ? (
              <li>
                <NavLink to="/members">Members</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <p className="who">
          {me.clinician.name} · <span>{me.organisation.name}</span>
        </p>
        <Form method="post" action="/auth/signout" reloadDocument>
          <button type="submit" className="button-secondary">
            Sign out
          </button>
        </Form>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
