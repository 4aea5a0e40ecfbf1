import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { NewSession, SessionStart } from '#shared/people';
import { SESSION_COOKIE } from '#functions/auth/cookies';
import { linkInvitedMember, requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';
import { optionalJsonBody } from '../validate';

export const sessions = new Hono<ApiEnv>()
  .post(
    '/',
    describe({
      summary:
        'Start a browser session for the clinician of a bearer token; at their first sign-in, an invited member joins by the verified email of their ID token',
      tag: 'identity',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'The session', schema: NewSession },
        403: 'The account is not linked to a clinic (nor invited by its verified email)',
      },
    }),
    optionalJsonBody(SessionStart),
    async (c, next) => {
      const { idToken } = c.req.valid('json');
      if (idToken) await linkInvitedMember(c, idToken);
      await next();
    },
    requireClinician,
    async (c) => {
      if (!c.req.header('authorization')) {
        // A session only starts from a fresh sign-in, never from another session.
        throw new ProblemError('unauthenticated', {
          detail: 'Send the access token from sign-in.',
        });
      }
      const { store, sessionLifetimeSeconds } = c.var.deps;
      const expiresAt = new Date(store.now().getTime() + sessionLifetimeSeconds * 1000);
      const session = await store.sessions.create(c.var.principal, expiresAt);
      const body: NewSession = {
        sessionId: session.id,
        expiresAt: session.expiresAt.toISOString(),
      };
      return c.json(body, 201, { 'Cache-Control': 'no-store' });
    },
  )
  .delete(
    '/current',
    describe({
      summary: 'End the session of the session cookie (sign out)',
      tag: 'identity',
      auth: 'none',
      responses: { 204: { description: 'Ended, or there was none' } },
    }),
    async (c) => {
      const sessionId = getCookie(c, SESSION_COOKIE);
      if (sessionId) await c.var.deps.store.sessions.revoke(sessionId);
      return c.body(null, 204);
    },
  );
