import type { WebContext } from '#functions/app/web-context';

declare module '@remix-run/server-runtime' {
  // Loaders and actions receive the in-process API and the page's CSP nonce.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends WebContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
