import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { createApp } from './api/app';
import { createOidcClient } from './auth/oidc-client';
import type { OidcSettings } from './auth/oidc-settings';
import { createAuthRoutes } from './auth/routes';
import { createTokenVerifier } from './auth/tokens';
import type { Logger } from './log';
import { createServerApp, type RemixHandler } from './server';
import { createDb } from './store/db';
import { createDynamoStore } from './store/store';

export interface ComposeOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  publicOrigin: string;
  oidc: OidcSettings;
  providerLogoutUrl?: string | undefined;
  remix: RemixHandler;
  log: Logger;
  devIssuer?: Hono | undefined;
  development?: boolean;
}

/** Wires the store, the API, sign-in and the pages into the root app: the same in Lambda and locally. */
export function composeServer(options: ComposeOptions) {
  const { doc, tableName, publicOrigin, oidc, log } = options;
  const store = createDynamoStore(createDb(doc, tableName));
  const api = createApp({ store, verifier: createTokenVerifier(oidc), log });
  const auth = createAuthRoutes({
    oidc: createOidcClient(oidc),
    apiFetch: async (input, init) => api.fetch(new Request(input, init)),
    publicOrigin,
    providerLogoutUrl: options.providerLogoutUrl,
    log,
  });
  const formTargets = options.providerLogoutUrl ? [new URL(options.providerLogoutUrl).origin] : [];
  return createServerApp({
    api,
    auth,
    devIssuer: options.devIssuer,
    remix: options.remix,
    publicOrigin,
    formTargets,
    development: options.development ?? false,
    log,
  });
}
