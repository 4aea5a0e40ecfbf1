import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { keys } from '#functions/store/keys';
import { hashToken } from '#functions/store/sessions';
import type { CreatedInvitation, Invitation } from '#shared/invitations';
import type {
  DecisionRecord,
  RecordPage,
  RecordView,
  VersionInsights,
} from '#shared/record/schema';
import { DEMO, OTHER, seededApi } from '../support/api';

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const put = (body: unknown): RequestInit => ({ ...post(body), method: 'PUT' });

let tokens = 0;
/** A fresh client token per request, as a page load makes one. */
const token = () => `test-token-${(tokens += 1)}`;

async function setup() {
  const api = await seededApi();
  const clinician = await api.as(DEMO);

  /** A patient invited to the demo aid, who has opened their link: a record exists. */
  async function patientWithRecord(reference = 'Appt 1') {
    const response = await clinician(
      '/api/invitations',
      post({ aidId: DEMO_AID_ID, version: 1, clinicReference: reference }),
    );
    const created = (await response.json()) as CreatedInvitation;
    const linkToken = created.link.split('/p/')[1]!;
    const session = await api.app.request('/api/patient/sessions', post({ token: linkToken }));
    const { sessionId } = (await session.json()) as { sessionId: string };
    const patient = (path: string, init: RequestInit = {}) =>
      api.app.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: `dt_patient=${sessionId}` },
      });
    const view = (await (await patient('/api/patient/record')).json()) as RecordView;
    return { patient, invitation: created.invitation, recordId: view.record.id, linkToken };
  }

  /** The patient's answers, as the steps save them, then "I'm ready". */
  async function answer(
    patient: (path: string, init?: RequestInit) => Response | Promise<Response>,
    options: { ready?: boolean; ratings?: Record<string, number> } = {},
  ) {
    let record = ((await (await patient('/api/patient/record')).json()) as RecordView).record;
    const step = async (name: string, answers: Record<string, unknown>) => {
      const response = await patient(
        `/api/patient/record/steps/${name}`,
        put({ revision: record.revision, answers }),
      );
      expect(response.status, name).toBe(200);
      record = (await response.json()) as DecisionRecord;
    };
    await step('options', { marks: ['pain'] });
    await step('values', {
      ratings: options.ratings ?? { pain: 4, 'serious-problems': 3, recovery: 1 },
      ownConcerns: [{ id: 'c1', text: 'Looking after my grandchildren', rating: 4 }],
    });
    await step('leaning', { leaning: 'surgery' });
    await step('sure', {
      sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
      worries: 'The anaesthetic',
    });
    await step('questions', { questions: 'How long is the wait?', readElsewhere: { note: '' } });
    if (options.ready ?? true) {
      const ready = await patient('/api/patient/record/ready', post({ revision: record.revision }));
      record = (await ready.json()) as DecisionRecord;
    }
    return record;
  }

  const read = async (recordId: string) =>
    (await (await clinician(`/api/records/${recordId}`)).json()) as RecordView;

  const decide = (recordId: string, revision: number, body: Record<string, unknown> = {}) =>
    clinician(
      `/api/records/${recordId}/decision`,
      post({
        revision,
        clientToken: token(),
        choice: { kind: 'option', optionId: 'exercise' },
        notes: 'Try physio first; review in 3 months.',
        openQuestions: ['How the knee does over winter'],
        followUp: 'Review in 3 months',
        participants: 'Her son',
        ...body,
      }),
    );

  return { ...api, clinician, patientWithRecord, answer, read, decide };
}

