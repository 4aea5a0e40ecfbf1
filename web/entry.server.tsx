import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import type { AppLoadContext, EntryContext } from '@remix-run/server-runtime';
import { isbot } from 'isbot';
import { renderToReadableStream } from 'react-dom/server.browser';
import { NonceContext } from './lib/nonce';

const ABORT_DELAY_MS = 5_000;

export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  let failed = false;
  // Stop rendering a page that takes too long, and only then: an abort after the
  // stream has closed would throw outside any request and end the process.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    try {
      controller.abort();
    } catch {
      // The stream had already ended.
    }
  }, ABORT_DELAY_MS + 1_000);
  const body = await renderToReadableStream(
    <NonceContext.Provider value={loadContext.cspNonce}>
      <RemixServer
        context={remixContext}
        url={request.url}
        abortDelay={ABORT_DELAY_MS}
        nonce={loadContext.cspNonce}
      />
    </NonceContext.Provider>,
    {
      nonce: loadContext.cspNonce,
      signal: controller.signal,
      onError(error: unknown) {
        failed = true;
        // Shell errors reach the error boundary; this records the rest.
        if (!request.signal.aborted) console.error(error);
      },
    },
  );
  body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
  // Crawlers get the whole page at once rather than a stream.
  if (isbot(request.headers.get('user-agent') ?? '')) await body.allReady;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(body, { status: failed ? 500 : status, headers });
}

/**
 * What Remix reports from loaders, actions and rendering. An unknown address
 * or a refused request (4xx) is an answer, not a fault; aborted requests are
 * the browser's doing. Faults are logged as one JSON line, by name and stack
 * only: request data and what people typed never reach the logs.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(
    JSON.stringify({
      level: 'error',
      message: 'page fault',
      errorName: error instanceof Error ? error.name : typeof error,
      stack: error instanceof Error ? error.stack?.split('\n').slice(1, 8).join('\n') : undefined,
    }),
  );
}
