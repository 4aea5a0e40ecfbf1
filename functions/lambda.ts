/**
 * The server Lambda: API Gateway HTTP API events in, the root app (API and
 * Remix pages) out. Everything here runs once per cold start.
 */
import { createRequestHandler } from '@remix-run/server-runtime';
import { handle } from 'hono/aws-lambda';
import * as build from 'virtual:remix/server-build';
import { composeServer } from './compose';
import { readLambdaEnv } from './config';
import { createLogger } from './log';
import { createDynamoClients } from './store/db';

const env = readLambdaEnv(process.env);
const log = createLogger({ level: env.LOG_LEVEL });
const { doc } = createDynamoClients({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
const remix = createRequestHandler(build, 'production');

const app = composeServer({
  doc,
  tableName: env.TABLE_NAME,
  publicOrigin: env.PUBLIC_ORIGIN,
  oidc: {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    fetch: (input, init) => fetch(input, init),
  },
  providerLogoutUrl: env.OIDC_LOGOUT_URL,
  remix: (request, context) => remix(request, context),
  log,
});

export const handler = handle(app);
