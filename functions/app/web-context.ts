import type { FetchLike } from '../auth/oidc-settings';

/** What the server hands every Remix loader and action (a type, so it fits Remix's indexed AppLoadContext). */
export type WebContext = {
  /** The API app's own fetch, with the page request's cookie and request id: no network hop. */
  apiFetch: FetchLike;
  /** Nonce of this response's Content-Security-Policy, for inline scripts. */
  cspNonce: string;
};
