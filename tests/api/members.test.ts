import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevDirectory } from '#functions/dev/dev-directory';
import { devAccounts, seedOnce } from '#functions/dev/seed';
import { StoreUnavailableError } from '#functions/store/errors';
import { keys, type ItemKey } from '#functions/store/keys';
import { memberEmailKey } from '#functions/store/people';
import type { Member, MemberEvent } from '#shared/members';
import { DEMO, ORIGIN, OTHER, seededApi } from '#tests/support/api';
import { testCognitoDirectory } from '#tests/support/cognito';
import {
  browserSignIn,
  cookieFrom,
  rootApp,
  tokensFor,
  whoIsSignedInPage,
} from '#tests/support/root-app';
import { seededTable } from '#tests/support/store';

type Api = Awaited<ReturnType<typeof seededApi>>;

const json = (method: string, body: unknown) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The development issuer's tokens for an account: access and ID token, as sign-in gets them. */
const tokensOf = (api: Api, email: string) => tokensFor(api.issuer, email);

/** A first sign-in, as the callback makes it: the access token, and the ID token in the body. */
async function signIn(api: Api, tokens: { access_token: string; id_token: string }) {
  return api.app.request('/api/sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ idToken: tokens.id_token }),
  });
}

async function invite(api: Api, body: { email: string; name: string; role: string }, by = DEMO) {
  return (await api.as(by))('/api/members', json('POST', body));
}

/** Invites, then signs in as them: an active member with a browser session. */
async function join(api: Api, email: string, role: 'admin' | 'clinician' = 'clinician') {
  const invited = await invite(api, { email, name: `Dr ${email.split('@')[0]}`, role });
  expect(invited.status).toBe(201);
  const member = (await invited.json()) as Member;
  const session = await signIn(api, await tokensOf(api, email));
  expect(session.status).toBe(201);
  const { sessionId } = (await session.json()) as { sessionId: string };
  return { member, cookie: `dt_session=${sessionId}` };
}

async function events(api: Api, by = DEMO): Promise<MemberEvent[]> {
  const response = await (await api.as(by))('/api/members/events');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: MemberEvent[] }).items;
}

async function listed(api: Api, by = DEMO): Promise<Member[]> {
  const response = await (await api.as(by))('/api/members');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Member[] }).items;
}

/** The ids of the organisation's admins, as stored. */
async function storedAdmins(api: Api, orgId = 'demo-clinic'): Promise<string[]> {
  const { Items = [] } = await api.table.doc.send(
    new QueryCommand({
      TableName: api.table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':prefix': keys.clinicianPrefix },
    }),
  );
  return Items.filter((item) => item['role'] === 'admin').map((item) =>
    String(item['clinicianId']),
  );
}

const adminCount = async (api: Api, orgId = 'demo-clinic') =>
  (
    await api.table.doc.send(
      new GetCommand({ TableName: api.table.tableName, Key: keys.organisation(orgId) }),
    )
  ).Item?.['adminCount'];