describe('the records list', () => {
  it('lists records ready first, filters by status and by aid, and pages with a cursor', async () => {
    const { clinician, patientWithRecord, answer } = await setup();
    const first = await patientWithRecord('First');
    const second = await patientWithRecord('Second');
    const third = await patientWithRecord('Third');
    await answer(second.patient);

    const all = (await (await clinician('/api/records')).json()) as RecordPage;
    expect(all.items.map((r) => [r.clinicReference, r.status])).toEqual([
      ['Second', 'ready'],
      ['Third', 'in-progress'],
      ['First', 'in-progress'],
    ]);
    expect(all.items[0]).toMatchObject({
      aidId: DEMO_AID_ID,
      aidVersion: 1,
      aidTitle: 'Knee osteoarthritis: what are my options?',
    });

    const ready = (await (await clinician('/api/records?status=ready')).json()) as RecordPage;
    expect(ready.items.map((r) => r.id)).toEqual([second.recordId]);

    const page1 = (await (
      await clinician('/api/records?status=in-progress&limit=1')
    ).json()) as RecordPage;
    expect(page1.items.map((r) => r.id)).toEqual([third.recordId]);
    const page2 = (await (
      await clinician(`/api/records?status=in-progress&limit=1&cursor=${page1.nextCursor}`)
    ).json()) as RecordPage;
    expect(page2.items.map((r) => r.id)).toEqual([first.recordId]);

    const byAid = (await (
      await clinician(`/api/records?aidId=${DEMO_AID_ID}&status=ready`)
    ).json()) as RecordPage;
    expect(byAid.items.map((r) => r.id)).toEqual([second.recordId]);
    const otherAid = (await (
      await clinician('/api/records?aidId=no-such-aid')
    ).json()) as RecordPage;
    expect(otherAid.items).toEqual([]);

    // A cursor from another status, or made up, is refused at the field.
    const mixed = await clinician(`/api/records?status=ready&cursor=${page1.nextCursor}`);
    expect(mixed.status).toBe(422);
    expect((await mixed.json()).errors).toEqual([
      { pointer: '/cursor', detail: expect.any(String) },
    ]);
    expect((await clinician('/api/records?cursor=nonsense')).status).toBe(422);
    expect((await clinician('/api/records?status=lost')).status).toBe(422);
  });

  it('reads one status in proportion to the page: no item read and dropped', async () => {
    const { clinician, patientWithRecord, answer, table } = await setup();
    for (const reference of ['A', 'B', 'C', 'D']) await patientWithRecord(reference);
    await answer((await patientWithRecord('Ready')).patient);
    const scanned: number[] = [];
    table.doc.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { ScannedCount?: number; Count?: number };
        if (args.input && 'IndexName' in (args.input as object))
          scanned.push(output.ScannedCount ?? -1);
        return result;
      },
      { step: 'initialize', name: 'countScanned' },
    );
    const page = (await (
      await clinician('/api/records?status=ready&limit=10')
    ).json()) as RecordPage;
    expect(page.items).toHaveLength(1);
    expect(scanned).toEqual([1]);
  });

  it("keeps each organisation's records to itself", async () => {
    const { as, patientWithRecord } = await setup();
    const { recordId } = await patientWithRecord();
    const other = await as(OTHER);
    expect(((await (await other('/api/records')).json()) as RecordPage).items).toEqual([]);
    for (const path of [
      `/api/records/${recordId}`,
      `/api/records/${recordId}/export.pdf`,
      `/api/records/${recordId}/export.fhir.json`,
    ]) {
      const response = await other(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const decision = await other(
      `/api/records/${recordId}/decision`,
      post({ revision: 1, clientToken: token(), choice: { kind: 'option', optionId: 'exercise' } }),
    );
    expect(decision.status).toBe(404);
  });
});

