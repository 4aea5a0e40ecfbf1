import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from '../auth/cookies';
import { InvalidTokenError } from '../auth/tokens';
import type { Principal } from '../store/principal';
import type { ApiEnv } from './env';
import { ProblemError } from './problem-error';

const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Who is calling: a clinician with a bearer JWT (scripts, clinic systems) or a
 * browser session cookie. Either resolves to a clinician and organisation.
 */
export const requireClinician = createMiddleware<ApiEnv>(async (c, next) => {
  c.set(
    'principal',
    await authenticate(c.req.header('authorization'), getCookie(c, SESSION_COOKIE), c.var.deps),
  );
  await next();
});

async function authenticate(
  authorization: string | undefined,
  sessionId: string | undefined,
  { verifier, store }: ApiEnv['Variables']['deps'],
): Promise<Principal> {
  if (authorization !== undefined) {
    const token = bearer.exec(authorization)?.[1];
    if (!token) throw unauthenticated('Send "Authorization: Bearer <token>".');
    let subject: string;
    try {
      ({ subject } = await verifier.verify(token));
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw unauthenticated('The token is not valid or has expired.');
      throw error;
    }
    const principal = await store.people.principalForSubject(subject);
    if (!principal) {
      throw new ProblemError('forbidden', {
        detail: 'This account is not linked to a clinic yet.',
      });
    }
    return principal;
  }
  if (sessionId !== undefined) {
    const principal = await store.sessions.resolve(sessionId);
    if (!principal) throw unauthenticated('Your session has ended. Sign in again.');
    return principal;
  }
  throw unauthenticated('Sign in, or send a bearer token.');
}

function unauthenticated(detail: string): ProblemError {
  return new ProblemError('unauthenticated', {
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="decide-together"' },
  });
}
