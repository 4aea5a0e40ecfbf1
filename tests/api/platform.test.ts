import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDevIssuer } from '#functions/dev/issuer';
import { DEMO_AID_ID, DEMO_STATINS_AID_ID } from '#functions/dev/seed';
import { createDb } from '#functions/store/db';
import { keys } from '#functions/store/keys';
import { hashToken } from '#functions/store/sessions';
import { createDynamoStore } from '#functions/store/store';
import { DEMO, OTHER, seededApi } from '../support/api';
import { freshTable } from '../support/store';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('API skeleton', () => {
  it('answers health with 200 and a request id', async () => {
    const { app } = await seededApi();
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('answers health with 503 problem+json when the store does not answer', async () => {
    const { app } = await seededApi({
      store: (store) => ({
        ...store,
        ping: () => Promise.reject(new Error('connect ECONNREFUSED')),
      }),
    });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    const problem = await response.json();
    expect(problem).toMatchObject({ type: '/problems/unavailable', status: 503 });
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
  });

  it('answers unknown API routes with a 404 problem carrying the request id', async () => {
    const { app } = await seededApi();
    const response = await app.request('/api/no-such-thing', {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 404,
      title: 'Not found',
      requestId: 'trace-123',
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });

  it('rejects malformed JSON with 400, a wrong media type with 415, and a large body with 413', async () => {
    const { as } = await seededApi();
    const call = await as(DEMO);
    const malformed = await call('/api/aids', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      type: '/problems/bad-request',
      detail: 'Malformed JSON in request body',
    });

    const form = await call('/api/aids', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    expect(form.status).toBe(415);

    const huge = await call('/api/aids', json({ title: 'x'.repeat(600 * 1024), condition: 'y' }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
  });

  it('reports every invalid field with a JSON pointer (422)', async () => {
    const { as } = await seededApi();
    const response = await (
      await as(DEMO)
    )('/api/aids', json({ title: '   ', condition: 'x'.repeat(401) }));
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.errors).toEqual([
      { pointer: '/title', detail: 'Give the aid a title' },
      { pointer: '/condition', detail: 'Keep the condition to 400 characters or fewer' },
    ]);
  });

  it('answers an unexpected fault with a 500 that shows nothing internal, and logs it', async () => {
    const { app, logs, tokenFor } = await seededApi({
      store: (store) => ({
        ...store,
        aids: { ...store.aids, list: () => Promise.reject(new Error('secret table layout')) },
      }),
    });
    const response = await app.request('/api/aids', {
      headers: { authorization: `Bearer ${await tokenFor(DEMO)}` },
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toMatchObject({ type: '/problems/internal', status: 500 });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'unhandled error',
        errorMessage: 'secret table layout',
      }),
    );
  });

  it('writes structured logs with the request id and without tokens', async () => {
    const { app, logs, tokenFor } = await seededApi();
    const token = await tokenFor(DEMO);
    await app.request('/api/me', {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-check' },
    });
    const entry = logs.entries().find((e) => e.requestId === 'log-check');
    expect(entry).toMatchObject({ level: 'info', method: 'GET', path: '/api/me', status: 200 });
    expect(logs.lines.join('\n')).not.toContain(token);
  });
});

describe('identity', () => {
  it("ends a removed clinician's access at once: token and session alike, and the session is gone", async () => {
    const { app, tokenFor, table } = await seededApi();
    const token = await tokenFor(DEMO);
    const session = await app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { sessionId } = (await session.json()) as { sessionId: string };
    const cookie = { cookie: `dt_session=${sessionId}` };
    expect((await app.request('/api/aids', { headers: cookie })).status).toBe(200);

    await table.doc.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: keys.clinician('demo-clinic', 'demo-clinician'),
      }),
    );
    const bySession = await app.request('/api/aids', { headers: cookie });
    expect(bySession.status).toBe(401);
    expect((await bySession.json()).detail).toContain('no longer a member');
    expect(await table.store.sessions.resolve(sessionId)).toBeNull();
    const byToken = await app.request('/api/invitations', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byToken.status).toBe(401);
  });

  it('needs a token: 401 problem without one, with a malformed one, or with a forged one', async () => {
    const { app, issuer } = await seededApi();
    const none = await app.request('/api/me');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(await none.json()).toMatchObject({ type: '/problems/unauthenticated' });

    expect((await app.request('/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );

    // A token signed by another key (another issuer instance) is refused.
    const forger = await createDevIssuer({
      publicOrigin: 'http://localhost:3000',
      clientId: 'test-client',
      accounts: [{ subject: 'demo-clinician', email: DEMO, name: 'x', organisation: 'y' }],
    });
    expect(forger.issuer).toBe(issuer.issuer);
    const forged = (await (await forger.app.request('/token', json({ email: DEMO }))).json()) as {
      access_token: string;
    };
    const response = await app.request('/api/me', {
      headers: { authorization: `Bearer ${forged.access_token}` },
    });
    expect(response.status).toBe(401);
  });

  it('resolves the clinician and organisation from a verified token', async () => {
    const { as } = await seededApi();
    const response = await (await as(DEMO))('/api/me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      clinician: { id: 'demo-clinician', name: 'Dr Alex Morgan', email: DEMO, role: 'admin' },
      organisation: {
        id: 'demo-clinic',
        name: 'Demo Clinic',
        patientIdentifierSystem: 'https://demo.example/fhir/appointment-reference',
      },
    });
  });

  it('refuses a genuine token whose person is no longer linked to a clinic (403)', async () => {
    const { as, table } = await seededApi();
    const call = await as(DEMO);
    expect((await call('/api/me')).status).toBe(200);
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.identity('demo-clinician') }),
    );
    const response = await call('/api/me');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      detail: 'This account is not linked to a clinic yet.',
    });
  });

  it('starts a browser session from a token, honours its cookie, and ends it on sign-out', async () => {
    const { app, table, tokenFor } = await seededApi();
    const created = await app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(DEMO)}` },
    });
    expect(created.status).toBe(201);
    const { sessionId, expiresAt } = (await created.json()) as {
      sessionId: string;
      expiresAt: string;
    };
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);

    const cookie = { cookie: `dt_session=${sessionId}` };
    expect((await app.request('/api/me', { headers: cookie })).status).toBe(200);

    // A session cannot be used to start another one.
    expect((await app.request('/api/sessions', { method: 'POST', headers: cookie })).status).toBe(
      401,
    );

    // Only a hash of the id is stored.
    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    expect(JSON.stringify(Items)).not.toContain(sessionId);
    const stored = Items.find((item) => String(item.pk).startsWith('SESSION#'));
    expect(stored).toMatchObject({
      holder: { orgId: 'demo-clinic', clinicianId: 'demo-clinician' },
    });
    expect(typeof stored?.expiresAt).toBe('number');

    expect(
      (await app.request('/api/sessions/current', { method: 'DELETE', headers: cookie })).status,
    ).toBe(204);
    expect((await app.request('/api/me', { headers: cookie })).status).toBe(401);
  });

  it('opens nothing with a session id that names another clinic or clinician, and still honours ids made before ids named their holder', async () => {
    const { app, table, tokenFor } = await seededApi();
    const created = await app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(DEMO)}` },
    });
    const { sessionId } = (await created.json()) as { sessionId: string };
    const [orgId, clinicianId, secret] = sessionId.split('.');
    expect([orgId, clinicianId]).toEqual(['demo-clinic', 'demo-clinician']);
    const me = (id: string) => app.request('/api/me', { headers: { cookie: `dt_session=${id}` } });
    expect((await me(sessionId)).status).toBe(200);
    for (const forged of [
      `other-clinic.${clinicianId}.${secret}`,
      `${orgId}.other-clinician.${secret}`,
      `${secret}`,
      `${orgId}.${secret}`,
    ])
      expect((await me(forged)).status, forged).toBe(401);

    // A session started before this change: its id is the random part alone.
    const olderId = 'older-session-id-with-only-random-characters-0123456789';
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.session(hashToken(olderId)),
          holder: { orgId: 'demo-clinic', clinicianId: 'demo-clinician' },
          createdAt: new Date().toISOString(),
          lastSeenAt: Math.floor(Date.now() / 1000),
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
    expect((await me(olderId)).status).toBe(200);
  });
});