describe('the consult view', () => {
  it('shows the record with the exact version read, and writes who opened it into the history', async () => {
    const { patientWithRecord, answer, read, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    await answer(patient);
    // A later version of the aid changes nothing here.
    const draft = await (await clinician(`/api/aids/${DEMO_AID_ID}`)).json();
    const saved = await (
      await clinician(
        `/api/aids/${DEMO_AID_ID}`,
        put({
          content: { ...draft.content, title: 'Knee pain: a new title' },
          revision: draft.revision,
        }),
      )
    ).json();
    await clinician(`/api/aids/${DEMO_AID_ID}/publish`, post({ revision: saved.revision }));

    const view = await read(recordId);
    expect(view.aid).toMatchObject({
      version: 1,
      title: 'Knee osteoarthritis: what are my options?',
    });
    expect(view.record.answers.ownConcerns[0]?.text).toBe('Looking after my grandchildren');
    expect(view.history[0]).toMatchObject({
      type: 'viewed',
      actor: { kind: 'clinician', id: 'demo-clinician', name: 'Dr Alex Morgan' },
    });
    expect(view.history.map((e) => e.type)).toEqual(['viewed', 'ready', 'opened']);
    // Back on the page within the same visit: still one opening.
    expect((await read(recordId)).history.map((e) => e.type)).toEqual([
      'viewed',
      'ready',
      'opened',
    ]);

    // The patient reads the same history, and their own reading is not written.
    const own = (await (await patient(`/api/records/${recordId}`)).json()) as RecordView;
    expect(own.history.map((e) => e.type)).toEqual(['viewed', 'ready', 'opened']);
  });
});

describe('deciding together', () => {
  it('records the decision once, locks the answers, and says who decided first to the second', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId, invitation } = await patientWithRecord();
    const record = await answer(patient);

    const decided = await decide(recordId, record.revision);
    expect(decided.status).toBe(201);
    const view = (await decided.json()) as RecordView;
    expect(view.record).toMatchObject({
      status: 'decided',
      decision: {
        choice: { kind: 'option', optionId: 'exercise' },
        openQuestions: ['How the knee does over winter'],
        decidedBy: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
      },
      patientConfirmation: null,
    });
    expect(view.history[0]?.type).toBe('decided');
    const listed = (
      (await (await clinician('/api/invitations')).json()).items as Invitation[]
    ).find((i) => i.id === invitation.id);
    expect(listed?.status).toBe('decided');

    const again = await decide(recordId, view.record.revision, {
      choice: { kind: 'option', optionId: 'surgery' },
    });
    expect(again.status).toBe(409);
    const problem = await again.json();
    expect(problem).toMatchObject({
      reason: 'already-decided',
      current: { decision: { choice: { optionId: 'exercise' } } },
    });
    expect(problem.detail).toContain('Dr Alex Morgan recorded the decision');

    // The patient's answers are closed; their record still reads.
    const save = await patient(
      '/api/patient/record/steps/leaning',
      put({ revision: view.record.revision, answers: { leaning: 'wait' } }),
    );
    expect(save.status).toBe(409);
    expect(await save.json()).toMatchObject({ reason: 'locked' });
    expect((await patient('/api/patient/record')).status).toBe(200);
  });

  it('does one decision for a double click, and one of two at the same moment', async () => {
    const { patientWithRecord, answer, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    const body = {
      revision,
      clientToken: 'double-click-1',
      choice: { kind: 'option', optionId: 'wait' },
    };
    const [first, second] = await Promise.all([
      clinician(`/api/records/${recordId}/decision`, post(body)),
      clinician(`/api/records/${recordId}/decision`, post(body)),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);

    const other = await patientWithRecord('Race');
    const raced = await answer(other.patient);
    const responses = await Promise.all(
      ['exercise', 'surgery'].map((optionId) =>
        clinician(
          `/api/records/${other.recordId}/decision`,
          post({
            revision: raced.revision,
            clientToken: token(),
            choice: { kind: 'option', optionId },
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect((await loser.json()).current.decision).not.toBeNull();
  });

  it('confirms on the same screen when the patient agrees there', async () => {
    const { patientWithRecord, answer, decide } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    const response = await decide(recordId, revision, { patientConfirmed: true });
    expect(response.status).toBe(201);
    const view = (await response.json()) as RecordView;
    expect(view.record).toMatchObject({
      status: 'confirmed',
      patientConfirmation: { how: 'in-consultation', recordedBy: { name: 'Dr Alex Morgan' } },
    });
    expect(view.history.slice(0, 2).map((e) => e.type)).toEqual(['confirmed', 'decided']);
  });

  it('records "not decided yet" with the next step and its date, and refuses what is incomplete', async () => {
    const { patientWithRecord, answer, decide } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient, { ready: false });

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ choice: undefined }, '/choice'],
      [{ choice: { kind: 'option', optionId: 'no-such-option' } }, '/choice/optionId'],
      [{ choice: { kind: 'not-yet', nextStep: '', nextStepBy: '2099-01-01' } }, '/choice/nextStep'],
      [
        { choice: { kind: 'not-yet', nextStep: 'Talk it over', nextStepBy: '2020-01-01' } },
        '/choice/nextStepBy',
      ],
      [{ openQuestions: Array.from({ length: 11 }, () => 'Why?') }, '/openQuestions'],
      [{ notes: 'x'.repeat(4001) }, '/notes'],
      [{ clientToken: 'x' }, '/clientToken'],
    ];
    for (const [body, pointer] of cases) {
      const response = await decide(recordId, revision, body);
      expect(response.status, pointer).toBe(422);
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(
        pointer,
      );
    }

    const later = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const response = await decide(recordId, revision, {
      choice: { kind: 'not-yet', nextStep: 'Talk it over with her son', nextStepBy: later },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as RecordView).record.decision?.choice).toEqual({
      kind: 'not-yet',
      nextStep: 'Talk it over with her son',
      nextStepBy: later,
    });
  });

  it("refuses to decide over the patient's change since the record was opened", async () => {
    const { patientWithRecord, answer, decide, read } = await setup();
    const { patient, recordId } = await patientWithRecord();
    await answer(patient, { ready: false });
    const opened = await read(recordId);
    await patient(
      '/api/patient/record/steps/leaning',
      put({ revision: opened.record.revision, answers: { leaning: 'wait' } }),
    );
    const response = await decide(recordId, opened.record.revision);
    expect(response.status).toBe(409);
    const problem = await response.json();
    expect(problem).toMatchObject({ reason: 'changed', current: { answers: { leaning: 'wait' } } });
  });
});

describe("the patient's confirmation", () => {
  it('comes through their own link, with a comment, once', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    const decided = ((await (await decide(recordId, revision)).json()) as RecordView).record;

    const confirm = (clientToken: string, comment?: string) =>
      patient(
        `/api/records/${recordId}/confirmation`,
        post({ revision: decided.revision, clientToken, ...(comment ? { comment } : {}) }),
      );
    const confirmed = await confirm('patient-confirm-1', 'Thank you, this is right.');
    expect(confirmed.status).toBe(201);
    expect(((await confirmed.json()) as RecordView).record).toMatchObject({
      status: 'confirmed',
      patientConfirmation: {
        how: 'own-link',
        recordedBy: null,
        comment: 'Thank you, this is right.',
      },
    });
    expect((await confirm('patient-confirm-1')).status).toBe(200);
    const twice = await confirm('patient-confirm-2');
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ reason: 'already-confirmed' });

    const history = ((await (await clinician(`/api/records/${recordId}`)).json()) as RecordView)
      .history;
    expect(history[1]).toMatchObject({ type: 'confirmed', actor: { kind: 'patient' } });
  });

  it('can be recorded by the clinician in person, without a comment of theirs', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    const decided = ((await (await decide(recordId, revision)).json()) as RecordView).record;
    const withComment = await clinician(
      `/api/records/${recordId}/confirmation`,
      post({ revision: decided.revision, clientToken: token(), comment: 'I agree' }),
    );
    expect(withComment.status).toBe(422);
    expect((await withComment.json()).errors[0].pointer).toBe('/comment');
    const confirmed = await clinician(
      `/api/records/${recordId}/confirmation`,
      post({ revision: decided.revision, clientToken: token() }),
    );
    expect(confirmed.status).toBe(201);
    expect(((await confirmed.json()) as RecordView).record.patientConfirmation?.how).toBe(
      'in-consultation',
    );
  });

  it('leaves a patient who never confirms shown as such, and the record usable', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    await decide(recordId, revision);
    const pdf = await clinician(`/api/records/${recordId}/export.pdf`);
    expect(pdf.status).toBe(200);
    const list = (await (await clinician('/api/records?status=decided')).json()) as RecordPage;
    expect(list.items.map((r) => r.id)).toEqual([recordId]);
  });
});

