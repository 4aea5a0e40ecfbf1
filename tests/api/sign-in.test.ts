import { describe, expect, it } from 'vitest';
import { PAGE_BODY_LIMIT_BYTES } from '#functions/app/server';
import { ORIGIN } from '#tests/support/api';
import { browserSignIn, rootApp, whoIsSignedInPage } from '#tests/support/root-app';

/**
 * The root app as the dev server composes it, with the real issuer, API and
 * store. Pages are a small handler that, like a Remix loader, asks the API
 * in-process who is signed in.
 */
const server = () => rootApp({ remix: whoIsSignedInPage });

/** Sign-in through the development issuer, each step checked on the way. */
async function signIn(
  request: (path: string, init?: RequestInit) => Promise<Response>,
  email: string,
) {
  const steps = await browserSignIn(request, email);
  const { start, authorize, chooser, chosen } = steps;
  expect(start.status).toBe(302);
  expect(authorize.pathname).toBe('/dev/authorize');
  expect(start.headers.getSetCookie()[0]).toMatch(/HttpOnly/);
  expect(chooser.status).toBe(200);
  expect(await chooser.text()).toContain('Sign in as Dr Alex Morgan');
  expect(chosen.status).toBe(303);
  return steps;
}

describe('browser sign-in with the development OpenID issuer', () => {
  it('signs a clinician in with a session cookie, serves pages as them, and signs them out', async () => {
    const { request } = await server();
    const { done } = await signIn(request, 'clinician@demo.example');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith('dt_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const session = setCookie.split(';')[0]!;

    const home = await request('/', { headers: { cookie: session } });
    expect(JSON.parse(await home.text())).toMatchObject({ organisation: { name: 'Demo Clinic' } });

    const out = await request('/auth/signout', {
      method: 'POST',
      headers: {
        cookie: session,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/signin?signed-out=1');
    expect(out.headers.getSetCookie().some((c) => /^dt_session=;.*Max-Age=0/.test(c))).toBe(true);
    // The old cookie no longer works even if a browser kept it.
    expect(await (await request('/', { headers: { cookie: session } })).text()).toBe(
      'signed out (401)',
    );
  });

  it('refuses a callback whose state does not match, and a code used twice', async () => {
    const { request } = await server();
    const { done, callback, signinCookie } = await signIn(request, 'clinician@other.example');
    expect(done.status).toBe(303);

    const replay = await request(callback.pathname + callback.search, {
      headers: { cookie: signinCookie },
    });
    expect(replay.headers.get('location')).toBe('/signin?problem=failed');

    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'forged');
    const forged = await request(wrongState.pathname + wrongState.search, {
      headers: { cookie: signinCookie },
    });
    expect(forged.headers.get('location')).toBe('/signin?problem=expired');
  });

  it('blocks a sign-out form posted from another site', async () => {
    const { request } = await server();
    const response = await request('/auth/signout', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(response.status).toBe(403);
  });

  it('sends pages with a nonce-based Content-Security-Policy and no referrer to other sites', async () => {
    const { request } = await server();
    const response = await request('/signin');
    expect(response.headers.get('content-security-policy')).toMatch(
      /script-src 'nonce-[^']+' 'strict-dynamic'/,
    );
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses a form larger than any page sends with 413, before reading it', async () => {
    const { request } = await server();
    const response = await request('/patient/values', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: `worries=${'a'.repeat(PAGE_BODY_LIMIT_BYTES)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('This form is too large');
  });
});
