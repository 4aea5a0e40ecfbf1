import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  makeProblem,
  PROBLEM_CONTENT_TYPE,
  problemKinds,
  type Problem,
  type ProblemKind,
} from '#shared/problem';
import { describeError, redactPath } from '../log';
import { InvalidCursorError } from '../store/cursor';
import { StoreUnavailableError } from '../store/errors';
import type { ApiDeps, ApiEnv } from './env';
import { openApiDocument, type Operation } from './openapi';
import { ProblemError } from './problem-error';
import { aidOperations, aids } from './routes/aids';
import { health, healthOperations } from './routes/health';
import { invitationOperations, invitations } from './routes/invitations';
import { me, meOperations } from './routes/me';
import { patient, patientOperations } from './routes/patient';
import { recordOperations, records } from './routes/records';
import { sessionOperations, sessions } from './routes/sessions';

export const operations: readonly Operation[] = [
  ...healthOperations,
  ...meOperations,
  ...sessionOperations,
  ...aidOperations,
  ...invitationOperations,
  ...recordOperations,
  ...patientOperations,
];

const defaults = {
  sessionLifetimeSeconds: 8 * 60 * 60,
  // The largest aid (300 KB of content) with room for the request around it.
  bodyLimitBytes: 512 * 1024,
};

/**
 * The JSON API, mounted at /api. Every rule (auth, organisation scope,
 * validation) lives here once; the web app reaches it in-process.
 */
export function createApp(deps: ApiDeps) {
  const resolved: Required<ApiDeps> = { ...defaults, ...deps };
  const { log } = resolved;
  const openApi = openApiDocument(operations);

  const app = new Hono<ApiEnv>()
    .basePath('/api')
    .use(requestId())
    .use(async (c, next) => {
      c.set('deps', resolved);
      const started = performance.now();
      await next();
      c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
      log.info('api request', {
        requestId: c.var.requestId,
        method: c.req.method,
        path: redactPath(c.req.path),
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    })
    .use(async (c, next) => {
      // A browser says where a request comes from; a cookie-carried change sent
      // from another site is refused. Scripts with a bearer token are unaffected.
      const site = c.req.header('sec-fetch-site');
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
      if (unsafe && site && site !== 'same-origin' && !c.req.header('authorization')) {
        throw new ProblemError('forbidden', {
          detail: 'Changes from other sites are not accepted.',
        });
      }
      await next();
    })
    .use(
      bodyLimit({
        maxSize: resolved.bodyLimitBytes,
        onError: () => {
          throw new ProblemError('payload-too-large', {
            detail: `Send at most ${Math.round(resolved.bodyLimitBytes / 1024)} KB.`,
          });
        },
      }),
    )
    .get('/openapi.json', (c) => c.json(openApi))
    .route('/health', health)
    .route('/me', me)
    .route('/sessions', sessions)
    .route('/aids', aids)
    .route('/invitations', invitations)
    .route('/records', records)
    .route('/patient', patient);

  // Mounted apps do not inherit notFound, so unknown API paths end here, as problem+json.
  app.all('*', () => {
    throw new ProblemError('not-found', { detail: 'There is no such API route.' });
  });
  app.onError((error, c) => respondWithProblem(error, c, resolved));
  return app;
}

export type ApiApp = ReturnType<typeof createApp>;

const statusKinds = new Map<number, ProblemKind>(
  Object.entries(problemKinds).map(([kind, { status }]) => [status, kind as ProblemKind]),
);

function respondWithProblem(
  error: Error,
  c: Context<ApiEnv>,
  { log }: Required<ApiDeps>,
): Response {
  let problem: Problem;
  let headers: Record<string, string> = {};
  const requestId = c.var.requestId;
  if (error instanceof ProblemError) {
    const { headers: extraHeaders = {}, ...extra } = error.options;
    problem = makeProblem(error.kind, { ...extra, requestId });
    headers = extraHeaders;
  } else if (error instanceof InvalidCursorError) {
    problem = makeProblem('validation-failed', {
      errors: [
        { pointer: '/cursor', detail: 'This cursor is not valid. Start from the first page.' },
      ],
      requestId,
    });
  } else if (error instanceof HTTPException && error.status < 500) {
    const kind = statusKinds.get(error.status) ?? 'bad-request';
    problem = makeProblem(kind, { detail: error.message || undefined, requestId });
  } else if (error instanceof StoreUnavailableError) {
    log.warn('store unavailable', { requestId, ...describeError(error.cause) });
    problem = makeProblem('unavailable', { detail: 'Please try again in a moment.', requestId });
    headers = { 'Retry-After': '2' };
  } else {
    log.error('unhandled error', { requestId, route: c.req.routePath, ...describeError(error) });
    problem = makeProblem('internal', { detail: 'The fault has been logged.', requestId });
  }
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
  });
}