describe('what a patient link can and cannot do', () => {
  it('reads its own record and nothing else; it never decides or amends', async () => {
    const { patientWithRecord, answer } = await setup();
    const mine = await patientWithRecord('Mine');
    const theirs = await patientWithRecord('Theirs');
    const { revision } = await answer(mine.patient);

    expect((await mine.patient(`/api/records/${mine.recordId}`)).status).toBe(200);
    expect((await mine.patient(`/api/records/${theirs.recordId}`)).status).toBe(404);
    expect((await mine.patient(`/api/records/${theirs.recordId}/export.pdf`)).status).toBe(404);

    for (const path of ['decision', 'amendments']) {
      const response = await mine.patient(
        `/api/records/${mine.recordId}/${path}`,
        post({
          revision,
          clientToken: token(),
          choice: { kind: 'option', optionId: 'surgery' },
          reason: 'Changed my mind',
          changes: {},
        }),
      );
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await mine.patient('/api/records')).status).toBe(403);
  });

  it('stops reading once the link is withdrawn, and reads again never', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId, invitation } = await patientWithRecord();
    const { revision } = await answer(patient);
    await decide(recordId, revision);
    await clinician(`/api/invitations/${invitation.id}/revoke`, { method: 'POST' });
    expect((await patient(`/api/records/${recordId}`)).status).toBe(410);
    expect((await patient('/api/patient/record')).status).toBe(410);
    const extend = await clinician(`/api/invitations/${invitation.id}/extend`, post({ days: 30 }));
    expect(extend.status).toBe(409);
    expect(await extend.json()).toMatchObject({ reason: 'withdrawn' });
  });
});

