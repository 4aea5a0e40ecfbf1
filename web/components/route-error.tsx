import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { statusMessage } from '../lib/problem-messages';

/** The error boundary every route exports: a plain message, a way back, no internals. */
export function RouteError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { title, detail } = statusMessage(status);
  return (
    <section className="route-error" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}
