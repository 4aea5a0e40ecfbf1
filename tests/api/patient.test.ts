import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { createDb } from '#functions/store/db';
import { LinkChangedError } from '#functions/store/errors';
import { keys } from '#functions/store/keys';
import { createDynamoStore } from '#functions/store/store';
import type { Aid } from '#shared/aid/aids';
import type { CreatedInvitation, Invitation } from '#shared/invitations';
import type { DecisionRecord, RecordView } from '#shared/record/schema';
import { captureLogs, DEMO, OTHER, ORIGIN, seededApi } from '../support/api';

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const put = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  ...post(body, headers),
  method: 'PUT',
});

async function setup() {
  const api = await seededApi();
  const clinician = await api.as(DEMO);
  const invite = async (body: Record<string, unknown> = {}) => {
    const response = await clinician(
      '/api/invitations',
      post({ aidId: DEMO_AID_ID, version: 1, ...body }),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedInvitation;
    return { ...created, token: created.link.split('/p/')[1]! };
  };
  /** Opens a link as a patient would, and calls the patient API with that session. */
  const open = async (token: string) => {
    const response = await api.app.request('/api/patient/sessions', post({ token }));
    expect(response.status).toBe(201);
    const { sessionId } = (await response.json()) as { sessionId: string };
    return (path: string, init: RequestInit = {}) =>
      api.app.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: `dt_patient=${sessionId}` },
      });
  };
  return { ...api, clinician, invite, open };
}

const record = async (response: Response | Promise<Response>) =>
  (await (await response).json()) as DecisionRecord;