describe('amendments', () => {
  it('appends a change with who, when, what and why, and never overwrites the decision', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    const decided = ((await (await decide(recordId, revision)).json()) as RecordView).record;

    const amend = (body: Record<string, unknown>) =>
      clinician(
        `/api/records/${recordId}/amendments`,
        post({ revision: decided.revision, clientToken: token(), ...body }),
      );
    const noReason = await amend({ reason: '', changes: { followUp: 'Phone in 2 weeks' } });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/reason',
    ]);
    const nothing = await amend({
      reason: 'No change',
      changes: { followUp: 'Review in 3 months' },
    });
    expect(nothing.status).toBe(422);
    expect((await nothing.json()).errors[0].pointer).toBe('/changes');
    const badOption = await amend({
      reason: 'Typo',
      changes: { choice: { kind: 'option', optionId: 'no-such' } },
    });
    expect((await badOption.json()).errors[0].pointer).toBe('/changes/choice/optionId');

    const amended = await amend({
      reason: 'She phoned: she prefers to wait for now',
      changes: { choice: { kind: 'option', optionId: 'wait' }, followUp: 'Review in 3 months' },
    });
    expect(amended.status).toBe(201);
    const view = (await amended.json()) as RecordView;
    expect(view.record.decision?.choice).toEqual({ kind: 'option', optionId: 'exercise' });
    expect(view.record.amendments).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        by: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
        reason: 'She phoned: she prefers to wait for now',
        before: { choice: { kind: 'option', optionId: 'exercise' } },
        after: { choice: { kind: 'option', optionId: 'wait' } },
      },
    ]);
    expect(view.history[0]).toMatchObject({ type: 'amended', detail: 'choice' });
    expect(view.record.status).toBe('decided');
  });

  it('takes many long amendments in any script: each is an item of its own, never a 500', async () => {
    const { patientWithRecord, answer, decide, clinician } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    let record = ((await (await decide(recordId, revision)).json()) as RecordView).record;
    // Three bytes a letter: twelve of these would not fit in one 400 KB item.
    const long = (n: number) => `${n} ${'誤'.repeat(3990)}`;
    for (let n = 0; n < 12; n += 1) {
      const response = await clinician(
        `/api/records/${recordId}/amendments`,
        post({
          revision: record.revision,
          clientToken: token(),
          reason: `Correction ${n}`,
          changes: { notes: long(n), followUp: `Call ${n}` },
        }),
      );
      expect(response.status, `amendment ${n}`).toBe(201);
      record = ((await response.json()) as RecordView).record;
    }
    const view = (await (await clinician(`/api/records/${recordId}`)).json()) as RecordView;
    expect(view.record.amendments.map((a) => a.reason)).toEqual(
      Array.from({ length: 12 }, (_, n) => `Correction ${n}`),
    );
    expect(view.record.amendments[11]?.after.notes).toBe(long(11));
  });

  it('has nothing to amend before the decision', async () => {
    const { patientWithRecord, clinician } = await setup();
    const { recordId } = await patientWithRecord();
    const response = await clinician(
      `/api/records/${recordId}/amendments`,
      post({ revision: 1, clientToken: token(), reason: 'Early', changes: { notes: 'x' } }),
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ reason: 'not-decided' });
  });
});

describe('nothing half-written', () => {
  it('writes the decision and its audit event together, or neither, when the store fails mid-way', async () => {
    const { patientWithRecord, answer, decide, table, read } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    let failNext = true;
    table.doc.middlewareStack.add(
      (next) => async (args) => {
        if (failNext && (args.input as { TransactItems?: unknown }).TransactItems) {
          failNext = false;
          throw Object.assign(new Error('Internal server error'), {
            name: 'InternalServerError',
            $fault: 'server',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failOneTransaction' },
    );
    const failed = await decide(recordId, revision);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBeTruthy();
    const { Items = [] } = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.record('demo-clinic', recordId).pk },
      }),
    );
    expect(Items.map((item) => item['type'] ?? item['status'])).not.toContain('decided');
    // The same request again succeeds once the store answers.
    const view = await read(recordId);
    expect((await decide(recordId, view.record.revision)).status).toBe(201);
  });
});

