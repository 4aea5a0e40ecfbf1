import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { PATIENT_COOKIE, SESSION_COOKIE } from '../auth/cookies';
import { InvalidTokenError } from '../auth/tokens';
import type { Actor } from '#shared/aid/aids';
import type { Principal } from '../store/principal';
import type { Store } from '../store/store';
import type { ApiEnv } from './env';
import { ProblemError } from './problem-error';

const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The request says it is a clinician's: a bearer token or a browser session cookie. */
export function hasClinicianCredentials(c: Context<ApiEnv>): boolean {
  return c.req.header('authorization') !== undefined || getCookie(c, SESSION_COOKIE) !== undefined;
}

/**
 * Who is calling: a clinician with a bearer JWT (scripts, clinic systems) or a
 * browser session cookie. Either resolves to a clinician and organisation.
 */
export const requireClinician = createMiddleware<ApiEnv>(async (c, next) => {
  c.set('principal', await authenticateClinician(c));
  await next();
});

/**
 * The clinician calling, still a member of their organisation: a removed
 * clinician's token or session stops working at once (401), and their session
 * is ended.
 */
export async function authenticateClinician(c: Context<ApiEnv>): Promise<Principal> {
  const { verifier, store } = c.var.deps;
  const authorization = c.req.header('authorization');
  const sessionId = getCookie(c, SESSION_COOKIE);
  let principal: Principal | null;
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
    principal = await store.people.principalForSubject(subject);
    if (!principal) {
      throw new ProblemError('forbidden', {
        detail: 'This account is not linked to a clinic yet.',
      });
    }
  } else if (sessionId !== undefined) {
    principal = await store.sessions.resolve(sessionId, c.var.readsAhead);
    if (!principal) throw unauthenticated('Your session has ended. Sign in again.');
  } else if (getCookie(c, PATIENT_COOKIE) !== undefined) {
    // A patient's link reaches their own record, and no clinician's action.
    throw new ProblemError('forbidden', {
      detail:
        "A patient's link can read its own record and confirm the decision. Other changes are the clinic's.",
    });
  } else {
    throw unauthenticated('Sign in, or send a bearer token.');
  }
  const clinician = await store.people.clinician(principal);
  if (!clinician) {
    if (sessionId !== undefined && authorization === undefined)
      await store.sessions.revoke(sessionId);
    throw unauthenticated('This account is no longer a member of the clinic.');
  }
  c.set('clinician', { id: clinician.id, name: clinician.name });
  c.set('role', clinician.role);
  return principal;
}

/**
 * Names what a route reads next from the signed-in clinician and its path, so
 * that a browser session's request reads it in the same call as the session
 * (ADR 24). Only reads: what it finds is used once the session agrees.
 */
export const readsWithSession = (
  reads: (
    store: Store,
    principal: Principal,
    params: Record<string, string>,
  ) => Array<Promise<unknown>>,
) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    // The path's parameters as this middleware matched them: later handlers see their own.
    const params = c.req.param();
    if (c.req.method === 'GET')
      c.set('readsAhead', (principal) => reads(c.var.deps.store, principal, params));
    await next();
  });

/**
 * Only an organisation's admins (behind `requireClinician`). The role is read
 * with the clinician on each request, so a demotion counts from the next one.
 */
export const requireAdmin = createMiddleware<ApiEnv>(async (c, next) => {
  if (c.var.role !== 'admin') {
    throw new ProblemError('forbidden', {
      detail: "Only your organisation's admins can manage its members.",
    });
  }
  await next();
});

/**
 * A first sign-in (ADR 17): the bearer token's subject has no clinician yet,
 * and the ID token from the same sign-in, for the same subject, carries an
 * email address its provider verified; the invited member with that address
 * is linked to the subject. Anything less links nobody, and sign-in goes on
 * to say "not linked to a clinic yet".
 */
export async function linkInvitedMember(c: Context<ApiEnv>, idToken: string): Promise<void> {
  const { verifier, store } = c.var.deps;
  const token = bearer.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token || !verifier.verifyIdToken) return;
  try {
    const { subject } = await verifier.verify(token);
    if (await store.people.principalForSubject(subject)) return;
    const identity = await verifier.verifyIdToken(idToken);
    if (identity.subject !== subject || !identity.emailVerified || !identity.email) return;
    await store.members.linkByEmail(subject, identity.email);
  } catch (error) {
    // The tokens are judged again, with the answer they deserve, by `requireClinician`.
    if (error instanceof InvalidTokenError) return;
    throw error;
  }
}

function unauthenticated(detail: string): ProblemError {
  return new ProblemError('unauthenticated', {
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="decide-together"' },
  });
}

/** The signed-in clinician as records and histories name them (behind `requireClinician`). */
export const clinicianActor = (c: Context<ApiEnv>): Actor => c.var.clinician;
