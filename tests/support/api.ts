import { createApp } from '#functions/api/app';
import type { MemberDirectory } from '#functions/auth/member-directory';
import { createDevDirectory, type DevDirectory } from '#functions/dev/dev-directory';
import { createDevIssuer, type DevAccount } from '#functions/dev/issuer';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { createTokenVerifier } from '#functions/auth/tokens';
import { devAccounts } from '#functions/dev/seed';
import { createLogger } from '#functions/log/logger';
import type { Store } from '#functions/store/store';
import { seededTable } from './store';

export const ORIGIN = 'http://localhost:3000';
export const CLIENT_ID = 'test-client';

/** Log lines the code under test wrote, parsed. */
export function captureLogs() {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return {
    log,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * The real API on a fresh DynamoDB Local table with the seed, and the real
 * development issuer for tokens, verified through its JWKS like Cognito's.
 * Invited members get the issuer's accounts (the development directory), unless
 * a test gives its own directory; `accounts` are more for the issuer to sign in.
 */
export async function seededApi(
  options: {
    store?: (store: Store) => Store;
    accounts?: DevAccount[];
    memberDirectory?: (dev: DevDirectory) => MemberDirectory;
  } = {},
) {
  const table = await seededTable();
  const directory = createDevDirectory(table.db, [...devAccounts, ...(options.accounts ?? [])]);
  const issuer = await createDevIssuer({
    publicOrigin: ORIGIN,
    clientId: CLIENT_ID,
    accounts: directory.accounts,
  });
  const issuerFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    return issuer.app.request(url.pathname.replace(/^\/dev/, '') + url.search, init);
  };
  const logs = captureLogs();
  const store = options.store ? options.store(table.store) : table.store;
  const app = createApp({
    store,
    verifier: createTokenVerifier({
      issuer: issuer.issuer,
      clientId: CLIENT_ID,
      fetch: issuerFetch,
    }),
    log: logs.log,
    publicOrigin: ORIGIN,
    loadPdfRenderer: loadLocalPdfRenderer,
    memberDirectory: options.memberDirectory?.(directory) ?? directory,
  });

  async function tokenFor(email: string): Promise<string> {
    const response = await issuer.app.request('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  }

  async function as(email: string) {
    const token = await tokenFor(email);
    return (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
  }

  return { app, table, issuer, directory, logs, tokenFor, as };
}

/** A request with a JSON body. */
export const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const DEMO = 'clinician@demo.example';
export const OTHER = 'clinician@other.example';