describe("the patient's link after the consultation", () => {
  it('can be kept working for up to 90 more days, and the history says so', async () => {
    const { patientWithRecord, clinician, read } = await setup();
    const { invitation, recordId } = await patientWithRecord();
    for (const days of [0, 91, 'ten']) {
      const response = await clinician(`/api/invitations/${invitation.id}/extend`, post({ days }));
      expect(response.status, String(days)).toBe(422);
    }
    const shorter = await clinician(`/api/invitations/${invitation.id}/extend`, post({ days: 7 }));
    expect(shorter.status).toBe(422);
    expect((await shorter.json()).errors[0].detail).toContain('already works until');

    const extended = await clinician(
      `/api/invitations/${invitation.id}/extend`,
      post({ days: 90 }),
    );
    expect(extended.status).toBe(200);
    const expiresAt = ((await extended.json()) as Invitation).expiresAt;
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const view = await read(recordId);
    expect(view.link.expiresAt).toBe(expiresAt);
    expect(view.history.find((e) => e.type === 'link-extended')?.detail).toBe(
      expiresAt.slice(0, 10),
    );
  });

  it('writes the token item again when the link is extended after it has gone (TTL)', async () => {
    const { patientWithRecord, clinician, table, app } = await setup();
    const { invitation, linkToken, patient } = await patientWithRecord();
    // DynamoDB deletes token items some time after they expire (TTL).
    await table.doc.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: keys.invitationToken(hashToken(linkToken)),
      }),
    );
    const extended = await clinician(
      `/api/invitations/${invitation.id}/extend`,
      post({ days: 60 }),
    );
    expect(extended.status).toBe(200);
    // The link opens again, as long as it now works.
    expect((await app.request('/api/patient/link', post({ token: linkToken }))).status).toBe(200);
    expect((await patient('/api/patient/record')).status).toBe(200);
  });
});

describe('exports', () => {
  it('gives the PDF and the FHIR Bundle to the clinician (audited) and to the patient', async () => {
    const { patientWithRecord, answer, decide, clinician, read } = await setup();
    const { patient, recordId } = await patientWithRecord();
    const { revision } = await answer(patient);
    await decide(recordId, revision);

    const pdf = await clinician(`/api/records/${recordId}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`decision-record-${recordId}.pdf`);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const fhir = await clinician(`/api/records/${recordId}/export.fhir.json`);
    expect(fhir.headers.get('content-type')).toBe('application/fhir+json');
    const bundle = await fhir.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'document' });
    expect(bundle.entry[0].resource.resourceType).toBe('Composition');
    // Demo Clinic names its references: the clinic reference is the Patient's only identifier.
    const patients = bundle.entry.filter(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient',
    );
    expect(patients.map((e: { resource: unknown }) => e.resource)).toEqual([
      expect.objectContaining({
        identifier: [
          { system: 'https://demo.example/fhir/appointment-reference', value: 'Appt 1' },
        ],
      }),
    ]);

    const own = await patient(`/api/records/${recordId}/export.pdf`);
    expect(own.status).toBe(200);
    const exported = (await read(recordId)).history.filter((e) => e.type === 'exported');
    expect(exported.map((e) => e.detail).sort()).toEqual(['fhir', 'pdf']);
  });
});

describe("authors' insights per version", () => {
  it('shows nothing below 5 records, then counts by status and by what patients rated important', async () => {
    const { clinician, patientWithRecord, answer } = await setup();
    const insights = async () =>
      (await (
        await clinician(`/api/aids/${DEMO_AID_ID}/versions/1/insights`)
      ).json()) as VersionInsights;
    for (const reference of ['1', '2', '3', '4']) {
      const { patient } = await patientWithRecord(reference);
      await answer(patient, { ratings: { pain: 4, recovery: 3 } });
    }
    expect((await insights()).counts).toBeNull();
    const fifth = await patientWithRecord('5');
    await answer(fifth.patient, { ratings: { pain: 1, mood: 4 }, ready: false });
    const counts = (await insights()).counts;
    expect(counts).toMatchObject({
      records: 5,
      byStatus: { 'in-progress': 1, ready: 4, decided: 0, confirmed: 0 },
    });
    expect(counts?.rated).toBe(5);
    expect(counts?.important?.map((row) => [row.rowId, row.patients])).toEqual([
      ['pain', 4],
      ['recovery', 4],
      ['mood', 1],
    ]);
    expect((await clinician(`/api/aids/${DEMO_AID_ID}/versions/9/insights`)).status).toBe(404);
  });
});
