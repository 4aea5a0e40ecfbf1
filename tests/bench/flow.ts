/**
 * One whole flow through the real root app (API, sign-in routes and the
 * production Remix build) on DynamoDB Local, with every DynamoDB call counted
 * against the request that made it: `npm run bench:calls` prints it, and
 * tests/api/dynamodb-calls.test.ts holds every read route to at most 2.
 *
 * A clinician edits and publishes the demonstration aid, invites a patient;
 * the patient opens the link and goes through every step (reading each page,
 * saving through the API the pages' forms call); the clinician opens the
 * record, the consult view, decides; the patient reads and confirms.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';
import { composeServer } from '#functions/app/compose';
import { createDevDirectory } from '#functions/dev/dev-directory';
import { createDevIssuer } from '#functions/dev/issuer';
import { DEMO_AID_ID, devAccounts, seedOnce } from '#functions/dev/seed';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { createLogger } from '#functions/log/logger';
import { createDb } from '#functions/store/db';
import { stepNames } from '#shared/record/rules';
import { jsonRequest as json } from '#tests/support/requests';

const ORIGIN = 'http://localhost:3000';

/** What one request of the flow cost in DynamoDB calls. */
export interface RouteCalls {
  /** "GET /patient/options (page)", "PUT /api/patient/record/steps/:step". */
  route: string;
  method: string;
  status: number;
  calls: number;
  /** Calls by command name, e.g. { GetItemCommand: 1, QueryCommand: 1 }. */
  commands: Record<string, number>;
  /** Whose request: a clinician's session, a patient's, or nobody's. */
  who: 'clinician' | 'patient' | 'nobody';
  /** Reads of a session item (clinician's or patient's), alone or in a batch. */
  sessionReads: number;
  /** Calls that only read (GetItem, BatchGetItem, Query, Scan). */
  reads: number;
  writes: number;
}

const readCommands = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
]);
const SESSION_READS = '#sessionReads';

/**
 * Counts every command sent through the document client (and its client: they
 * share one middleware stack), against whichever flow request is running.
 */
