import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app';
import { startDynamoLocal, type DynamoLocal } from '#functions/dev/dynamodb-local';
import { DEMO_AID_ID, seedOnce } from '#functions/dev/seed';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { createDb, createDynamoClients, STORE_DEADLINE_MS } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { createDynamoStore } from '#functions/store/store';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem';
import { captureLogs } from '../support/api';
import { createSite, DEMO_EMAIL, invite, read, type Answer, type Site } from './support';

/**
 * The store hangs or stops answering: every answer is a calm 503 within the
 * store's deadline, and the app recovers by itself. Throttling and service
 * faults through a mocked client are in tests/api/store-faults.test.ts.
 */

/** The deadline, and room for the SDK's own timers and a busy machine. */
const WITHIN_MS = STORE_DEADLINE_MS + 2_500;

/** Resolves with the answer, or with "hung" once `ms` have passed. */
async function within(ms: number, pending: Promise<Response>) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    pending.then(read),
    new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms))),
  ]);
  clearTimeout(timer);
  return { outcome, ms: performance.now() - started };
}

function expectUnavailableProblem(answer: Answer | 'hung', where: string) {
  expect(answer, where).not.toBe('hung');
  const { status, contentType, body } = answer as Answer;
  expect(status, where).toBe(503);
  expect(contentType, where).toBe(PROBLEM_CONTENT_TYPE);
  expect(JSON.parse(body), where).toMatchObject({ status: 503, title: expect.any(String) });
}

/** A page that says to try again, and nothing of the fault's insides. */
function expectCalmPage(answer: Answer | 'hung', where: string) {
  expect(answer, where).not.toBe('hung');
  const { status, body } = answer as Answer;
  expect(status, where).toBe(503);
  expect(body, where).not.toMatch(
    /\bat .+:\d+:\d+\)?$|Error:|node_modules|TimeoutError|AbortError/m,
  );
  expect(body, where).toMatch(/try again/i);
}

describe('a store client that never answers (aws-sdk-client-mock)', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  afterEach(() => dynamo.reset());
  afterAll(() => dynamo.restore());

  function appWithHangingStore() {
    const doc = createDynamoClients({ region: 'eu-west-2' }).doc;
    return createApp({
      store: createDynamoStore(createDb(doc, 'table')),
      verifier: { verify: async () => ({ subject: 'demo-clinician' }) },
      log: captureLogs().log,
      publicOrigin: 'https://decide.example.org',
      loadPdfRenderer: loadLocalPdfRenderer,
    });
  }

  it('answers 503 with Retry-After within the deadline when a call waits until it is aborted', async () => {
    // As the SDK's HTTP handler does: nothing comes, until the call's abort signal fires.
    dynamo.send.callsFake(
      (_command: unknown, options?: { abortSignal?: AbortSignal }) =>
        new Promise((_, reject) => {
          options?.abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
          );
        }),
    );
    const app = appWithHangingStore();
    const [health, aids] = await Promise.all([
      within(WITHIN_MS, Promise.resolve(app.request('/api/health'))),
      within(
        WITHIN_MS,
        Promise.resolve(app.request('/api/aids', { headers: { authorization: 'Bearer t' } })),
      ),
    ]);
    expectUnavailableProblem(health.outcome, 'health');
    expectUnavailableProblem(aids.outcome, 'aids');
    expect((aids.outcome as Answer).body).not.toContain('aborted');
    expect(aids.ms).toBeGreaterThanOrEqual(STORE_DEADLINE_MS - 100);
  });

  it('answers 503 within the deadline even when a call ignores its abort signal', async () => {
    // A hang the signal cannot reach (a stuck credential lookup, a wedged socket pool).
    dynamo.send.callsFake(() => new Promise(() => undefined));
    const app = appWithHangingStore();
    const aids = await within(
      WITHIN_MS,
      Promise.resolve(app.request('/api/aids', { headers: { authorization: 'Bearer t' } })),
    );
    expectUnavailableProblem(aids.outcome, 'aids');
  });
});

describe('a real DynamoDB Local, paused and resumed', () => {
  let dynamo: DynamoLocal;
  let site: Site;
  let bearer: string;
  let session: string;
  let patient: string;
  let paused = false;

  beforeAll(async () => {
    dynamo = await startDynamoLocal();
    const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint });
    const tableName = 'faults';
    await ensureTable(client, tableName);
    await seedOnce(createDb(doc, tableName));
    site = await createSite({ table: { doc, tableName } });
    bearer = await site.tokenFor(DEMO_EMAIL);
    session = await site.sessionFor(DEMO_EMAIL);
    patient = await site.patientSession((await invite(site, bearer, DEMO_AID_ID)).token);
  });

  afterAll(async () => {
    if (paused) process.kill(dynamo.pid, 'SIGCONT');
    await dynamo?.stop();
  });

  const requests = () => ({
    health: site.request('/api/health'),
    read: site.request(`/api/aids/${DEMO_AID_ID}`, {
      headers: { authorization: `Bearer ${bearer}` },
    }),
    clinicPage: site.request('/', { headers: { cookie: `dt_session=${session}` } }),
    patientPage: site.request('/patient/options', { headers: { cookie: `dt_patient=${patient}` } }),
  });

  it('answers 503 within the deadline while it is stopped, and recovers when it continues', async () => {
    for (const [name, pending] of Object.entries(requests())) {
      expect((await pending).status, `${name} before the pause`).toBe(200);
    }

    process.kill(dynamo.pid, 'SIGSTOP');
    paused = true;
    const during = requests();
    const [health, readAid, clinicPage, patientPage] = await Promise.all([
      within(WITHIN_MS, during.health),
      within(WITHIN_MS, during.read),
      within(WITHIN_MS, during.clinicPage),
      within(WITHIN_MS, during.patientPage),
    ]);
    expectUnavailableProblem(health.outcome, 'health');
    expectUnavailableProblem(readAid.outcome, 'API read');
    expect((readAid.outcome as Answer).retryAfter, 'API read: Retry-After').toMatch(/^\d+$/);
    expect((health.outcome as Answer).retryAfter, 'health: Retry-After').toMatch(/^\d+$/);
    expectCalmPage(clinicPage.outcome, 'clinic page');
    expectCalmPage(patientPage.outcome, 'patient page');

    process.kill(dynamo.pid, 'SIGCONT');
    paused = false;
    // The very next requests succeed: the same app, the same client, nothing restarted.
    const after = requests();
    for (const [name, pending] of Object.entries(after)) {
      const { outcome } = await within(WITHIN_MS, pending);
      expect(outcome === 'hung' ? 'hung' : outcome.status, `${name} after resuming`).toBe(200);
    }
  }, 60_000);
});