describe("an organisation's admins manage its members", () => {
  it('invites a clinician, who is listed as invited, with an audit event of ids only', async () => {
    const api = await seededApi();
    const response = await invite(api, {
      email: '  Jo.Smith@Clinic.Example ',
      name: 'Dr Jo Smith',
      role: 'clinician',
    });
    expect(response.status).toBe(201);
    const member = (await response.json()) as Member;
    expect(member).toMatchObject({
      name: 'Dr Jo Smith',
      email: 'jo.smith@clinic.example',
      role: 'clinician',
      status: 'invited',
      joinedAt: null,
    });

    const members = await listed(api);
    expect(members.map((m) => [m.email, m.role, m.status])).toEqual(
      expect.arrayContaining([
        [DEMO, 'admin', 'active'],
        ['jo.smith@clinic.example', 'clinician', 'invited'],
      ]),
    );
    expect(members).toHaveLength(2);
    // Another organisation's members are not among them.
    expect((await listed(api, OTHER)).map((m) => m.email)).toEqual([OTHER]);

    const [event] = await events(api);
    expect(event).toMatchObject({
      type: 'member-invited',
      actorId: 'demo-clinician',
      memberId: member.id,
      role: 'clinician',
    });
    const { Items = [] } = await api.table.doc.send(
      new QueryCommand({
        TableName: api.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.memberEvent('demo-clinic', '').pk },
      }),
    );
    expect(JSON.stringify(Items)).not.toMatch(/jo\.smith|Jo Smith/i);
    // The invited person can sign in at the development issuer.
    expect((await api.directory.accounts()).map((a) => a.email)).toContain(
      'jo.smith@clinic.example',
    );
  });

  it('refuses an email address that is a member already, here or at another clinic (409 at the field)', async () => {
    const api = await seededApi();
    expect(
      (await invite(api, { email: 'sam@clinic.example', name: 'Sam', role: 'clinician' })).status,
    ).toBe(201);
    for (const email of ['SAM@clinic.example', OTHER]) {
      const again = await invite(api, { email, name: 'Someone', role: 'admin' });
      expect(again.status).toBe(409);
      const problem = await again.json();
      expect(problem).toMatchObject({ type: '/problems/conflict', reason: 'email-taken' });
      expect(problem.errors).toEqual([{ pointer: '/email', detail: expect.any(String) }]);
    }
    expect(await listed(api)).toHaveLength(2);
    expect(await adminCount(api)).toBe(1);
  });

  it('points at each field that is not valid (422)', async () => {
    const api = await seededApi();
    const response = await invite(api, { email: 'not an address', name: '  ', role: 'owner' });
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/email',
      '/name',
      '/role',
    ]);
    const role = await (
      await api.as(DEMO)
    )('/api/members/demo-clinician', json('PATCH', { role: 'owner' }));
    expect(role.status).toBe(422);
  });

  it('lets only admins manage members (403 problem for a clinician)', async () => {
    const api = await seededApi();
    await join(api, 'pat@clinic.example');
    const pat = await api.as('pat@clinic.example');
    const me = await (await pat('/api/me')).json();
    expect(me.clinician).toMatchObject({ email: 'pat@clinic.example', role: 'clinician' });
    for (const [path, init] of [
      ['/api/members', {}],
      ['/api/members/events', {}],
      ['/api/members', json('POST', { email: 'x@clinic.example', name: 'X', role: 'admin' })],
      ['/api/members/demo-clinician', json('PATCH', { role: 'clinician' })],
      ['/api/members/demo-clinician', { method: 'DELETE' }],
    ] as const) {
      const response = await pat(path, init);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await adminCount(api)).toBe(1);
  });

  it("cannot reach another organisation's members: they are not found (404)", async () => {
    const api = await seededApi();
    const other = await api.as(OTHER);
    expect(
      (await other('/api/members/demo-clinician', json('PATCH', { role: 'clinician' }))).status,
    ).toBe(404);
    expect((await other('/api/members/demo-clinician', { method: 'DELETE' })).status).toBe(404);
    expect((await other('/api/members/no-such-member', { method: 'DELETE' })).status).toBe(404);
    expect((await other('/api/members/not%20an%20id', { method: 'DELETE' })).status).toBe(404);
    expect((await listed(api)).map((m) => m.role)).toEqual(['admin']);
  });

  it('changes a role, counting admins, with an audit event; the same role again changes nothing', async () => {
    const api = await seededApi();
    const { member } = await join(api, 'lee@clinic.example');
    const demo = await api.as(DEMO);
    const promoted = await demo(`/api/members/${member.id}`, json('PATCH', { role: 'admin' }));
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ id: member.id, role: 'admin', status: 'active' });
    expect(await adminCount(api)).toBe(2);
    // Their next request is an admin's.
    expect((await (await api.as('lee@clinic.example'))('/api/members')).status).toBe(200);

    const before = await events(api);
    const same = await demo(`/api/members/${member.id}`, json('PATCH', { role: 'admin' }));
    expect(same.status).toBe(200);
    expect(await events(api)).toEqual(before);
    expect(before[0]).toMatchObject({
      type: 'member-role-changed',
      actorId: 'demo-clinician',
      memberId: member.id,
      role: 'admin',
    });
    expect(before.map((e) => e.type)).toEqual([
      'member-role-changed',
      'member-joined',
      'member-invited',
    ]);
  });

  it('keeps the last admin: they can neither demote nor remove themself (409, plainly)', async () => {
    const api = await seededApi();
    const demo = await api.as(DEMO);
    const demote = await demo('/api/members/demo-clinician', json('PATCH', { role: 'clinician' }));
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({
      reason: 'last-admin',
      detail: expect.stringContaining('last admin'),
    });
    const remove = await demo('/api/members/demo-clinician', { method: 'DELETE' });
    expect(remove.status).toBe(409);
    expect((await remove.json()).detail).toContain('cannot be removed');
    expect(await adminCount(api)).toBe(1);
    expect((await listed(api))[0]).toMatchObject({ role: 'admin' });
    expect(await events(api)).toEqual([]);

    // An invited admin who has not signed in yet does not count: they might never.
    expect(
      (await invite(api, { email: 'amy@clinic.example', name: 'Dr Amy', role: 'admin' })).status,
    ).toBe(201);
    expect(
      (await demo('/api/members/demo-clinician', json('PATCH', { role: 'clinician' }))).status,
    ).toBe(409);
    expect((await signIn(api, await tokensOf(api, 'amy@clinic.example'))).status).toBe(201);
    expect(await adminCount(api)).toBe(2);
    expect(
      (await demo('/api/members/demo-clinician', json('PATCH', { role: 'clinician' }))).status,
    ).toBe(200);
    expect(await storedAdmins(api)).toHaveLength(1);
  });

  it('lets exactly one of two admins demoting at the same moment succeed: an admin always stays', async () => {
    const api = await seededApi();
    const { member } = await join(api, 'kim@clinic.example', 'admin');
    expect(await adminCount(api)).toBe(2);
    const demo = await api.as(DEMO);
    const kim = await api.as('kim@clinic.example');
    const demote = (as: typeof demo, id: string) =>
      as(`/api/members/${id}`, json('PATCH', { role: 'clinician' }));

    // Each demotes themself: one wins, the other is then the last admin.
    const selves = await Promise.all([demote(demo, 'demo-clinician'), demote(kim, member.id)]);
    expect(selves.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await adminCount(api)).toBe(1);
    expect(await storedAdmins(api)).toHaveLength(1);

    // Each demotes the other: one wins; the other is the last admin's, or (if the winner's
    // change landed before it was even let in) no longer an admin's request.
    const [admin] = await storedAdmins(api);
    const demoted = admin === 'demo-clinician' ? member.id : 'demo-clinician';
    expect(
      (
        await (admin === 'demo-clinician' ? demo : kim)(
          `/api/members/${demoted}`,
          json('PATCH', { role: 'admin' }),
        )
      ).status,
    ).toBe(200);
    const crossed = await Promise.all([demote(demo, member.id), demote(kim, 'demo-clinician')]);
    const statuses = crossed.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 403)).toHaveLength(1);
    expect(await adminCount(api)).toBe(1);
    expect(await storedAdmins(api)).toHaveLength(1);
  });

  it('removes a member: their session ends at once (401), their token links nothing, and their address is free again', async () => {
    const api = await seededApi();
    const { member, cookie } = await join(api, 'ray@clinic.example');
    expect((await api.app.request('/api/aids', { headers: { cookie } })).status).toBe(200);
    const bearer = (await tokensOf(api, 'ray@clinic.example')).access_token;

    const removed = await (await api.as(DEMO))(`/api/members/${member.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);

    const bySession = await api.app.request('/api/aids', { headers: { cookie } });
    expect(bySession.status).toBe(401);
    expect((await bySession.json()).detail).toContain('no longer a member');
    const byToken = await api.app.request('/api/aids', {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(byToken.status).toBe(403);
    // Their identity, email claim and account went with them; the event stays.
    const get = (Key: ItemKey) =>
      api.table.doc.send(new GetCommand({ TableName: api.table.tableName, Key }));
    expect((await get(keys.clinician('demo-clinic', member.id))).Item).toBeUndefined();
    expect((await get(memberEmailKey('ray@clinic.example'))).Item).toBeUndefined();
    expect((await api.directory.accounts()).map((a) => a.email)).not.toContain(
      'ray@clinic.example',
    );
    expect((await events(api))[0]).toMatchObject({
      type: 'member-removed',
      actorId: 'demo-clinician',
      memberId: member.id,
      role: null,
    });
    expect((await listed(api)).map((m) => m.email)).toEqual([DEMO]);
    expect(
      (await invite(api, { email: 'ray@clinic.example', name: 'Ray', role: 'clinician' })).status,
    ).toBe(201);
  });

  it('removes an admin while another admin stays, and counts them', async () => {
    const api = await seededApi();
    const { member } = await join(api, 'ash@clinic.example', 'admin');
    const ash = await api.as('ash@clinic.example');
    expect((await ash('/api/members/demo-clinician', { method: 'DELETE' })).status).toBe(204);
    expect(await adminCount(api)).toBe(1);
    const self = await ash(`/api/members/${member.id}`, { method: 'DELETE' });
    expect(self.status).toBe(409);
  });
});

describe('first sign-in of an invited member', () => {
  it('links them by the verified email of their ID token, once, and makes them active', async () => {
    const api = await seededApi();
    const invited = (await (
      await invite(api, { email: 'new@clinic.example', name: 'Dr New', role: 'clinician' })
    ).json()) as Member;
    const tokens = await tokensOf(api, 'new@clinic.example');
    // Without the ID token (a script's bearer token), nobody is linked.
    const bare = await api.app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(bare.status).toBe(403);
    expect((await bare.json()).detail).toContain('not linked');

    expect((await signIn(api, tokens)).status).toBe(201);
    const me = await (
      await api.app.request('/api/me', {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json();
    expect(me).toMatchObject({
      clinician: { id: invited.id, role: 'clinician' },
      organisation: { id: 'demo-clinic' },
    });
    const member = (await listed(api)).find((m) => m.id === invited.id);
    expect(member).toMatchObject({ status: 'active', joinedAt: expect.any(String) });
    expect((await events(api))[0]).toMatchObject({
      type: 'member-joined',
      actorId: invited.id,
      memberId: invited.id,
    });
    // Signing in again links nothing more.
    expect((await signIn(api, tokens)).status).toBe(201);
    expect((await events(api)).filter((e) => e.type === 'member-joined')).toHaveLength(1);
  });

  it('does not link by an unverified email, nor by the ID token of another subject', async () => {
    const unverified = {
      subject: 'unverified-subject',
      email: 'unverified@clinic.example',
      name: 'Unverified',
      organisation: 'Nowhere',
      emailVerified: false,
    };
    const stranger = {
      subject: 'stranger-subject',
      email: 'stranger@elsewhere.example',
      name: 'Stranger',
      organisation: 'Nowhere',
    };
    const api = await seededApi({ accounts: [unverified, stranger] });
    expect(
      (await invite(api, { email: unverified.email, name: 'Dr U', role: 'admin' })).status,
    ).toBe(201);
    expect((await signIn(api, await tokensOf(api, unverified.email))).status).toBe(403);

    // A stranger's sign-in carrying an invited person's ID token.
    await invite(api, { email: 'victim@clinic.example', name: 'Dr V', role: 'admin' });
    const victim = await tokensOf(api, 'victim@clinic.example');
    const mixed = await signIn(api, {
      access_token: (await tokensOf(api, stranger.email)).access_token,
      id_token: victim.id_token,
    });
    expect(mixed.status).toBe(403);
    expect((await listed(api)).filter((m) => m.status === 'invited')).toHaveLength(2);
    expect(await events(api)).not.toContainEqual(
      expect.objectContaining({ type: 'member-joined' }),
    );
  });

  it('through the browser: the development issuer signs the invited person in, and the callback links them', async () => {
    const table = await seededTable();
    const directory = createDevDirectory(table.db, devAccounts);
    const { request } = await rootApp({
      table,
      accounts: directory.accounts,
      remix: whoIsSignedInPage,
      memberDirectory: directory,
    });

    const admin = await browserSignIn(request, DEMO);
    const adminCookie = cookieFrom(admin.done, 'dt_session')!;
    const invited = await request('/api/members', {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'fresh@clinic.example', name: 'Dr Fresh', role: 'clinician' }),
    });
    expect(invited.status).toBe(201);

    const { chooser, done } = await browserSignIn(request, 'fresh@clinic.example');
    expect(await chooser.text()).toContain('Sign in as Dr Fresh');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const home = await request('/', { headers: { cookie: cookieFrom(done, 'dt_session')! } });
    expect(JSON.parse(await home.text())).toMatchObject({
      clinician: { name: 'Dr Fresh', role: 'clinician' },
      organisation: { name: 'Demo Clinic' },
    });
  });
});

describe("in AWS: members' accounts in Cognito", () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  afterEach(() => cognito.reset());
  const withCognito = (store?: NonNullable<Parameters<typeof seededApi>[0]>['store']) =>
    seededApi({
      ...(store ? { store } : {}),
      memberDirectory: testCognitoDirectory,
    });
  const nothingWritten = async (api: Api, email: string) => {
    expect(await listed(api)).toHaveLength(1);
    expect(await events(api)).toEqual([]);
    const claim = await api.table.doc.send(
      new GetCommand({ TableName: api.table.tableName, Key: memberEmailKey(email) }),
    );
    expect(claim.Item).toBeUndefined();
  };

  it('makes the account with a verified address, then the member', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    const api = await withCognito();
    const response = await invite(api, {
      email: 'Eve@Clinic.example',
      name: 'Dr Eve',
      role: 'admin',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ role: 'admin', status: 'invited' });
    const [call] = cognito.commandCalls(AdminCreateUserCommand);
    expect(call!.args[0].input).toEqual({
      UserPoolId: 'eu-west-2_Test',
      Username: 'eve@clinic.example',
      UserAttributes: [
        { Name: 'email', Value: 'eve@clinic.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Dr Eve' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    // An invited admin counts from their first sign-in.
    expect(await adminCount(api)).toBe(1);
  });

  it('answers 409 at the field when Cognito has the account already, and writes nothing', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(
        new UsernameExistsException({ message: 'User account already exists', $metadata: {} }),
      );
    const api = await withCognito();
    const response = await invite(api, { email: 'dup@clinic.example', name: 'Dup', role: 'admin' });
    expect(response.status).toBe(409);
    const problem = await response.json();
    expect(problem.detail).toContain('sign-in service already has an account');
    expect(problem.errors[0].pointer).toBe('/email');
    await nothingWritten(api, 'dup@clinic.example');
    expect(await adminCount(api)).toBe(1);
  });

  it('answers 503 when Cognito fails, and writes nothing', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new InternalErrorException({ message: 'Internal error', $metadata: {} }));
    const api = await withCognito();
    const response = await invite(api, {
      email: 'later@clinic.example',
      name: 'L',
      role: 'clinician',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    await nothingWritten(api, 'later@clinic.example');
    expect(api.logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'member directory unavailable' }),
    );
  });

  it('takes the account back when the member cannot be written', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminDeleteUserCommand).resolves({});
    const api = await withCognito((store) => ({
      ...store,
      members: {
        ...store.members,
        invite: () => Promise.reject(new StoreUnavailableError(new Error('throttled'))),
      },
    }));
    const response = await invite(api, {
      email: 'undo@clinic.example',
      name: 'U',
      role: 'clinician',
    });
    expect(response.status).toBe(503);
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'eu-west-2_Test', Username: 'undo@clinic.example' },
    ]);
  });

  it("removes the member's account; one already gone, or a failing Cognito, does not undo the removal", async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    const api = await withCognito();
    const ids: string[] = [];
    for (const email of ['a@clinic.example', 'b@clinic.example']) {
      const member = (await (
        await invite(api, { email, name: email, role: 'clinician' })
      ).json()) as Member;
      ids.push(member.id);
    }
    cognito
      .on(AdminDeleteUserCommand)
      .rejectsOnce(
        Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }),
      )
      .rejectsOnce(new InternalErrorException({ message: 'Internal error', $metadata: {} }));
    const demo = await api.as(DEMO);
    for (const id of ids) {
      expect((await demo(`/api/members/${id}`, { method: 'DELETE' })).status).toBe(204);
    }
    expect(await listed(api)).toHaveLength(1);
    expect(api.logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'member account not removed',
        memberId: ids[1],
      }),
    );
  });
});

/** A page of the members' audit, as the API answers it. */
async function eventsPage(api: Api, query: string) {
  const response = await (await api.as(DEMO))(`/api/members/events?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: MemberEvent[]; nextCursor: string | null };
}

/** Every page of the members' audit, newest first, following the cursors. */
async function wholeAudit(api: Api, limit: number): Promise<MemberEvent[]> {
  const all: MemberEvent[] = [];
  let query = `limit=${limit}`;
  for (;;) {
    const page = await eventsPage(api, query);
    all.push(...page.items);
    if (!page.nextCursor) return all;
    query = `limit=${limit}&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

const inviteMany = (api: Api, count: number, by = 'n') =>
  Promise.all(
    Array.from({ length: count }, (_, i) =>
      invite(api, { email: `${by}${i}@clinic.example`, name: `Dr N ${i}`, role: 'clinician' }),
    ),
  );

/** The members' recent changes as stored: how many events the item holds. */
const recentHeld = async (api: Api) => {
  const { Item } = await api.table.doc.send(
    new GetCommand({
      TableName: api.table.tableName,
      Key: keys.recentMemberChanges('demo-clinic'),
    }),
  );
  return Item ? Object.keys(Item).filter((name) => name.startsWith('event#')).length : null;
};

describe("the members' recent changes, kept beside the members (ADR 28)", () => {
  it('shows the newest 20 first, and the pages after carry on without a gap or a repeat', async () => {
    const api = await seededApi();
    for (const response of await inviteMany(api, 12, 'a')) expect(response.status).toBe(201);
    for (const response of await inviteMany(api, 11, 'b')) expect(response.status).toBe(201);
    for (const response of await inviteMany(api, 1, 'c')) expect(response.status).toBe(201);

    const first = await eventsPage(api, 'limit=20');
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const audit = await wholeAudit(api, 20);
    expect(audit).toHaveLength(24);
    expect(new Set(audit.map((event) => event.id)).size).toBe(24);
    expect(audit.slice(0, 20)).toEqual(first.items);
    // Newest first, as the audit is read page by page.
    expect(audit.map((event) => event.id)).toEqual(
      audit
        .map((event) => event.id)
        .sort()
        .reverse(),
    );
    expect(await wholeAudit(api, 7)).toEqual(audit);
    // The item keeps as many as the page shows (changes at the same moment may leave a few
    // more, which the next change takes away): it does not grow with the audit.
    expect(await recentHeld(api)).toBe(20);
  });

  it('keeps every change made at the same moment', async () => {
    const api = await seededApi();
    const responses = await inviteMany(api, 6);
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    const invited = await Promise.all(responses.map(async (r) => ((await r.json()) as Member).id));
    const recent = (await eventsPage(api, 'limit=20')).items;
    expect(recent.map((event) => event.memberId).sort()).toEqual([...invited].sort());
  });

  it('an organisation changed before they existed: its audit is read from the events, then kept', async () => {
    const api = await seededApi();
    for (const response of await inviteMany(api, 3)) expect(response.status).toBe(201);
    const audit = await wholeAudit(api, 20);
    // As an organisation changed before this item was written.
    await api.table.doc.send(
      new DeleteCommand({
        TableName: api.table.tableName,
        Key: keys.recentMemberChanges('demo-clinic'),
      }),
    );
    expect(await eventsPage(api, 'limit=20')).toEqual({ items: audit, nextCursor: null });
    expect(await recentHeld(api)).toBe(3);
    expect((await eventsPage(api, 'limit=2')).items).toEqual(audit.slice(0, 2));

    const [later] = await inviteMany(api, 1, 'later');
    expect(later!.status).toBe(201);
    const now = (await eventsPage(api, 'limit=20')).items;
    expect(now).toHaveLength(4);
    expect(now.slice(1)).toEqual(audit);
  });
});

describe('a local table seeded before members had roles', () => {
  it('is upgraded at the next start: the seeded clinicians become admins, once', async () => {
    const table = await seededTable();
    // As the seed wrote it before: no roles, no count, no email claims.
    for (const [orgId, clinicianId, email] of [
      ['demo-clinic', 'demo-clinician', DEMO],
      ['other-clinic', 'other-clinician', OTHER],
    ] as const) {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.clinician(orgId, clinicianId),
          UpdateExpression: 'REMOVE #role, #status, subject',
          ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
        }),
      );
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.organisation(orgId),
          UpdateExpression: 'REMOVE adminCount',
        }),
      );
      await table.doc.send(
        new DeleteCommand({ TableName: table.tableName, Key: memberEmailKey(email) }),
      );
    }
    expect(
      await table.store.people.clinician({ orgId: 'demo-clinic', clinicianId: 'demo-clinician' }),
    ).toMatchObject({ role: 'clinician' });

    expect(await seedOnce(table.db)).toBe(false);
    expect(await seedOnce(table.db)).toBe(false);
    expect(
      await table.store.people.clinician({ orgId: 'demo-clinic', clinicianId: 'demo-clinician' }),
    ).toMatchObject({ role: 'admin' });
    const org = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.organisation('other-clinic') }),
    );
    expect(org.Item?.['adminCount']).toBe(1);
    expect(await table.store.members.emailTaken(OTHER)).toBe(true);
  });
});