describe('invitations', () => {
  it('creates an invitation with a one-time link of 256 random bits, stored only as a hash', async () => {
    const { invite, clinician, table } = await setup();
    const { invitation, link, token } = await invite({ clinicReference: 'Appt 4417' });
    expect(link).toBe(`${ORIGIN}/p/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation).toMatchObject({
      aidId: DEMO_AID_ID,
      aidVersion: 1,
      aidTitle: 'Knee osteoarthritis: what are my options?',
      clinicReference: 'Appt 4417',
      status: 'not-opened',
      recordId: null,
    });
    const days =
      (new Date(invitation.expiresAt).getTime() - new Date(invitation.createdAt).getTime()) /
      86_400_000;
    expect(Math.round(days)).toBe(30);

    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    expect(JSON.stringify(Items)).not.toContain(token);
    expect(Items.some((item) => String(item.pk).startsWith('TOKEN#'))).toBe(true);

    const list = await (await clinician('/api/invitations')).json();
    expect(list.items.map((i: Invitation) => i.id)).toEqual([invitation.id]);
  });

  it('refuses a reference over 40 characters, more than 90 days, and an unpublished version', async () => {
    const { clinician } = await setup();
    const response = await clinician(
      '/api/invitations',
      post({ aidId: DEMO_AID_ID, version: 1, clinicReference: 'x'.repeat(41), expiresInDays: 91 }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/clinicReference',
      '/expiresInDays',
    ]);
    const unpublished = await clinician(
      '/api/invitations',
      post({ aidId: DEMO_AID_ID, version: 2 }),
    );
    expect(unpublished.status).toBe(422);
    expect((await unpublished.json()).errors).toEqual([
      { pointer: '/version', detail: expect.any(String) },
    ]);
  });

  it("keeps each organisation's invitations to itself", async () => {
    const { invite, as } = await setup();
    const { invitation } = await invite();
    const other = await as(OTHER);
    expect((await (await other('/api/invitations')).json()).items).toEqual([]);
    expect(
      (await other(`/api/invitations/${invitation.id}/revoke`, { method: 'POST' })).status,
    ).toBe(404);
    expect((await other('/api/invitations', post({ aidId: DEMO_AID_ID, version: 1 }))).status).toBe(
      422,
    );
  });
});

describe('opening a link', () => {
  it('describes a working link without opening it, and says 404 for an unknown one', async () => {
    const { invite, app, clinician } = await setup();
    const { token, invitation } = await invite();
    const link = await app.request('/api/patient/link', post({ token }));
    expect(link.status).toBe(200);
    expect(await link.json()).toEqual({
      aidTitle: 'Knee osteoarthritis: what are my options?',
      organisationName: 'Demo Clinic',
      expiresAt: invitation.expiresAt,
      demonstration: true,
      decided: false,
    });
    const listed = ((await (await clinician('/api/invitations')).json()).items as Invitation[])[0];
    expect(listed?.status).toBe('not-opened');

    const unknown = await app.request('/api/patient/link', post({ token: 'x'.repeat(43) }));
    expect(unknown.status).toBe(404);
    expect(
      (await app.request('/api/patient/sessions', post({ token: 'x'.repeat(43) }))).status,
    ).toBe(404);
  });

  it('creates the record once, pinned to the version, and opens the same record on another device', async () => {
    const { invite, open, clinician } = await setup();
    const { token } = await invite();
    const phone = await open(token);
    const laptop = await open(token);
    const first = (await (await phone('/api/patient/record')).json()) as {
      record: DecisionRecord;
      aid: { version: number };
    };
    const second = (await (await laptop('/api/patient/record')).json()) as {
      record: DecisionRecord;
    };
    expect(second.record.id).toBe(first.record.id);
    expect(first.record).toMatchObject({
      status: 'in-progress',
      currentStep: 1,
      aidVersion: 1,
      revision: 1,
    });
    expect(first.aid.version).toBe(1);
    const listed = ((await (await clinician('/api/invitations')).json()).items as Invitation[])[0];
    expect(listed).toMatchObject({ status: 'in-progress', recordId: first.record.id });

    // A new version of the aid does not change what the patient reads.
    const draft = (await (await clinician(`/api/aids/${DEMO_AID_ID}`)).json()) as Aid;
    const edited = await clinician(
      `/api/aids/${DEMO_AID_ID}`,
      put({
        content: { ...draft.content, title: 'Knee pain: your choices' },
        revision: draft.revision,
      }),
    );
    const saved = (await edited.json()) as Aid;
    await clinician(`/api/aids/${DEMO_AID_ID}/publish`, post({ revision: saved.revision }));
    const again = (await (await phone('/api/patient/record')).json()) as {
      aid: { title: string; version: number };
    };
    expect(again.aid).toMatchObject({
      title: 'Knee osteoarthritis: what are my options?',
      version: 1,
    });
  });

  it('answers 410 for a withdrawn link and ends its open sessions', async () => {
    const { invite, open, app, clinician } = await setup();
    const { token, invitation } = await invite();
    const patient = await open(token);
    expect((await patient('/api/patient/record')).status).toBe(200);
    const revoked = await clinician(`/api/invitations/${invitation.id}/revoke`, { method: 'POST' });
    expect(((await revoked.json()) as Invitation).status).toBe('revoked');

    const link = await app.request('/api/patient/link', post({ token }));
    expect(link.status).toBe(410);
    expect(await link.json()).toMatchObject({ type: '/problems/gone', reason: 'revoked' });
    expect((await app.request('/api/patient/sessions', post({ token }))).status).toBe(410);
    expect((await patient('/api/patient/record')).status).toBe(410);
  });

  it("keeps the link's state with the record as the clinic extends and withdraws it, records opened before included", async () => {
    const { invite, open, clinician, table } = await setup();
    const view = async (response: Response | Promise<Response>) =>
      (await (await response).json()) as RecordView;
    const linkOf = async (response: Response | Promise<Response>) => (await view(response)).link;

    const { token, invitation } = await invite();
    const patient = await open(token);
    expect(await linkOf(patient('/api/patient/record'))).toEqual({
      expiresAt: invitation.expiresAt,
      revokedAt: null,
    });
    const extended = (await (
      await clinician(`/api/invitations/${invitation.id}/extend`, post({ days: 60 }))
    ).json()) as Invitation;
    expect(extended.expiresAt).not.toBe(invitation.expiresAt);
    const recordId = (await view(patient('/api/patient/record'))).record.id;
    for (const read of [patient('/api/patient/record'), clinician(`/api/records/${recordId}`)])
      expect(await linkOf(read)).toEqual({ expiresAt: extended.expiresAt, revokedAt: null });

    // A record opened before records kept their link's state: its invitation says.
    const older = await invite();
    const olderPatient = await open(older.token);
    const olderRecordId = (await view(olderPatient('/api/patient/record'))).record.id;
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.record('demo-clinic', olderRecordId),
        UpdateExpression: 'REMOVE linkExpiresAt',
      }),
    );
    expect(await linkOf(clinician(`/api/records/${olderRecordId}`))).toEqual({
      expiresAt: older.invitation.expiresAt,
      revokedAt: null,
    });
    await clinician(`/api/invitations/${older.invitation.id}/revoke`, { method: 'POST' });
    expect((await olderPatient('/api/patient/record')).status).toBe(410);
    expect((await linkOf(clinician(`/api/records/${olderRecordId}`))).revokedAt).not.toBeNull();
  });

  it('makes no record for a link withdrawn while it was being opened, and opens one extended meanwhile', async () => {
    const { invite, app, clinician, table } = await setup();
    const withdrawn = await invite();
    const read = await table.store.invitations.findByToken(withdrawn.token);
    await clinician(`/api/invitations/${withdrawn.invitation.id}/revoke`, { method: 'POST' });
    await expect(table.store.records.openFor(read!.orgId, read!.invitation)).rejects.toThrow(
      LinkChangedError,
    );
    const { items } = (await (await clinician('/api/invitations')).json()) as {
      items: Invitation[];
    };
    const after = items.find((item) => item.id === withdrawn.invitation.id);
    expect(after).toMatchObject({ status: 'revoked', recordId: null });

    const extended = await invite();
    const stale = await table.store.invitations.findByToken(extended.token);
    await clinician(`/api/invitations/${extended.invitation.id}/extend`, post({ days: 60 }));
    await expect(table.store.records.openFor(stale!.orgId, stale!.invitation)).rejects.toThrow(
      LinkChangedError,
    );
    expect(
      (await app.request('/api/patient/sessions', post({ token: extended.token }))).status,
    ).toBe(201);
  });

  it('answers 410 for an expired link', async () => {
    const { invite, table } = await setup();
    const { token } = await invite({ expiresInDays: 1 });
    const later = createDynamoStore(
      createDb(table.doc, table.tableName, () => new Date(Date.now() + 2 * 86_400_000)),
    );
    const invitation = await later.invitations.findByToken(token);
    expect(invitation).not.toBeNull();
    const app = createApp({
      store: later,
      verifier: { verify: async () => ({ subject: 'x' }) },
      log: captureLogs().log,
      publicOrigin: ORIGIN,
      loadPdfRenderer: loadLocalPdfRenderer,
    });
    const link = await app.request('/api/patient/link', post({ token }));
    expect(link.status).toBe(410);
    expect(await link.json()).toMatchObject({ reason: 'expired' });
  });

  it('keeps patients and clinicians apart: neither session reaches the other API', async () => {
    const { invite, open, app, tokenFor } = await setup();
    const patient = await open((await invite()).token);
    // Known as a patient's: refused, not asked to sign in.
    expect((await patient('/api/aids')).status).toBe(403);
    expect((await patient('/api/invitations')).status).toBe(403);
    const clinicianToken = await tokenFor(DEMO);
    expect(
      (
        await app.request('/api/patient/record', {
          headers: { authorization: `Bearer ${clinicianToken}` },
        })
      ).status,
    ).toBe(401);
  });
});

describe('saving the steps', () => {
  it('saves each step and moves the patient on, then marks the record ready', async () => {
    const { invite, open, clinician } = await setup();
    const patient = await open((await invite()).token);
    let current = (await (await patient('/api/patient/record')).json()).record as DecisionRecord;

    const step = async (name: string, answers: Record<string, unknown>) => {
      const response = await patient(
        `/api/patient/record/steps/${name}`,
        put({ revision: current.revision, answers }),
      );
      expect(response.status, name).toBe(200);
      current = await record(response);
    };
    await step('decision', {
      howToDecide: { role: 'together', others: '  My sister  ', timing: 'weeks' },
    });
    expect(current.currentStep).toBe(2);
    expect(current.answers.howToDecide).toEqual({
      role: 'together',
      others: 'My sister',
      timing: 'weeks',
    });
    await step('options', { marks: ['pain'] });
    await step('values', {
      ratings: { pain: 4, 'serious-problems': 3, recovery: 0 },
      ownConcerns: [{ id: 'c1', text: 'Looking after my grandchildren', rating: 4 }],
    });
    await step('leaning', { leaning: 'not-sure' });
    await step('sure', {
      sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
      worries: '',
    });
    await step('questions', {
      questions: 'How long is the wait?',
      readElsewhere: { note: 'A leaflet', link: 'https://example.org/knee' },
    });
    expect(current).toMatchObject({ currentStep: 7, status: 'in-progress' });
    expect(current.answers).toMatchObject({
      marks: ['pain'],
      ratings: { pain: 4, 'serious-problems': 3, recovery: 0 },
      leaning: 'not-sure',
      sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
      questions: 'How long is the wait?',
    });

    const ready = await patient('/api/patient/record/ready', post({ revision: current.revision }));
    expect(ready.status).toBe(200);
    expect(await record(ready)).toMatchObject({ status: 'ready', readyAt: expect.any(String) });
    const listed = ((await (await clinician('/api/invitations')).json()).items as Invitation[])[0];
    expect(listed?.status).toBe('ready');

    // Still editable until the consultation.
    const after = (await (await patient('/api/patient/record')).json()).record as DecisionRecord;
    const edit = await patient(
      '/api/patient/record/steps/leaning',
      put({ revision: after.revision, answers: { leaning: 'surgery' } }),
    );
    expect(edit.status).toBe(200);
    expect(await record(edit)).toMatchObject({ status: 'ready', answers: { leaning: 'surgery' } });
  });

  it('refuses tampered answers with a pointer to the field, and saves nothing', async () => {
    const { invite, open } = await setup();
    const patient = await open((await invite()).token);
    const { revision } = (await (await patient('/api/patient/record')).json())
      .record as DecisionRecord;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['values', { ratings: { pain: 7 } }, '/answers/ratings/pain'],
      ['values', { ratings: { 'no-such-row': 2 } }, '/answers/ratings/no-such-row'],
      ['leaning', { leaning: 'no-such-option' }, '/answers/leaning'],
      ['decision', { howToDecide: { role: 'my-boss' } }, '/answers/howToDecide/role'],
      ['decision', { howToDecide: { pressure: 'maybe' } }, '/answers/howToDecide/pressure'],
      ['decision', { howToDecide: { timing: 'never' } }, '/answers/howToDecide/timing'],
      ['decision', { howToDecide: { others: 'x'.repeat(201) } }, '/answers/howToDecide/others'],
      ['options', { marks: ['no-such-row'] }, '/answers/marks/0'],
      ['sure', { sure: { sure: 'maybe' }, worries: '' }, '/answers/sure/sure'],
      [
        'questions',
        { questions: '', readElsewhere: { note: '', link: 'not a link' } },
        '/answers/readElsewhere/link',
      ],
      // Characters no one types: a lone half of a surrogate pair, NUL, an escape.
      ['sure', { sure: {}, worries: 'broken \ud800 text' }, '/answers/worries'],
      ['questions', { questions: 'nul\u0000', readElsewhere: { note: '' } }, '/answers/questions'],
      [
        'values',
        { ratings: {}, ownConcerns: [{ id: 'c1', text: 'esc\u001b[31m' }] },
        '/answers/ownConcerns/0/text',
      ],
    ];
    for (const [step, answers, pointer] of cases) {
      const response = await patient(
        `/api/patient/record/steps/${step}`,
        put({ revision, answers }),
      );
      expect(response.status, JSON.stringify(answers)).toBe(422);
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(
        pointer,
      );
    }
    const unchanged = (await (await patient('/api/patient/record')).json())
      .record as DecisionRecord;
    expect(unchanged.revision).toBe(revision);
    expect(
      (await patient('/api/patient/record/steps/no-such-step', put({ revision, answers: {} })))
        .status,
    ).toBe(404);
  });

  it('saves the patient’s judgement of each option on their own concerns, refuses tampered ones, and drops it with the concern', async () => {
    const { invite, open } = await setup();
    const patient = await open((await invite()).token);
    let current = (await (await patient('/api/patient/record')).json()).record as DecisionRecord;
    const save = (name: string, answers: Record<string, unknown>) =>
      patient(`/api/patient/record/steps/${name}`, put({ revision: current.revision, answers }));
    const saved = await save('values', {
      ratings: {},
      ownConcerns: [
        { id: 'c1', text: 'Keep working night shifts', rating: 4 },
        { id: 'c2', text: 'My dog', rating: 3 },
      ],
    });
    expect(saved.status).toBe(200);
    current = await record(saved);

    const refused: Array<[Record<string, unknown>, string]> = [
      [{ concernFits: { c1: { surgery: 'love-it' } } }, '/answers/concernFits/c1/surgery'],
      [{ concernFits: { c1: { helicopter: 'helps' } } }, '/answers/concernFits/c1/helicopter'],
      [{ concernFits: { gone: { surgery: 'helps' } } }, '/answers/concernFits/gone'],
      [
        {
          concernFits: Object.fromEntries(
            ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => [id, { surgery: 'helps' }]),
          ),
        },
        '/answers/concernFits',
      ],
    ];
    for (const [answers, pointer] of refused) {
      const response = await save('leaning', answers);
      expect(response.status, JSON.stringify(answers)).toBe(422);
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(
        pointer,
      );
    }

    const judged = await save('leaning', {
      leaning: 'not-sure',
      concernFits: { c1: { surgery: 'harder', exercise: 'ask' }, c2: { surgery: 'helps' } },
    });
    expect(judged.status).toBe(200);
    current = await record(judged);
    expect(current.answers.concernFits).toEqual({
      c1: { surgery: 'harder', exercise: 'ask' },
      c2: { surgery: 'helps' },
    });

    // Step 4 asks again about "Keep working night shifts" only: "My dog" keeps its judgement.
    const again = await save('leaning', {
      leaning: 'not-sure',
      concernFits: { c1: { surgery: 'helps' } },
    });
    expect(again.status).toBe(200);
    current = await record(again);
    expect(current.answers.concernFits).toEqual({
      c1: { surgery: 'helps' },
      c2: { surgery: 'helps' },
    });

    // The patient takes away "My dog": its judgement goes with it.
    const removed = await save('values', {
      ratings: {},
      ownConcerns: [{ id: 'c1', text: 'Keep working night shifts', rating: 4 }],
    });
    expect(removed.status).toBe(200);
    expect((await record(removed)).answers.concernFits).toEqual({
      c1: { surgery: 'helps' },
    });
  });

  it('keeps text in one form: composed letters, and line breaks as one character', async () => {
    const { invite, open } = await setup();
    const patient = await open((await invite()).token);
    const { revision } = (await (await patient('/api/patient/record')).json())
      .record as DecisionRecord;
    const saved = await patient(
      '/api/patient/record/steps/sure',
      // "é" typed as e + combining accent, and a Windows line break.
      put({ revision, answers: { sure: {}, worries: 'Caf\u0065\u0301 shifts\r\nand\ttea' } }),
    );
    expect(saved.status).toBe(200);
    const { record: after } = (await (await patient('/api/patient/record')).json()) as {
      record: DecisionRecord;
    };
    expect(after.answers.worries).toBe('Caf\u00e9 shifts\nand\ttea');
  });

  it('saves a double submit once, and says when another window changed the record', async () => {
    const { invite, open } = await setup();
    const patient = await open((await invite()).token);
    const { revision } = (await (await patient('/api/patient/record')).json())
      .record as DecisionRecord;
    const answers = { ratings: { pain: 4 }, ownConcerns: [] };
    const [first, second] = await Promise.all([
      patient('/api/patient/record/steps/values', put({ revision, answers })),
      patient('/api/patient/record/steps/values', put({ revision, answers })),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const saved = (await (await patient('/api/patient/record')).json()).record as DecisionRecord;
    expect(saved.revision).toBe(revision + 1);

    // Another window saved something else in between: not a silent overwrite.
    const stale = await patient(
      '/api/patient/record/steps/values',
      put({ revision, answers: { ratings: { pain: 1 }, ownConcerns: [] } }),
    );
    expect(stale.status).toBe(409);
    const problem = await stale.json();
    expect(problem.detail).toContain('changed in another window');
    expect(problem.current.answers.ratings).toEqual({ pain: 4 });
  });
});