describe('requests from other sites', () => {
  it('refuses a change carried by the session cookie from another site, and allows the same site', async () => {
    const { app, tokenFor } = await seededApi();
    const created = await app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(DEMO)}` },
    });
    const { sessionId } = (await created.json()) as { sessionId: string };
    const withCookie = (site: string) => ({
      method: 'POST',
      headers: { cookie: `dt_session=${sessionId}`, 'sec-fetch-site': site },
    });
    const crossSite = await app.request(
      `/api/aids/${DEMO_AID_ID}/duplicate`,
      withCookie('cross-site'),
    );
    expect(crossSite.status).toBe(403);
    expect(
      (await app.request(`/api/aids/${DEMO_AID_ID}/duplicate`, withCookie('same-site'))).status,
    ).toBe(403);
    expect(
      (await app.request(`/api/aids/${DEMO_AID_ID}/duplicate`, withCookie('same-origin'))).status,
    ).toBe(201);

    // A browser that sends only Origin: another site, or an opaque one ("null"), is refused.
    const withOrigin = (origin: string, method = 'POST') => ({
      method,
      headers: { cookie: `dt_session=${sessionId}`, origin },
    });
    for (const origin of ['https://evil.example', 'null']) {
      for (const [path, method] of [
        [`/api/aids/${DEMO_AID_ID}/duplicate`, 'POST'],
        ['/api/invitations/any/revoke', 'POST'],
        ['/api/sessions/current', 'DELETE'],
      ] as const) {
        const response = await app.request(path, withOrigin(origin, method));
        expect(response.status, `${method} ${path} from ${origin}`).toBe(403);
      }
    }
    expect(
      (await app.request(`/api/aids/${DEMO_AID_ID}/duplicate`, withOrigin('http://localhost:3000')))
        .status,
    ).toBe(201);
    // Every answer tells the browser not to guess its type.
    const health = await app.request('/api/health');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('organisation scope', () => {
  it("lists only the clinician's own organisation's aids", async () => {
    const { as } = await seededApi();
    const demo = await (await as(DEMO))('/api/aids');
    expect(demo.status).toBe(200);
    const demoPage = await demo.json();
    expect(demoPage.items).toEqual(
      expect.arrayContaining(
        [DEMO_AID_ID, DEMO_STATINS_AID_ID].map((id) =>
          expect.objectContaining({
            id,
            latestVersion: expect.objectContaining({ number: 1 }),
            demonstration: true,
          }),
        ),
      ),
    );
    expect(demoPage.items).toHaveLength(2);
    const other = await (await as(OTHER))('/api/aids');
    expect((await other.json()).items).toEqual([]);
  });

  it('pages through aids with an opaque cursor and refuses a tampered one', async () => {
    const { as } = await seededApi();
    const call = await as(OTHER);
    for (const title of ['A', 'B', 'C']) {
      expect((await call('/api/aids', json({ title, condition: 'Test' }))).status).toBe(201);
    }
    const first = await (await call('/api/aids?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await call(`/api/aids?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    const titles = [...first.items, ...second.items]
      .map((aid: { title: string }) => aid.title)
      .sort();
    expect(titles).toEqual(['A', 'B', 'C']);

    const tampered = await call('/api/aids?cursor=not-a-cursor');
    expect(tampered.status).toBe(422);
    expect((await tampered.json()).errors).toEqual([
      { pointer: '/cursor', detail: expect.any(String) },
    ]);

    const badLimit = await call('/api/aids?limit=1000');
    expect(badLimit.status).toBe(422);
    expect((await badLimit.json()).errors[0].pointer).toBe('/limit');
  });
});

describe('session expiry', () => {
  it('treats a session past its expiry as signed out, before DynamoDB deletes it', async () => {
    const { store, tableName, doc } = await freshTable();
    const session = await store.sessions.create(
      { orgId: 'demo-clinic', clinicianId: 'demo-clinician' },
      new Date(Date.now() + 60_000),
    );
    expect(await store.sessions.resolve(session.id)).toEqual({
      orgId: 'demo-clinic',
      clinicianId: 'demo-clinician',
    });
    const later = createDynamoStore(createDb(doc, tableName, () => new Date(Date.now() + 61_000)));
    expect(await later.sessions.resolve(session.id)).toBeNull();
  });
});
