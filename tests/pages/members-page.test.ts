import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeServer } from '#functions/app/compose';
import { createDevDirectory } from '#functions/dev/dev-directory';
import { createDevIssuer } from '#functions/dev/issuer';
import { devAccounts, seedOnce } from '#functions/dev/seed';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { captureLogs, DEMO, ORIGIN } from '../support/api';
import { freshTable } from '../support/store';

/**
 * The members page as the server renders it (the production Remix build from
 * `npm run build`), posted to as a browser without JavaScript posts.
 */
let build: ServerBuild;
beforeAll(async () => {
  const file = path.resolve('build/server/index.js');
  if (!existsSync(file))
    throw new Error('No Remix build: run `npm run build` first (npm test does).');
  build = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild;
});

async function site() {
  const table = await freshTable();
  await seedOnce(table.db);
  const directory = createDevDirectory(table.db, devAccounts);
  const issuer = await createDevIssuer({
    publicOrigin: ORIGIN,
    clientId: 'local',
    accounts: directory.accounts,
  });
  const remix = createRequestHandler(build, 'production');
  const root = composeServer({
    doc: table.doc,
    tableName: table.tableName,
    publicOrigin: ORIGIN,
    oidc: {
      issuer: issuer.issuer,
      clientId: 'local',
      fetch: async (input, init) => root.fetch(new Request(input, init)),
    },
    remix: (request, context) => remix(request, context),
    loadPdfRenderer: loadLocalPdfRenderer,
    log: captureLogs().log,
    devIssuer: issuer.app,
    memberDirectory: directory,
  });
  const request = (url: string, init: RequestInit = {}) => root.request(`${ORIGIN}${url}`, init);
  /** A browser session for the account, as sign-in makes one (with the ID token). */
  const sessionOf = async (email: string) => {
    const tokens = (await (
      await issuer.app.request('/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      })
    ).json()) as { access_token: string; id_token: string };
    const session = await request('/api/sessions', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ idToken: tokens.id_token }),
    });
    expect(session.status).toBe(201);
    return `dt_session=${((await session.json()) as { sessionId: string }).sessionId}`;
  };
  return { request, sessionOf };
}

/** The page's HTML, without the comments React puts between adjacent texts. */
const htmlOf = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '');

const post = (cookie: string, fields: Record<string, string>, url = '/members') =>
  [
    url,
    {
      method: 'POST',
      headers: {
        cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    },
  ] as const;

describe('the members page', () => {
  it('lets an admin invite, change a role and remove (after confirming), without JavaScript', async () => {
    const { request, sessionOf } = await site();
    const admin = await sessionOf(DEMO);
    const home = await htmlOf(await request('/', { headers: { cookie: admin } }));
    expect(home).toContain('href="/members"');

    const page = await request('/members', { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    const html = await htmlOf(page);
    expect(html).toContain('<h1>Members</h1>');
    expect(html).toContain(DEMO);

    // Errors next to their fields.
    const invalid = await request(
      ...post(admin, { intent: 'invite', email: 'nope', name: '', role: 'clinician' }),
    );
    expect(invalid.status).toBe(422);
    const invalidHtml = await htmlOf(invalid);
    expect(invalidHtml).toMatch(/id="invite-email-error"[^>]*>Enter an email address such as/);
    expect(invalidHtml).toMatch(/id="invite-name-error"[^>]*>Enter the name/);

    const invited = await request(
      ...post(admin, {
        intent: 'invite',
        email: 'jo@clinic.example',
        name: 'Dr Jo Smith',
        role: 'clinician',
      }),
    );
    expect(invited.status).toBe(302);
    const after = await request(invited.headers.get('location')!, { headers: { cookie: admin } });
    const afterHtml = await htmlOf(after);
    expect(afterHtml).toContain('Dr Jo Smith is invited as a clinician');
    expect(afterHtml).toContain('Invited on');
    expect(afterHtml).toContain('You invited Dr Jo Smith as a clinician.');
    const memberId = /name="intent" value="role:([^"]+)"/g;
    const ids = [...afterHtml.matchAll(memberId)].map((m) => m[1]!);
    const jo = ids.find((id) => id !== 'demo-clinician')!;

    // The same email again: said at the email field.
    const duplicate = await request(
      ...post(admin, { intent: 'invite', email: 'JO@clinic.example', name: 'Jo', role: 'admin' }),
    );
    expect(duplicate.status).toBe(409);
    expect(await htmlOf(duplicate)).toMatch(/id="invite-email-error"[^>]*>Someone with this email/);

    // The last admin's own demotion is refused, plainly.
    const refused = await request(
      ...post(admin, { intent: 'role:demo-clinician', role: 'clinician' }),
    );
    expect(refused.status).toBe(409);
    expect(await htmlOf(refused)).toContain('This is the last admin of your organisation');

    const promoted = await request(...post(admin, { intent: `role:${jo}`, role: 'admin' }));
    expect(promoted.status).toBe(302);
    expect(
      await htmlOf(
        await request(promoted.headers.get('location')!, { headers: { cookie: admin } }),
      ),
    ).toContain('Dr Jo Smith is now an admin');

    const confirm = await request(`/members?remove=${jo}`, { headers: { cookie: admin } });
    const confirmHtml = await htmlOf(confirm);
    expect(confirmHtml).toContain('Remove Dr Jo Smith?');
    expect(confirmHtml).toContain(`value="remove:${jo}"`);
    const removed = await request(...post(admin, { intent: `remove:${jo}` }));
    expect(removed.status).toBe(302);
    expect(removed.headers.get('location')).toBe('/members?removed=1');
    const final = await htmlOf(await request('/members', { headers: { cookie: admin } }));
    expect(final).not.toContain('jo@clinic.example');
    expect(final).toContain('You removed a former member.');
  });

  it("is not in a clinician's menu, and not theirs to open", async () => {
    const { request, sessionOf } = await site();
    const admin = await sessionOf(DEMO);
    await request(
      ...post(admin, {
        intent: 'invite',
        email: 'pat@clinic.example',
        name: 'Dr Pat',
        role: 'clinician',
      }),
    );
    const clinician = await sessionOf('pat@clinic.example');
    const home = await htmlOf(await request('/', { headers: { cookie: clinician } }));
    expect(home).toContain('Dr Pat');
    expect(home).not.toContain('href="/members"');
    const page = await request('/members', { headers: { cookie: clinician } });
    expect(page.status).toBe(403);
    expect(await htmlOf(page)).toContain('Not allowed');
  });
});
