import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, Hono } from 'hono';
import { createApp } from '../api/app';
import { createOidcClient } from '../auth/oidc-client';
import type { OidcSettings } from '../auth/oidc-settings';
import type { RecordPdfRenderer } from '../exports/record-pdf-renderer';
import { createPatientLinkRoutes } from '../auth/patient-link-routes';
import type { MemberDirectory } from '../auth/member-directory';
import { createAuthRoutes } from '../auth/routes';
import { createTokenVerifier } from '../auth/tokens';
import type { Logger } from '../log/logger';
import { platformClientAddress } from './client-address';
import { RateLimits } from './rate-limits';
import { createServerApp, type RemixHandler } from './server';
import { createDb } from '../store/db';
import { createDynamoStore } from '../store/store';

export interface ComposeOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  publicOrigin: string;
  oidc: OidcSettings;
  providerLogoutUrl?: string | undefined;
  remix: RemixHandler;
  /** The PDF renderer, loaded on first export: bundled apart in Lambda, from source locally. */
  loadPdfRenderer: () => Promise<RecordPdfRenderer>;
  log: Logger;
  devIssuer?: Hono | undefined;
  /** Members' accounts at the identity provider: Cognito in AWS, the development issuer's locally. */
  memberDirectory?: MemberDirectory | undefined;
  development?: boolean;
  /** The clock; tests move it to see expiry. */
  now?: () => Date;
  /** Per-address limits (defaults when unset), or "off". */
  rateLimits?: RateLimits | 'off';
  /** Where a request came from; the platform's own record by default. */
  clientAddress?: (c: Context) => string | undefined;
}

/** Wires the store, the API, sign-in and the pages into the root app: the same in Lambda and locally. */
export function composeServer(options: ComposeOptions) {
  const { doc, tableName, publicOrigin, oidc, log } = options;
  const store = createDynamoStore(createDb(doc, tableName, options.now));
  const api = createApp({
    store,
    verifier: createTokenVerifier(oidc),
    log,
    publicOrigin,
    loadPdfRenderer: options.loadPdfRenderer,
    ...(options.memberDirectory ? { memberDirectory: options.memberDirectory } : {}),
  });
  const apiFetch = async (input: string | URL | Request, init?: RequestInit) =>
    api.fetch(new Request(input, init));
  const auth = createAuthRoutes({
    oidc: createOidcClient(oidc),
    apiFetch,
    publicOrigin,
    providerLogoutUrl: options.providerLogoutUrl,
    log,
  });
  const formTargets = options.providerLogoutUrl ? [new URL(options.providerLogoutUrl).origin] : [];
  return createServerApp({
    api,
    auth,
    patientLinks: createPatientLinkRoutes({ apiFetch, publicOrigin }),
    devIssuer: options.devIssuer,
    remix: options.remix,
    publicOrigin,
    formTargets,
    development: options.development ?? false,
    log,
    rateLimits: {
      limits: options.rateLimits ?? RateLimits.parse({}),
      store: store.rateLimits,
      clientAddress: options.clientAddress ?? platformClientAddress,
    },
  });
}
