import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requestId } from 'hono/request-id';
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers';
import type { ApiApp } from '../api/app';
import type { FetchLike } from '../auth/oidc-settings';
import { describeError, redactPath, type Logger } from '../log/logger';
import { messagePage } from './message-page';
import { rateLimit } from './rate-limits';
import { requestScope } from '../store/request-scope';
import type { WebContext } from './web-context';

/** Remix's request handler, from the production build or from Vite in development. */
export type RemixHandler = (request: Request, context: WebContext) => Promise<Response>;

type SiteEnv = { Variables: SecureHeadersVariables & { requestId: string } };

export interface ServerAppOptions {
  api: ApiApp;
  /** /auth/*: browser sign-in and sign-out. */
  auth: Hono<{ Variables: { requestId: string } }>;
  /** /p/{token}/start and /patient/leave: a patient's session on this device. */
  patientLinks: Hono<{ Variables: { requestId: string } }>;
  /** /dev/*: the development OpenID issuer, local mode only. */
  devIssuer?: Hono | undefined;
  remix: RemixHandler;
  publicOrigin: string;
  /** Other origins a form may lead to (the identity provider's sign-out page). */
  formTargets?: string[];
  /** Vite's hot reload needs a WebSocket and inline styles in development. */
  development?: boolean;
  log: Logger;
  /** Limits on opening links, signing in and exchanging tokens, per client address. */
  rateLimits: Parameters<typeof rateLimit>[0];
}

/**
 * The one root app, in Lambda and locally: /api/* to the API, everything else
 * to the site (sign-in routes, the local issuer, and Remix pages).
 */
export function createServerApp(options: ServerAppOptions) {
  const { api, remix, publicOrigin, log } = options;
  const site = new Hono<SiteEnv>();

  site.use(requestId());
  site.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Set again afterwards: Remix returns its own Response, without the header set before.
    c.header('X-Request-Id', c.var.requestId);
    // Pages show one clinic's or one patient's data (and once, a patient's link): never cached.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    // The store did not answer: say when to come back, as the API does.
    if (c.res.status === 503 && !c.res.headers.has('Retry-After')) c.header('Retry-After', '2');
    log.info('page request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  site.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: [NONCE, "'strict-dynamic'"],
        styleSrc: options.development ? ["'self'", "'unsafe-inline'"] : ["'self'", NONCE],
        imgSrc: ["'self'", 'data:'],
        connectSrc: options.development ? ["'self'", 'ws:'] : ["'self'"],
        formAction: ["'self'", ...(options.formTargets ?? [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // Patient links carry a token: never send an address on to another site. (With
      // no-referrer, browsers would send `Origin: null` on our own forms.)
      referrerPolicy: 'same-origin',
      strictTransportSecurity: publicOrigin.startsWith('https:')
        ? 'max-age=63072000; includeSubDomains'
        : false,
    }),
  );
  // The local issuer's token endpoint is called server to server, without an Origin: it goes before CSRF checks.
  if (options.devIssuer) site.route('/dev', options.devIssuer);
  /** Forms may come from the public address, or from the address the request arrived at (local). */
  const allowedOrigin = (origin: string, c: Context<SiteEnv>) =>
    origin === publicOrigin || origin === new URL(c.req.url).origin;
  site.use(csrf({ origin: allowedOrigin }));
  // Like the API's limit: the largest form (an aid in the editor, its text URL-encoded) fits.
  site.use(
    bodyLimit({
      maxSize: PAGE_BODY_LIMIT_BYTES,
      onError: (c) =>
        messageResponse(
          c,
          413,
          'This form is too large',
          'It was not saved. Shorten the text, then try again.',
        ),
    }),
  );
  site.route('/auth', options.auth);
  site.route('/', options.patientLinks);
  // Browsers ask for it on every site; the pages name their icon, so there is nothing to send.
  site.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  site.all('*', (c) => {
    // Remix compares a form's Origin with the Host. Behind CloudFront the Host is
    // API Gateway's, so an origin already allowed above is passed on as the forwarded host.
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && origin !== 'null' && allowedOrigin(origin, c);
    // A change from another site that is not a form (the CSRF check above reads only
    // forms) is refused here: Remix would refuse it too, but as a fault (500).
    if (origin !== undefined && !allowed && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method))
      throw new HTTPException(403, { message: 'Changes from other sites are not accepted.' });
    const request = allowed
      ? withHeader(c.req.raw, 'x-forwarded-host', new URL(origin).host)
      : c.req.raw;
    return remix(request, {
      apiFetch: inProcessApi(api, c),
      cspNonce: c.var.secureHeadersNonce ?? '',
    });
  });
  site.onError((error, c) => errorPage(error, c, log));

  return (
    new Hono()
      // One request's loaders and API calls share their reads (functions/store/request-scope.ts).
      .use(requestScope)
      .use(rateLimit(options.rateLimits))
      .all('/api/*', (c) => api.fetch(c.req.raw, c.env))
      .all('*', (c) => site.fetch(c.req.raw, c.env))
  );
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

/** The API app called directly, carrying the page request's cookie and request id. */
function inProcessApi(api: ApiApp, c: Context<SiteEnv>): FetchLike {
  const cookie = c.req.header('cookie');
  return async (input, init) => {
    const request = new Request(input, init);
    if (cookie) request.headers.set('cookie', cookie);
    request.headers.set('x-request-id', c.var.requestId);
    return api.fetch(request);
  };
}

/** What a page request may send at most; an aid's largest text, URL-encoded, fits. */
export const PAGE_BODY_LIMIT_BYTES = 1024 * 1024;

function errorPage(error: Error, c: Context<SiteEnv>, log: Logger) {
  const status = error instanceof HTTPException ? error.status : 500;
  if (status >= 500)
    log.error('page error', { requestId: c.var.requestId, ...describeError(error) });
  const title = status === 403 ? 'This request was blocked' : 'Something went wrong';
  return messageResponse(
    c,
    status,
    title,
    `Please go back and try again. If it keeps happening, tell us this code: ${c.var.requestId}`,
  );
}

function messageResponse(
  c: Context<SiteEnv>,
  status: ContentfulStatusCode,
  title: string,
  sentence: string,
) {
  return c.html(messagePage(title, sentence), status);
}
