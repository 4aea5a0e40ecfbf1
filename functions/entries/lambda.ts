/**
 * The server Lambda: API Gateway HTTP API events in, the root app (API and
 * Remix pages) out. Everything here runs once per cold start.
 */
import { fileURLToPath } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { composeServer } from '../app/compose';
import { readRateLimits } from '../app/rate-limits';
import type * as CognitoDirectory from '../auth/cognito-directory';
import { cognitoMemberDirectory } from '../auth/member-directory';
import { readLambdaEnv } from './lambda-env';
import type * as Pages from './pages';
import { pdfRendererLoader } from '../exports/pdf-loader';
import { createLambdaLogger } from '../log/lambda-logger';
import { describeError } from '../log/logger';
import { createDynamoClients } from '../store/db';
import { cameThroughCloudFront, notThroughCloudFront } from './lambda-origin';
import { tracedDocumentClient } from './lambda-tracing';

const env = readLambdaEnv(process.env);
// Powertools' Logger behind the project's Logger: request id and trace id on every line.
const log = createLambdaLogger({ level: env.LOG_LEVEL, serviceName: env.POWERTOOLS_SERVICE_NAME });
// The DynamoDB client captured by X-Ray when the function traces (never locally or in tests).
const doc = tracedDocumentClient(
  createDynamoClients({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
  {
    tracing: env.TRACING === 'active',
    serviceName: env.POWERTOOLS_SERVICE_NAME,
    onError: (error) => log.warn('tracing not loaded', describeError(error)),
  },
);
// Pages are a chunk of their own (scripts/bundle-server.ts splits the bundle), imported
// on the first page request: an API request's cold start never loads React.
let pages: Promise<typeof Pages> | undefined;
const userPoolId = env.COGNITO_USER_POOL_ID;

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
  remix: async (request, context) =>
    (await (pages ??= import('./pages'))).handlePage(request, context),
  // Beside this bundle (scripts/bundle-server.ts), and imported by its address so
  // that esbuild leaves it out: only an export pays for loading it.
  loadPdfRenderer: pdfRendererLoader(
    () => import(new URL('./record-pdf.mjs', import.meta.url).href),
    fileURLToPath(new URL('./fonts/', import.meta.url)),
  ),
  log,
  // Beside this bundle too, and loaded by the first change to the members (ADR 17).
  memberDirectory: userPoolId
    ? cognitoMemberDirectory(async () => {
        const module = (await import(
          new URL('./cognito-directory.mjs', import.meta.url).href
        )) as typeof CognitoDirectory;
        return module.createCognitoDirectory({ userPoolId });
      })
    : undefined,
  rateLimits: readRateLimits(env.RATE_LIMITS),
});

const handleRequest = handle(app);
type Event = Parameters<typeof handleRequest>[0];
type Context = Parameters<typeof handleRequest>[1];

export const handler = async (event: Event, context: Context) => {
  log.startInvocation(context);
  if (
    env.ORIGIN_VERIFY_SECRET !== undefined &&
    !cameThroughCloudFront(
      event as { headers?: Record<string, string | undefined> },
      env.ORIGIN_VERIFY_SECRET,
    )
  ) {
    log.warn('request refused: not through CloudFront', { status: 403 });
    return notThroughCloudFront;
  }
  return handleRequest(event, context);
};
