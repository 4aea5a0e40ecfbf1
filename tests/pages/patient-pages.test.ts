import { describe, expect, it } from 'vitest';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { createDb } from '#functions/store/db';
import { createDynamoStore } from '#functions/store/store';
import { stepPath } from '#shared/record/rules';
import { ORIGIN } from '#tests/support/api';
import { remixPages, rootApp } from '#tests/support/root-app';
import { seededTable, type Table } from '#tests/support/store';

/**
 * The patient's pages as the server renders them (the production Remix build
 * from `npm run build`), through the whole root app: forms posted as a browser
 * without JavaScript posts them.
 */

/** The root app on a fresh seeded table, or on `table` again (with another clock). */
async function site(options: { now?: () => Date; table?: Table; storeDown?: () => boolean } = {}) {
  const table = options.table ?? (await seededTable());
  const db = createDb(table.doc, table.tableName, options.now);
  const store = createDynamoStore(db);
  const { request } = await rootApp({
    table,
    ...(options.storeDown ? { doc: hangingWhen(table.doc, options.storeDown) } : {}),
    remix: await remixPages(),
    ...(options.now ? { now: options.now } : {}),
  });
  const invite = async (days = 30) => {
    const created = await store.invitations.create('demo-clinic', {
      aidId: DEMO_AID_ID,
      aidVersion: 1,
      aidTitle: 'Knee osteoarthritis: what are my options?',
      clinicReference: null,
      expiresAt: new Date(Date.now() + days * 86_400_000),
      by: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
    });
    return created;
  };
  return { table, store, request, invite };
}

/** The document client, made to hang (until the caller gives up) while `down()` says so. */
function hangingWhen(doc: Table['doc'], down: () => boolean): Table['doc'] {
  const send = (command: never, options?: { abortSignal?: AbortSignal }) =>
    down()
      ? new Promise((_resolve, reject) =>
          options?.abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
          ),
        )
      : doc.send(command, options);
  return Object.assign(Object.create(doc) as Table['doc'], { send });
}

const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin: ORIGIN,
    ...(cookie ? { cookie } : {}),
  },
  body: new URLSearchParams(fields).toString(),
});

async function startSession(
  request: (url: string, init?: RequestInit) => Promise<Response>,
  token: string,
) {
  const started = await request(`/p/${token}/start`, form({}));
  expect(started.status).toBe(303);
  expect(started.headers.get('location')).toBe('/patient');
  const setCookie = started.headers.getSetCookie().find((c) => c.startsWith('dt_patient='))!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/Path=\/patient/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  return setCookie.split(';')[0]!;
}

const revisionIn = (html: string) => Number(/name="revision" value="(\d+)"/.exec(html)?.[1]);

