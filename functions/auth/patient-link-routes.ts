import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { PatientSession } from '#shared/invitations';
import { PATIENT_COOKIE, setSessionCookie } from './cookies';
import type { FetchLike } from './oidc-settings';

/**
 * "Start" on a patient's link page: the API opens the record (once) and a
 * session for it; the session id goes into an HttpOnly cookie for /patient, and
 * the token leaves the address bar. "Leave" ends the session on this device.
 */
export function createPatientLinkRoutes({
  apiFetch,
  publicOrigin,
}: {
  apiFetch: FetchLike;
  publicOrigin: string;
}) {
  const secure = publicOrigin.startsWith('https:');
  return new Hono<{ Variables: { requestId: string } }>()
    .post('/p/:token/start', async (c) => {
      const token = c.req.param('token');
      const response = await apiFetch(`${publicOrigin}/api/patient/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': c.var.requestId },
        body: JSON.stringify({ token }),
      });
      // An unknown, expired or withdrawn link: its page says so and what to do.
      if (response.status !== 201) return c.redirect(`/p/${encodeURIComponent(token)}`, 303);
      const session = PatientSession.parse(await response.json());
      setSessionCookie(c, PATIENT_COOKIE, session, { path: '/patient', secure });
      return c.redirect('/patient', 303);
    })
    .post('/patient/leave', async (c) => {
      const cookie = c.req.header('cookie');
      await apiFetch(`${publicOrigin}/api/patient/sessions/current`, {
        method: 'DELETE',
        headers: { 'x-request-id': c.var.requestId, ...(cookie ? { cookie } : {}) },
      });
      deleteCookie(c, PATIENT_COOKIE, { path: '/patient', secure });
      return c.redirect('/goodbye', 303);
    });
}
