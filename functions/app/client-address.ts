import type { Context } from 'hono';

interface PlatformEnv {
  /** @hono/node-server: the Node request, with its socket. */
  incoming?: { socket?: { remoteAddress?: string } };
  /** hono/aws-lambda: the API Gateway event. */
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}

/**
 * The address a request came from, as the platform saw it, for rate limits.
 * Behind CloudFront, API Gateway sees CloudFront's address, so the viewer's is
 * read from `x-viewer-address`, which a CloudFront Function sets on every
 * request (replacing any a client sent; see infra/stack.ts); locally, the
 * socket's. X-Forwarded-For is never read: a client writes it.
 */
export function platformClientAddress(c: Context): string | undefined {
  const env = (c.env ?? {}) as PlatformEnv;
  if (env.event) {
    return c.req.header('x-viewer-address') ?? env.event.requestContext?.http?.sourceIp;
  }
  return env.incoming?.socket?.remoteAddress;
}