describe('the link page', () => {
  it('welcomes the patient without opening anything, and starts on "Start"', async () => {
    const { request, invite, store } = await site();
    const { token, invitation } = await invite();
    const page = await request(`/p/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Demo Clinic has asked you to read this guide');
    expect(html).toContain(`action="/p/${token}/start"`);
    expect((await store.invitations.get('demo-clinic', invitation.id))?.status).toBe('not-opened');

    const cookie = await startSession(request, token);
    const resume = await request('/patient', { headers: { cookie } });
    expect(resume.status).toBe(302);
    expect(resume.headers.get('location')).toBe('/patient/decision');
    expect((await store.invitations.get('demo-clinic', invitation.id))?.status).toBe('in-progress');
  });

  it('says 404 for an unknown link and tells the patient to call the clinic', async () => {
    const { request } = await site();
    const page = await request(`/p/${'x'.repeat(43)}`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('We could not find this link');
    expect(html).toContain('call your clinic');
    expect((await request('/p/short')).status).toBe(404);
  });

  it('says 410 for a withdrawn link, and for an expired one', async () => {
    const { request, invite, store, table } = await site();
    const withdrawn = await invite();
    await store.invitations.revoke('demo-clinic', withdrawn.invitation.id, {
      id: 'demo-clinician',
      name: 'Dr Alex Morgan',
    });
    const page = await request(`/p/${withdrawn.token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Your clinic has stopped this link');
    // Start on a withdrawn link goes back to the page that explains.
    const start = await request(`/p/${withdrawn.token}/start`, form({}));
    expect(start.headers.get('location')).toBe(`/p/${withdrawn.token}`);

    const expiring = await invite(1);
    const twoDaysLater = await site({ table, now: () => new Date(Date.now() + 2 * 86_400_000) });
    const expired = await twoDaysLater.request(`/p/${expiring.token}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has run out of time');
  });

  it('asks the patient to open the link again when there is no session', async () => {
    const { request } = await site();
    const page = await request('/patient/options');
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Please open your link again');
  });
});

describe('leaving the guide', () => {
  it('ends the session on this device; the link still opens the same record', async () => {
    const { request, invite } = await site();
    const { token } = await invite();
    const cookie = await startSession(request, token);
    const left = await request('/patient/leave', form({}, cookie));
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe('/goodbye');
    expect(left.headers.getSetCookie().some((c) => /^dt_patient=;.*Path=\/patient/.test(c))).toBe(
      true,
    );
    expect((await request('/patient/decision', { headers: { cookie } })).status).toBe(401);
    expect(await (await request('/goodbye')).text()).toContain('Your answers are saved');
    const again = await startSession(request, token);
    expect((await request('/patient/decision', { headers: { cookie: again } })).status).toBe(200);
  });
});

describe('the steps, without JavaScript', () => {
  it('shows every step with where the patient is, and saves each one', async () => {
    const { request, invite } = await site();
    const cookie = await startSession(request, (await invite()).token);
    // The guide as published: its reading level, and numbers that say what happens, both sides.
    const about = await (await request(stepPath(1), { headers: { cookie } })).text();
    expect(about).toMatch(/How easy it is to read.*About school grade \d+/s);
    const options = await (await request(stepPath(2), { headers: { cookie } })).text();
    expect(options).toContain(
      '<strong>80 out of 100</strong> people with knee osteoarthritis like you have much less pain over 1 year; 20 do not.',
    );
    const step = async (n: number, fields: Record<string, string>) => {
      const page = await request(stepPath(n), { headers: { cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`Step ${n} of 7`);
      const saved = await request(
        `${stepPath(n)}?index`,
        form({ ...fields, revision: String(revisionIn(html)), intent: 'next' }, cookie),
      );
      expect(saved.status, `step ${n}`).toBe(302);
      return saved.headers.get('location');
    };
    expect(
      await step(1, {
        'howToDecide.role': 'together',
        'howToDecide.others': 'My sister',
        'howToDecide.timing': 'weeks',
      }),
    ).toBe('/patient/options');
    expect(await step(2, { marks: 'pain' })).toBe('/patient/values');
    expect(
      await step(3, {
        'ratings.pain': '4',
        'ownConcerns[0].text': 'My grandchildren',
        'ownConcerns[0].rating': '3',
      }),
    ).toBe('/patient/leaning');
    const fit = await (await request('/patient/leaning', { headers: { cookie } })).text();
    expect(fit).toContain('The guide says it does better on');
    // The patient's own concern, with their own judgement per option.
    expect(fit).toContain('Your own things: what you think');
    const concernId = /name="concernFits\.([^."]+)\.surgery"/.exec(fit)?.[1];
    expect(concernId).toBeTruthy();
    expect(
      await step(4, { leaning: 'not-sure', [`concernFits.${concernId}.surgery`]: 'harder' }),
    ).toBe('/patient/sure');
    expect(await (await request('/patient/leaning', { headers: { cookie } })).text()).toMatch(
      new RegExp(`name="concernFits\\.${concernId}\\.surgery"[^>]*checked=""[^>]*value="harder"`),
    );
    const sureAnswers = {
      'sure.sure': 'no',
      'sure.understand': 'yes',
      'sure.riskBenefit': 'yes',
      'sure.encouragement': 'yes',
    };
    // The check of understanding, written from the guide's numbers, with "I'm not sure" always there.
    const before = await (await request('/patient/sure', { headers: { cookie } })).text();
    expect(before).toContain('Check what you read');
    const checkName = /name="(understanding\.[^."]+\.[^."]+)"/.exec(before)?.[1];
    expect(checkName).toBeTruthy();
    expect(before).toContain('I&#x27;m not sure');
    // A "no": saved, and shown on the step's own page with its next step.
    expect(await step(5, { ...sureAnswers, [checkName!]: 'not-sure' })).toBe(
      '/patient/sure?saved=1#sure-result',
    );
    const sure = await (await request('/patient/sure?saved=1', { headers: { cookie } })).text();
    expect(sure).toMatch(/The guide says \d+ out of \d+\./);
    expect(sure).toContain('You can read it again in step 2');
    expect(sure).toContain('You said yes to 3 of 4 questions.');
    expect(sure).toContain('Lots of people feel this way before they decide');
    expect(sure).toContain('Look again at how the options fit');
    expect(sure).toContain('name="resultShown"');
    expect(await step(5, { ...sureAnswers, [checkName!]: 'not-sure', resultShown: '1' })).toBe(
      '/patient/questions',
    );
    expect(await step(6, { questions: 'How long is the wait?', 'readElsewhere.note': '' })).toBe(
      '/patient/summary',
    );
    const summary = await (await request('/patient/summary', { headers: { cookie } })).text();
    expect(summary).toContain('How long is the wait?');
    expect(summary).toContain('My grandchildren');
    expect(summary).toContain('I want to decide together with my clinic.');
    expect(summary).toContain('My sister');
    expect(summary).toMatch(/Version 1, from /);
    // The patient's own view of an option on their own concern.
    expect(summary).toContain('It makes this harder');
    // Numbers and certainty beside what the guide says.
    expect(summary).toMatch(/\d+ out of \d+/);
    expect(await step(7, {})).toBe('/patient/summary?ready=1');
  });

  it('shows how the options fit an own concern alone, with the evidence beside the guide’s judgements, and no score, total or ranking', async () => {
    const { request, invite } = await site();
    const cookie = await startSession(request, (await invite()).token);
    const post = async (path: string, fields: Record<string, string>) => {
      const html = await (await request(path, { headers: { cookie } })).text();
      return request(
        `${path}?index`,
        form({ ...fields, revision: String(revisionIn(html)), intent: 'next' }, cookie),
      );
    };
    expect(
      (
        await post('/patient/values', {
          'ownConcerns[0].text': 'Being able to keep working night shifts',
          'ownConcerns[0].rating': '4',
        })
      ).status,
    ).toBe(302);
    const onlyOwn = await (await request('/patient/leaning', { headers: { cookie } })).text();
    expect(onlyOwn).not.toContain('You did not say that anything matters');
    expect(onlyOwn).toContain('Being able to keep working night shifts');
    expect(onlyOwn).toContain('It makes this harder');

    // A concern that is not the patient's, and an option the guide does not have: refused at the form.
    for (const name of ['concernFits.nope.surgery', 'concernFits.x.helicopter']) {
      const tampered = await post('/patient/leaning', { [name]: 'helps' });
      expect(tampered.status, name).toBe(422);
      expect(await tampered.text()).toContain('Please check the answers marked below');
    }

    expect(
      (await post('/patient/values', { 'ratings.pain': '4', 'ratings.serious-problems': '3' }))
        .status,
    ).toBe(302);
    const fit = await (await request('/patient/leaning', { headers: { cookie } })).text();
    expect(fit).toContain('The groups below show what the people who wrote this guide think.');
    // The numbers behind the judgements, as words and pictures, and how sure the evidence is.
    expect(fit).toMatch(/class="icon-array"/);
    expect(fit).toMatch(/\d+ out of \d+/);
    expect(fit).toMatch(/We are (very |fairly |not very )?sure|We don&#x27;t know|We are not sure/);
    // Options in the guide's order, and nothing that scores, totals or ranks them.
    const headings = [...fit.matchAll(/<h2 id="fit-([^"]+)"/g)].map((m) => m[1]);
    expect(headings).toEqual(['exercise', 'surgery', 'wait']);
    const words = fit.replace(/<[^>]+>/g, ' ');
    expect(words).not.toMatch(/\b(score|scored|total|rank|ranked|best option|winner|points)\b/i);
  });

  it('refuses a tampered rating and an unknown option with a message at the field, saving nothing', async () => {
    const { request, invite } = await site();
    const cookie = await startSession(request, (await invite()).token);
    const html = await (await request('/patient/values', { headers: { cookie } })).text();
    const revision = String(revisionIn(html));
    const tampered = await request(
      '/patient/values?index',
      form({ 'ratings.pain': '7', revision, intent: 'next' }, cookie),
    );
    expect(tampered.status).toBe(422);
    const page = await tampered.text();
    expect(page).toContain('Please check the answers marked below');
    expect(page).toMatch(/id="step-ratings.pain-error">Choose one of the answers</);
    expect(page).toMatch(/<fieldset[^>]*aria-describedby="step-ratings.pain-error"/);

    const unknown = await request(
      '/patient/leaning?index',
      form({ leaning: 'helicopter', revision, intent: 'next' }, cookie),
    );
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain(
      'Choose one of the options, or &quot;not sure yet&quot;',
    );

    const stillThere = await (await request('/patient/values', { headers: { cookie } })).text();
    expect(revisionIn(stillThere)).toBe(Number(revision));
  });

  it('saves a double submit once, and says when another window changed the answers', async () => {
    const { request, invite } = await site();
    const cookie = await startSession(request, (await invite()).token);
    const html = await (await request('/patient/values', { headers: { cookie } })).text();
    const revision = String(revisionIn(html));
    // A new concern's id comes with the form, so the second copy is the same answer.
    const concernId = /name="ownConcerns\[0\].id" value="([\w-]+)"/.exec(html)?.[1] ?? '';
    expect(concernId).not.toBe('');
    const fields = {
      'ratings.pain': '4',
      'ownConcerns[0].id': concernId,
      'ownConcerns[0].text': 'Walking the dog',
      revision,
      intent: 'next',
    };
    const [first, second] = await Promise.all([
      request('/patient/values?index', form(fields, cookie)),
      request('/patient/values?index', form(fields, cookie)),
    ]);
    expect([first.status, second.status]).toEqual([302, 302]);

    const conflict = await request(
      '/patient/values?index',
      form({ ...fields, 'ratings.pain': '1' }, cookie),
    );
    expect(conflict.status).toBe(409);
    const page = await conflict.text();
    expect(page).toContain('This was changed in another window');
    // The patient's own answer is still in the form, and saving again is based on what is there now.
    expect(page).toMatch(/name="ratings.pain" form="step" type="radio" checked="" value="1"/);
    expect(revisionIn(page)).toBe(Number(revision) + 1);
  });
});

describe('when the store stops answering', () => {
  it('keeps what the patient typed, says to try again in a moment, and saves once it is back', async () => {
    let down = false;
    const { request, invite } = await site({ storeDown: () => down });
    const cookie = await startSession(request, (await invite()).token);
    const page = await request(stepPath('sure'), { headers: { cookie } });
    const revision = revisionIn(await page.text());

    down = true;
    const worries = 'Whether I can still look after my grandson';
    const unsaved = await request(
      stepPath('sure'),
      form({ revision: String(revision), worries, intent: 'next' }, cookie),
    );
    expect(unsaved.status).toBe(503);
    expect(unsaved.headers.get('retry-after')).toBeTruthy();
    const html = await unsaved.text();
    expect(html).toContain('We could not save this just now');
    expect(html).toContain(worries);

    const unreadable = await request(stepPath('values'), { headers: { cookie } });
    expect(unreadable.status).toBe(503);
    expect(unreadable.headers.get('retry-after')).toBeTruthy();
    expect(await unreadable.text()).toContain('Please try again in a moment');

    down = false;
    const saved = await request(
      stepPath('sure'),
      form({ revision: String(revision), worries, intent: 'next' }, cookie),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(stepPath('questions'));
  }, 30_000);
});
