import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';
import type { Hono } from 'hono';
import { composeServer, type ComposeOptions } from '#functions/app/compose';
import type { RemixHandler } from '#functions/app/server';
import { createDevIssuer } from '#functions/dev/issuer';
import { devAccounts } from '#functions/dev/seed';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { captureLogs, CLIENT_ID, ORIGIN } from './api';
import { seededTable, type Table } from './store';

let buildPromise: Promise<ServerBuild> | undefined;

/** The production Remix build that `npm run build` makes (npm test runs it first). */
export function loadBuild(): Promise<ServerBuild> {
  buildPromise ??= (async () => {
    const file = path.resolve('build/server/index.js');
    if (!existsSync(file))
      throw new Error('No Remix build: run `npm run build` first (npm test does).');
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild;
  })();
  return buildPromise;
}

/** The pages as Lambda serves them: Remix's server renderer of the production build. */
export async function remixPages(): Promise<RemixHandler> {
  const remix = createRequestHandler(await loadBuild(), 'production');
  return (request, context) => remix(request, context);
}

/** A stand-in page that, like a Remix loader, asks the API in-process who is signed in. */
export const whoIsSignedInPage: RemixHandler = async (_request, context) => {
  const me = await context.apiFetch('http://api.internal/api/me');
  return new Response(me.ok ? JSON.stringify(await me.json()) : `signed out (${me.status})`);
};

export interface RootAppOptions extends Partial<
  Omit<ComposeOptions, 'oidc' | 'devIssuer' | 'publicOrigin' | 'tableName'>
> {
  remix: RemixHandler;
  /** A table seeded already; a fresh seeded one (on the app's clock) otherwise. */
  table?: Pick<Table, 'doc' | 'tableName'>;
  /** Where the site says it is: links and form origins. */
  publicOrigin?: string;
  clientId?: string;
  /** Whom the development issuer signs in: the seed's clinicians unless said. */
  accounts?: Parameters<typeof createDevIssuer>[0]['accounts'];
}

/**
 * The root app as the dev server composes it (store, API, sign-in routes and
 * the given pages) with the development issuer, whose discovery document and
 * JWKS are fetched in-process through the app itself.
 */
export async function rootApp({
  table: given,
  publicOrigin = ORIGIN,
  clientId = CLIENT_ID,
  accounts = devAccounts,
  ...compose
}: RootAppOptions) {
  const table = given ?? (await seededTable(compose.now));
  const logs = captureLogs();
  const issuer = await createDevIssuer({ publicOrigin, clientId, accounts });
  const root: Hono = composeServer({
    doc: table.doc,
    tableName: table.tableName,
    loadPdfRenderer: loadLocalPdfRenderer,
    log: logs.log,
    ...compose,
    publicOrigin,
    oidc: {
      issuer: issuer.issuer,
      clientId,
      fetch: async (input, init) => root.fetch(new Request(input, init)),
    },
    devIssuer: issuer.app,
  });
  /** A request to the root app at the public origin, as a browser sends it. */
  const request = async (url: string, init: RequestInit = {}) =>
    root.request(`${publicOrigin}${url}`, init);
  return { root, request, table, issuer, logs };
}

/** The development issuer's tokens (access and ID) for one of its accounts. */
export async function tokensFor(
  issuer: { app: Hono },
  email: string,
): Promise<{ access_token: string; id_token: string }> {
  const response = await issuer.app.request('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (response.status !== 200) throw new Error(`No token for ${email}: ${response.status}`);
  return (await response.json()) as { access_token: string; id_token: string };
}

/** The `name=value` of a cookie the response sets. */
export function cookieFrom(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];
}

/**
 * Signs in as a browser does, step by step: the sign-in route, the issuer's
 * chooser, the account chosen there, and the callback with the sign-in cookie.
 */
export async function browserSignIn(
  request: (url: string, init?: RequestInit) => Promise<Response>,
  email: string,
) {
  const start = await request('/auth/signin');
  const authorize = new URL(start.headers.get('location')!);
  const signinCookie = cookieFrom(start, 'dt_signin')!;
  const chooser = await request(authorize.pathname + authorize.search);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('email', email);
  const chosen = await request('/dev/authorize', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: form,
  });
  const callback = new URL(chosen.headers.get('location')!);
  const done = await request(callback.pathname + callback.search, {
    headers: { cookie: signinCookie },
  });
  return { start, authorize, signinCookie, chooser, chosen, callback, done };
}
