import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { NewSession } from '#shared/people';
import type { Logger } from '../log/logger';
import { describeError } from '../log/logger';
import { SESSION_COOKIE, setSessionCookie, SIGN_IN_COOKIE } from './cookies';
import type { FetchLike } from './oidc-settings';
import type { OidcClient } from './oidc-client';

export interface AuthRoutesOptions {
  oidc: OidcClient;
  /** The API app's own fetch: sessions are created and ended by the API. */
  apiFetch: FetchLike;
  publicOrigin: string;
  /** The provider's sign-out page (Cognito's /logout), so a shared computer is really signed out. */
  providerLogoutUrl?: string | undefined;
  log: Logger;
}

/** Where the sign-in page explains what went wrong. */
export type SignInProblem = 'not-linked' | 'failed' | 'expired';

/**
 * Browser sign-in: the OpenID Connect authorization-code flow with PKCE. The
 * session id goes into an HttpOnly SameSite=Lax cookie; the API keeps the session.
 */
export function createAuthRoutes({
  oidc,
  apiFetch,
  publicOrigin,
  providerLogoutUrl,
  log,
}: AuthRoutesOptions) {
  const redirectUri = `${publicOrigin}/auth/callback`;
  const secure = publicOrigin.startsWith('https:');
  const signInFailed = (problem: SignInProblem) => `/signin?problem=${problem}`;

  return new Hono<{ Variables: { requestId: string } }>()
    .get('/signin', async (c) => {
      const state = randomBytes(16).toString('base64url');
      const codeVerifier = randomBytes(32).toString('base64url');
      const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
      setCookie(c, SIGN_IN_COOKIE, `${state}.${codeVerifier}`, {
        httpOnly: true,
        secure,
        sameSite: 'Lax',
        path: '/auth',
        maxAge: 600,
      });
      return c.redirect(await oidc.authorizationUrl({ redirectUri, state, codeChallenge }), 302);
    })

    .get('/callback', async (c) => {
      const pending = getCookie(c, SIGN_IN_COOKIE);
      deleteCookie(c, SIGN_IN_COOKIE, { path: '/auth', secure });
      const [state, codeVerifier] = pending?.split('.') ?? [];
      const code = c.req.query('code');
      if (!state || !codeVerifier || !code || c.req.query('state') !== state) {
        return c.redirect(signInFailed('expired'), 303);
      }
      try {
        const { accessToken, idToken } = await oidc.exchangeCode({
          code,
          redirectUri,
          codeVerifier,
        });
        // The ID token's verified email links an invited member at their first sign-in (ADR 17).
        const response = await apiFetch(`${publicOrigin}/api/sessions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${accessToken}`,
            'x-request-id': c.var.requestId,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ idToken }),
        });
        if (response.status === 403) return c.redirect(signInFailed('not-linked'), 303);
        if (response.status !== 201) throw new Error(`Session API answered ${response.status}`);
        const session = NewSession.parse(await response.json());
        setSessionCookie(c, SESSION_COOKIE, session, { path: '/', secure });
        return c.redirect('/', 303);
      } catch (error) {
        log.warn('sign-in failed', { requestId: c.var.requestId, ...describeError(error) });
        return c.redirect(signInFailed('failed'), 303);
      }
    })

    .post('/signout', async (c) => {
      const cookie = c.req.header('cookie');
      const response = await apiFetch(`${publicOrigin}/api/sessions/current`, {
        method: 'DELETE',
        headers: { 'x-request-id': c.var.requestId, ...(cookie ? { cookie } : {}) },
      });
      if (!response.ok) {
        // The cookie is cleared anyway; the session item then lapses at its expiry.
        log.warn('session could not be revoked', {
          requestId: c.var.requestId,
          status: response.status,
        });
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
      return c.redirect(providerLogoutUrl ?? '/signin?signed-out=1', 303);
    });
}
