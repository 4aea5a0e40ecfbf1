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
import { MemberDirectoryUnavailableError, noMemberDirectory } from '../auth/member-directory';
import { describeError, redactPath } from '../log/logger';
import { StoreUnavailableError } from '../store/errors';
import type { ApiDeps, ApiEnv } from './env';
import { openApiDocument } from './openapi';
import { ProblemError } from './problem-error';
import { aids, publishedAids } from './routes/aids';
import { health } from './routes/health';
import { invitations } from './routes/invitations';
import { me } from './routes/me';
import { members } from './routes/members';
import { patient } from './routes/patient';
import { records } from './routes/records';
import { sessions } from './routes/sessions';
import { storeProblem } from './store-problems';

const defaults = {
  sessionLifetimeSeconds: 8 * 60 * 60,
  // The largest aid (300 KB of content) with room for the request around it.
  bodyLimitBytes: 512 * 1024,
  memberDirectory: noMemberDirectory,
};

/**
 * The JSON API, mounted at /api. Every rule (auth, organisation scope,
 * validation) lives here once; the web app reaches it in-process.
 */
export function createApp(deps: ApiDeps) {
  const resolved: Required<ApiDeps> = { ...defaults, ...deps };
  const { log, publicOrigin } = resolved;
  // Made from the routes on first request, then kept: no cold start pays for it.
  let openApi: Promise<unknown> | undefined;

  const app = new Hono<ApiEnv>()
    .basePath('/api')
    .use(requestId())
    .use(async (c, next) => {
      c.set('deps', resolved);
      const started = performance.now();
      await next();
      c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
      // A JSON answer is never to be read as HTML or script.
      c.header('X-Content-Type-Options', 'nosniff');
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
      // A browser says where a request comes from (Sec-Fetch-Site, Origin): a
      // cookie-carried change from another site, or from an opaque origin, is
      // refused. Scripts with a bearer token, and the pages' in-process calls, say neither.
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
      if (unsafe && !c.req.header('authorization') && !fromThisSite(c.req.raw, publicOrigin)) {
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
    .route('/health', health)
    .route('/me', me)
    .route('/sessions', sessions)
    .route('/members', members)
    .route('/aids', aids)
    .route('/published-aids', publishedAids)
    .route('/invitations', invitations)
    .route('/records', records)
    .route('/patient', patient);

  app.get('/openapi.json', async (c) => c.json(await (openApi ??= openApiDocument(app))));
  // Mounted apps do not inherit notFound, so unknown API paths end here, as problem+json.
  app.all('*', () => {
    throw new ProblemError('not-found', { detail: 'There is no such API route.' });
  });
  app.onError((error, c) => respondWithProblem(error, c, resolved));
  return app;
}

export type ApiApp = ReturnType<typeof createApp>;

/** Whether a browser's request comes from this site; a request that says nothing is not a browser's. */
function fromThisSite(request: Request, publicOrigin: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return origin === publicOrigin || origin === new URL(request.url).origin;
}

const statusKinds = new Map<number, ProblemKind>(
  Object.entries(problemKinds).map(([kind, { status }]) => [status, kind as ProblemKind]),
);

function respondWithProblem(
  error: Error,
  c: Context<ApiEnv>,
  { log }: Required<ApiDeps>,
): Response {
  const requestId = c.var.requestId;
  if (error instanceof StoreUnavailableError) {
    log.warn('store unavailable', { requestId, ...describeError(error.cause) });
  }
  if (error instanceof MemberDirectoryUnavailableError) {
    log.warn('member directory unavailable', { requestId, ...describeError(error.cause) });
  }
  const known = error instanceof ProblemError ? error : storeProblem(error, c);
  let problem: Problem;
  let headers: Record<string, string> = {};
  if (known) {
    const { headers: extraHeaders = {}, ...extra } = known.options;
    problem = makeProblem(known.kind, { ...extra, requestId });
    headers = extraHeaders;
  } else if (error instanceof HTTPException && error.status < 500) {
    const kind = statusKinds.get(error.status) ?? 'bad-request';
    problem = makeProblem(kind, { detail: error.message || undefined, requestId });
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
