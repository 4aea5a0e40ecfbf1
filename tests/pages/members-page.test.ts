import { describe, expect, it } from 'vitest';
import { createDevDirectory } from '#functions/dev/dev-directory';
import { devAccounts } from '#functions/dev/seed';
import { DEMO, ORIGIN } from '#tests/support/api';
import { remixPages, rootApp, tokensFor } from '#tests/support/root-app';
import { seededTable } from '#tests/support/store';

/**
 * The members page as the server renders it (the production Remix build from
 * `npm run build`), posted to as a browser without JavaScript posts.
 */
async function site() {
  const table = await seededTable();
  const directory = createDevDirectory(table.db, devAccounts);
  const { request, issuer } = await rootApp({
    table,
    accounts: directory.accounts,
    remix: await remixPages(),
    memberDirectory: directory,
  });
  /** A browser session for the account, as sign-in makes one (with the ID token). */
  const sessionOf = async (email: string) => {
    const tokens = await tokensFor(issuer, email);
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
