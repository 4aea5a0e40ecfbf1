import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';

/** The browser session cookie: the session's id (its holder's ids and a random token, ADR 24); the session lives in DynamoDB. */
export const SESSION_COOKIE = 'dt_session';
/** Holds the OpenID Connect state and PKCE verifier during sign-in, for ten minutes. */
export const SIGN_IN_COOKIE = 'dt_signin';
/** A patient's session: one record, started from their invitation link. */
export const PATIENT_COOKIE = 'dt_patient';

/** Puts a session's id in its cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, ending with the session. */
export function setSessionCookie(
  c: Context,
  name: typeof SESSION_COOKIE | typeof PATIENT_COOKIE,
  session: { sessionId: string; expiresAt: string },
  options: { path: string; secure: boolean },
): void {
  setCookie(c, name, session.sessionId, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: options.path,
    expires: new Date(session.expiresAt),
  });
}
