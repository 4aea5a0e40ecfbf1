import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { statusMessage } from '../lib/problem-messages';

/** The error boundary every route exports: a plain message, a way back, no internals. */
export function RouteError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { title, detail } = statusMessage(status);
  // A loader may say what was wrong (such as a filter in the address); never for a fault.
  const said =
    isRouteErrorResponse(error) && status < 500
      ? (error.data as { detail?: unknown } | null)?.detail
      : undefined;
  return (
    <section className="route-error" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{typeof said === 'string' ? said : detail}</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}

/** The error boundary of a page that has no frame of its own around it: the message as the page's main. */
export function PageError() {
  return (
    <main id="main" className="page">
      <RouteError />
    </main>
  );
}
