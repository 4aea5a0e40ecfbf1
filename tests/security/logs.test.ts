import { expect, it } from 'vitest';
import { DEMO_AID_ID } from '#functions/dev/seed';
import type { RecordView } from '#shared/record/schema';
import {
  createSite,
  DEMO_EMAIL,
  form,
  ORIGIN,
  OTHER_EMAIL,
  withHeaders,
  type Site,
} from './support';

/**
 * A whole visit, through the root app as a browser and a script drive it,
 * with every log line kept: none may hold a link's token, a session's id, a
 * bearer token, an email address, or anything a patient or clinician typed.
 */

const TYPED = 'Qx9TypedWords';

/** The value of a cookie the answer sets. */
const cookieSet = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]!
    .slice(name.length + 1);

/** Signs in as a browser does: the OpenID Connect flow with the development issuer's page. */
async function signIn(site: Site, email: string): Promise<string> {
  const start = await site.request('/auth/signin', { redirect: 'manual' });
  expect(start.status).toBe(302);
  const pending = `dt_signin=${cookieSet(start, 'dt_signin')}`;
  const authorize = new URL(start.headers.get('location')!);
  const chosen = await site.request(
    '/dev/authorize',
    form([...authorize.searchParams.entries(), ['email', email]]),
  );
  expect(chosen.status).toBe(303);
  const callback = new URL(chosen.headers.get('location')!);
  const done = await site.request(callback.pathname + callback.search, {
    headers: { cookie: pending },
    redirect: 'manual',
  });
  expect(done.headers.get('location')).toBe('/');
  return cookieSet(done, 'dt_session')!;
}

it('writes no token, session id, email address or typed text to the logs', async () => {
  const site = await createSite();
  const { request, logs } = site;
  const typed = (what: string) => `${what} ${TYPED}`;

  // The clinician signs in, and a script of theirs uses a bearer token.
  const session = await signIn(site, DEMO_EMAIL);
  const clinician = { cookie: `dt_session=${session}` };
  const bearer = await site.tokenFor(DEMO_EMAIL);
  expect(
    (await request('/api/me', { headers: { authorization: `Bearer ${bearer}` } })).status,
  ).toBe(200);

  // An invitation from the invitations page; its link is on the handout.
  const invited = await request(
    '/invitations',
    withHeaders(
      form({
        aid: `${DEMO_AID_ID}@1`,
        clinicReference: `Ref ${TYPED}`.slice(0, 40),
        expiresInDays: '30',
      }),
      clinician,
    ),
  );
  expect(invited.status).toBe(200);
  const token = new RegExp(`${ORIGIN}/p/([\\w-]{43})`).exec(await invited.text())?.[1];
  expect(token).toBeDefined();

  // The patient opens the link, and answers every step with their own words.
  expect((await request(`/p/${token}`)).status).toBe(200);
  const started = await request(`/p/${token}/start`, form({}));
  expect(started.status).toBe(303);
  const patientSession = cookieSet(started, 'dt_patient')!;
  const patient = { cookie: `dt_patient=${patientSession}` };
  const view = async () =>
    (await (await request('/api/patient/record', { headers: patient })).json()) as RecordView;
  const step = async (name: string, fields: Record<string, string>) => {
    const { record } = await view();
    const saved = await request(
      `/patient/${name}`,
      withHeaders(form({ ...fields, revision: String(record.revision), intent: 'next' }), patient),
    );
    expect(saved.status, `${name}: ${saved.status}`).toBe(302);
  };
  const { aid } = await view();
  const [firstRow] = aid.content.rows;
  await step('options', { marks: firstRow!.id });
  await step('values', {
    [`ratings.${firstRow!.id}`]: '4',
    'ownConcerns[0].text': typed('My garden'),
    'ownConcerns[0].rating': '3',
  });
  await step('leaning', { leaning: aid.content.options[0]!.id });
  await step('sure', {
    'sure.sure': 'no',
    'sure.understand': 'yes',
    'sure.riskBenefit': 'yes',
    'sure.encouragement': 'yes',
    worries: typed('I worry'),
  });
  await step('questions', {
    questions: typed('How long?'),
    'readElsewhere.note': typed('A leaflet'),
  });
  // A refused answer, with the typed words in it: refused at the field, not logged.
  const refused = await request(
    '/patient/values',
    withHeaders(
      form({ 'ownConcerns[0].text': typed('x'.repeat(300)), revision: '1', intent: 'next' }),
      patient,
    ),
  );
  expect(refused.status).toBe(422);
  const ready = await request(
    '/patient/summary',
    withHeaders(form({ revision: String((await view()).record.revision) }), patient),
  );
  expect(ready.status).toBe(302);

  // The clinician decides with the patient, in the consult view's form.
  const { record } = await view();
  const decided = await request(
    `/records/${record.id}`,
    withHeaders(
      form({
        intent: 'decide',
        revision: String(record.revision),
        clientToken: 'logs-decision',
        'choice.optionId': aid.content.options[0]!.id,
        notes: typed('Notes'),
        openQuestions: typed('Open'),
        followUp: typed('Follow up'),
        participants: typed('Her son'),
      }),
      clinician,
    ),
  );
  expect(decided.status, await decided.clone().text()).toBe(302);

  // The patient confirms, with a comment.
  const confirmed = await request(
    '/patient/record',
    withHeaders(
      form({
        recordId: record.id,
        revision: String((await view()).record.revision),
        clientToken: 'logs-confirm',
        comment: typed('Yes'),
      }),
      patient,
    ),
  );
  expect(confirmed.status).toBe(302);

  // Mistakes and probes that end in errors, carrying secrets where a careless log would print them.
  await request(`/api/aids?token=${token}&email=${DEMO_EMAIL}`, { headers: clinician });
  await request(`/p/${token}.data`);
  await request('/api/me', { headers: { authorization: `Bearer ${bearer}x` } });
  await request('/api/aids', {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: `{"title": "${TYPED}", `,
  });
  await request('/api/patient/link', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: `${token}`.replace(/.$/, '_') }),
  });
  await request('/api/sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${await site.tokenFor(OTHER_EMAIL)}` },
  });
  expect((await request('/auth/signout', withHeaders(form({}), clinician))).status).toBe(303);
  expect((await request('/patient/leave', withHeaders(form({}), patient))).status).toBe(303);

  const text = logs.lines.join('\n');
  // Requests were logged, the link's by its route's shape.
  expect(logs.lines.length).toBeGreaterThan(30);
  expect(logs.entries()).toContainEqual(
    expect.objectContaining({ message: 'page request', path: '/p/:token/start', status: 303 }),
  );
  expect(logs.entries()).toContainEqual(
    expect.objectContaining({ message: 'api request', path: '/api/aids', status: 400 }),
  );
  // Each is checked whole and by a long enough piece, in case one is logged cut or reformatted.
  const secrets: Record<string, string> = {
    'link token': token!,
    'clinician session id': session,
    'patient session id': patientSession,
    'bearer token': bearer,
    "bearer token's signature": bearer.split('.')[2]!,
  };
  for (const [what, secret] of Object.entries(secrets)) {
    expect(text.includes(secret), `a ${what} is in the logs`).toBe(false);
    expect(text.includes(secret.slice(0, 16)), `part of a ${what} is in the logs`).toBe(false);
  }
  expect(text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [], 'email addresses in the logs').toEqual(
    [],
  );
  expect(text.includes(TYPED), 'typed text is in the logs').toBe(false);
}, 60_000);
