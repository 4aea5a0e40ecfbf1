import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import { SESSION_COOKIE } from '../../auth/cookies';
import { requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { named } from '../schema-names';
import { ProblemError } from '../problem-error';

export const NewSession = named(
  'NewSession',
  z.object({
    sessionId: z.string().describe('Put in the session cookie; it is not stored anywhere else'),
    expiresAt: z.iso.datetime(),
  }),
);

export const sessionOperations: Operation[] = [
  {
    method: 'post',
    path: '/sessions',
    summary: 'Start a browser session for the clinician of a bearer token',
    tag: 'identity',
    auth: true,
    responses: { 201: { description: 'The session', schema: NewSession } },
  },
  {
    method: 'delete',
    path: '/sessions/current',
    summary: 'End the session of the session cookie (sign out)',
    tag: 'identity',
    auth: false,
    responses: { 204: { description: 'Ended, or there was none' } },
  },
];

export const sessions = new Hono<ApiEnv>()
  .post('/', requireClinician, async (c) => {
    if (!c.req.header('authorization')) {
      // A session only starts from a fresh sign-in, never from another session.
      throw new ProblemError('unauthenticated', { detail: 'Send the access token from sign-in.' });
    }
    const { sessions: repository } = c.var.deps.store;
    const expiresAt = new Date(
      c.var.deps.store.now().getTime() + c.var.deps.sessionLifetimeSeconds * 1000,
    );
    const session = await repository.create(c.var.principal, expiresAt);
    const body: z.infer<typeof NewSession> = {
      sessionId: session.id,
      expiresAt: session.expiresAt.toISOString(),
    };
    return c.json(body, 201, { 'Cache-Control': 'no-store' });
  })
  .delete('/current', async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId) await c.var.deps.store.sessions.revoke(sessionId);
    return c.body(null, 204);
  });
