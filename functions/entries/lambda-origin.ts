import { timingSafeEqual } from 'node:crypto';

/**
 * Origin verification (ADR 19). CloudFront adds this header, with a secret
 * value, to every request it sends to the HTTP API; the function refuses any
 * request without it. So the API's own execute-api address cannot be used to
 * go round the web ACL, or to send an `x-viewer-address` CloudFront did not set.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

interface HeaderEvent {
  headers?: Record<string, string | undefined> | null;
}

/** True when the event carries the secret; the header is then removed, so nothing downstream sees or logs it. */
export function cameThroughCloudFront(event: HeaderEvent, secret: string): boolean {
  const headers = event.headers ?? {};
  const sent = headers[ORIGIN_VERIFY_HEADER];
  delete headers[ORIGIN_VERIFY_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a request that did not come through CloudFront is answered: 403, saying nothing more. */
export const notThroughCloudFront = {
  statusCode: 403,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  body: JSON.stringify({
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
    detail: "Use the service's web address.",
  }),
  isBase64Encoded: false,
};
