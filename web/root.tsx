import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type MetaFunction,
} from '@remix-run/react';
import type { LinksFunction } from '@remix-run/server-runtime';
import type { ReactNode } from 'react';
import { RouteError } from './components/route-error';
import { useNonce } from './lib/nonce';
import { statusMessage } from './lib/problem-messages';
import styles from './styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: 'data:,' },
];

/** Routes set their own titles; this one names error pages. */
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: 'Decide Together' }];
  const { title } = statusMessage(isRouteErrorResponse(error) ? error.status : 500);
  return [{ title: `${title} · Decide Together` }];
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page">
      <RouteError />
    </main>
  );
}