export function countCalls(doc: DynamoDBDocumentClient) {
  const current = new AsyncLocalStorage<Record<string, number>>();
  const outside: Record<string, number> = {};
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const counts = current.getStore() ?? outside;
      const name = context.commandName ?? 'unknown';
      counts[name] = (counts[name] ?? 0) + 1;
      // Marshalled or not, a session's key names its kind; alone or in a batch.
      if (readCommands.has(name) && /"P?SESSION#/.test(JSON.stringify(args.input)))
        counts[SESSION_READS] = (counts[SESSION_READS] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter', override: true },
  );
  return {
    async during<T>(
      work: () => Promise<T>,
    ): Promise<{ result: T; commands: Record<string, number> }> {
      const commands: Record<string, number> = {};
      const result = await current.run(commands, work);
      return { result, commands };
    },
  };
}

/** Runs the flow on a fresh table; returns every request with its calls, in order. */
export async function runFlow(options: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  build: ServerBuild;
}): Promise<RouteCalls[]> {
  const { doc, tableName } = options;
  const db = createDb(doc, tableName);
  await seedOnce(db);
  const counter = countCalls(doc);
  const directory = createDevDirectory(db, devAccounts);
  const issuer = await createDevIssuer({
    publicOrigin: ORIGIN,
    clientId: 'local',
    accounts: directory.accounts,
  });
  const remix = createRequestHandler(options.build, 'production');
  const root = composeServer({
    doc,
    tableName,
    publicOrigin: ORIGIN,
    oidc: {
      issuer: issuer.issuer,
      clientId: 'local',
      fetch: async (input, init) => root.fetch(new Request(input, init)),
    },
    remix: (request, context) => remix(request, context),
    loadPdfRenderer: loadLocalPdfRenderer,
    log: createLogger({ level: 'error', write: () => {} }),
    devIssuer: issuer.app,
    memberDirectory: directory,
    rateLimits: 'off',
  });

  const results: RouteCalls[] = [];
  /** One request through the root app, counted under `route` (its path with names for ids). */
  const call = async (
    route: string,
    url: string,
    init: RequestInit = {},
    who: RouteCalls['who'] = 'nobody',
  ) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const { result, commands } = await counter.during(async () => {
      const response = await root.request(`${ORIGIN}${url}`, init);
      // Read the body inside the count: a streamed page may still be loading.
      const body = await response.arrayBuffer();
      return { response, body };
    });
    const { response, body } = result;
    if (response.status >= 400)
      throw new Error(`${method} ${url}: ${response.status} ${new TextDecoder().decode(body)}`);
    const sessionReads = commands[SESSION_READS] ?? 0;
    delete commands[SESSION_READS];
    const count = (which: (name: string) => boolean) =>
      Object.entries(commands)
        .filter(([name]) => which(name))
        .reduce((sum, [, n]) => sum + n, 0);
    results.push({
      route: `${method} ${route}`,
      method,
      status: response.status,
      calls: count(() => true),
      commands,
      who,
      sessionReads,
      reads: count((name) => readCommands.has(name)),
      writes: count((name) => !readCommands.has(name)),
    });
    return { response, body: new TextDecoder().decode(body) };
  };
  const page = (route: string, url: string, cookie: string) =>
    call(
      `${route} (page)`,
      url,
      { headers: { cookie } },
      cookie.startsWith('dt_session=')
        ? 'clinician'
        : cookie.startsWith('dt_patient=')
          ? 'patient'
          : 'nobody',
    );

  // Clinician: a browser session as sign-in makes one.
  const tokens = (await (
    await issuer.app.request('/token', json('POST', { email: 'clinician@demo.example' }))
  ).json()) as { access_token: string; id_token: string };
  const signedIn = await call(
    '/api/sessions',
    '/api/sessions',
    json('POST', { idToken: tokens.id_token }, { authorization: `Bearer ${tokens.access_token}` }),
  );
  const clinician = `dt_session=${(JSON.parse(signedIn.body) as { sessionId: string }).sessionId}`;
  const api = (route: string, url: string, init: RequestInit = {}) =>
    call(
      route,
      url,
      { ...init, headers: { ...(init.headers as Record<string, string>), cookie: clinician } },
      'clinician',
    );

  await page('/', '/', clinician);
  await api('/api/me', '/api/me');
  await api('/api/aids', '/api/aids');

  // Author: edit the demonstration aid, then publish it.
  const aid = `/api/aids/${DEMO_AID_ID}`;
  await page('/aids/:aidId', `/aids/${DEMO_AID_ID}`, clinician);
  const draft = JSON.parse((await api('/api/aids/:aidId', aid)).body) as {
    content: Record<string, unknown>;
    revision: number;
  };
  const saved = JSON.parse(
    (
      await api(
        '/api/aids/:aidId',
        aid,
        json('PUT', {
          content: { ...draft.content, question: `${String(draft.content['question'])} ` },
          revision: draft.revision,
        }),
      )
    ).body,
  ) as { revision: number };
  await api('/api/aids/:aidId/checks', `${aid}/checks`);
  await page('/aids/:aidId/preview', `/aids/${DEMO_AID_ID}/preview`, clinician);
  const published = JSON.parse(
    (
      await api(
        '/api/aids/:aidId/publish',
        `${aid}/publish`,
        json('POST', { revision: saved.revision }),
      )
    ).body,
  ) as { number: number };
  const version = published.number;
  await api('/api/aids/:aidId/versions', `${aid}/versions`);
  await api('/api/aids/:aidId/versions/:number', `${aid}/versions/${version}`);
  await api('/api/aids/:aidId/diff', `${aid}/diff?from=1&to=${version}`);
  await api('/api/aids/:aidId/export', `${aid}/export`);
  await page('/aids/:aidId/versions', `/aids/${DEMO_AID_ID}/versions`, clinician);
  await page(
    '/aids/:aidId/versions/:number',
    `/aids/${DEMO_AID_ID}/versions/${version}`,
    clinician,
  );

  // Invite.
  await page('/invitations', '/invitations', clinician);
  const created = JSON.parse(
    (
      await api(
        '/api/invitations',
        '/api/invitations',
        json('POST', { aidId: DEMO_AID_ID, version, clinicReference: 'Appt 1' }),
      )
    ).body,
  ) as { link: string };
  await api('/api/invitations', '/api/invitations');
  const linkToken = created.link.split('/p/')[1]!;

  // The patient: the link, then every step.
  await page('/p/:token', `/p/${linkToken}`, '');
  await call('/api/patient/link', '/api/patient/link', json('POST', { token: linkToken }));
  const started = await call('/p/:token/start', `/p/${linkToken}/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: '',
  });
  const patient = started.response.headers
    .getSetCookie()
    .find((c) => c.startsWith('dt_patient='))!
    .split(';')[0]!;
  const patientApi = (route: string, url: string, init: RequestInit = {}) =>
    call(
      route,
      url,
      { ...init, headers: { ...(init.headers as Record<string, string>), cookie: patient } },
      'patient',
    );
  await page('/patient', '/patient', patient);
  let record = JSON.parse((await patientApi('/api/patient/record', '/api/patient/record')).body)
    .record as { id: string; revision: number };
  const answers: Partial<Record<(typeof stepNames)[number], Record<string, unknown>>> = {
    options: { marks: ['pain'] },
    values: {
      ratings: { pain: 4, 'serious-problems': 3, recovery: 1 },
      ownConcerns: [{ id: 'c1', text: 'Looking after my grandchildren', rating: 4 }],
    },
    leaning: { leaning: 'surgery' },
    sure: {
      sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
      worries: 'The anaesthetic',
    },
    questions: { questions: 'How long is the wait?', readElsewhere: { note: '' } },
  };
  for (const step of stepNames) {
    await page(`/patient/${step}`, `/patient/${step}`, patient);
    const stepAnswers = answers[step];
    if (!stepAnswers) continue;
    record = JSON.parse(
      (
        await patientApi(
          '/api/patient/record/steps/:step',
          `/api/patient/record/steps/${step}`,
          json('PUT', { revision: record.revision, answers: stepAnswers }),
        )
      ).body,
    ) as typeof record;
  }
  record = JSON.parse(
    (
      await patientApi(
        '/api/patient/record/ready',
        '/api/patient/record/ready',
        json('POST', { revision: record.revision }),
      )
    ).body,
  ) as typeof record;

  // The consultation.
  await page('/records', '/records', clinician);
  await api('/api/records', '/api/records');
  await page('/records/:recordId', `/records/${record.id}`, clinician);
  await api('/api/records/:recordId', `/api/records/${record.id}`);
  await page('/records/:recordId/together', `/records/${record.id}/together`, clinician);
  await api('/api/aids/:aidId/versions/:number/insights', `${aid}/versions/${version}/insights`);
  const decided = JSON.parse(
    (
      await api(
        '/api/records/:recordId/decision',
        `/api/records/${record.id}/decision`,
        json('POST', {
          revision: record.revision,
          clientToken: 'bench-decision-1',
          choice: { kind: 'option', optionId: 'exercise' },
          notes: 'Try physio first; review in 3 months.',
          openQuestions: [],
          followUp: 'Review in 3 months',
          participants: '',
        }),
      )
    ).body,
  ) as { record: { revision: number } };
  await api(
    '/api/records/:recordId/export.fhir.json',
    `/api/records/${record.id}/export.fhir.json`,
  );

  // The patient reads the decision and confirms it.
  await page('/patient/record', '/patient/record', patient);
  await patientApi(
    '/api/records/:recordId/confirmation',
    `/api/records/${record.id}/confirmation`,
    json('POST', {
      revision: decided.record.revision,
      clientToken: 'bench-confirm-1',
      comment: 'Thank you',
    }),
  );
  await patientApi('/api/records/:recordId', `/api/records/${record.id}`);
  await page('/members', '/members', clinician);
  await api('/api/members', '/api/members');
  await call('/api/health', '/api/health');
  return results;
}

/** The flow's requests merged by route: the most calls any one request of it made. */
export function byRoute(results: RouteCalls[]): RouteCalls[] {
  const merged = new Map<string, RouteCalls>();
  for (const result of results) {
    const seen = merged.get(result.route);
    if (!seen || result.calls > seen.calls) merged.set(result.route, result);
  }
  return [...merged.values()];
}

/** "GetItem 1, Query 1". */
export const commandList = (commands: Record<string, number>) =>
  Object.entries(commands)
    .map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`)
    .join(', ');
