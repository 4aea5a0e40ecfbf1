import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { SignJWT, UnsecuredJWT, generateKeyPair, type JWK } from 'jose';
import { expect } from 'vitest';
import type { ComposeOptions } from '#functions/app/compose';
import { createAuthRoutes } from '#functions/auth/routes';
import { createPatientLinkRoutes } from '#functions/auth/patient-link-routes';
import { freePort } from '#functions/dev/dynamodb-local';
import type { DevAccount } from '#functions/dev/issuer';
import { DEMO_AID_ID, devAccounts } from '#functions/dev/seed';
import { createDb } from '#functions/store/db';
import { keys } from '#functions/store/keys';
import { clinicianItems } from '#functions/store/people';
import { createDynamoStore, type Store } from '#functions/store/store';
import { AID_EXPORT_FORMAT } from '#shared/aid/aids';
import type { AidContent } from '#shared/aid/schema';
import type { CreatedInvitation } from '#shared/invitations';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem';
import type { DecisionRecord, RecordView } from '#shared/record/schema';
import { publishableAid } from '#tests/support/aids';
import { loadBuild, remixPages, rootApp, tokensFor } from '#tests/support/root-app';
import { json } from '#tests/support/api';
import { seededTable, type Table } from '#tests/support/store';

export type { Table };
export { json };

/**
 * The security suite's world: the whole root app (API, sign-in routes, the
 * production Remix build) called in-process on a fresh seeded table, a victim
 * organisation's data carrying a marker, and the credentials of everyone who
 * must not see it.
 */

export const ORIGIN = 'http://localhost:3000';
export const CLIENT_ID = 'security-suite';
/** Planted in the victim's aid and record: no answer to anyone else may contain it. */
export const MARKER = 'Zq7VictimMarker';
export const VICTIM_ORG = 'demo-clinic';
export const VICTIM_CLINICIAN = 'demo-clinician';
export const DEMO_EMAIL = 'clinician@demo.example';
export const OTHER_EMAIL = 'clinician@other.example';
/** A clinician of the victim organisation who is removed once their credentials exist. */
export const REMOVED: DevAccount & { id: string } = {
  id: 'removed-clinician',
  subject: 'removed-clinician',
  email: 'removed@demo.example',
  name: 'Dr Former Member',
  organisation: 'Demo Clinic',
};
const DEMO_ACTOR = { id: 'demo-clinician', name: 'Dr Alex Morgan' };

// ---------------------------------------------------------------------------
// The app

/**
 * The document client with a read-through cache in front. DynamoDB Local
 * takes 5 to 10 ms a call on this machine; thousands of requests that each
 * read the same clinician, session and record would otherwise spend the
 * suite's time there. Every write still reaches DynamoDB. A write forgets the
 * items it wrote (by key) and every cached Query; a read that overlapped a
 * write is not kept. So reads are exactly as consistent as without the cache,
 * as long as this process is the table's only writer.
 */
export function readCachedDoc(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  /** Gets by item key, then by the whole input (a projection reads less of the item). */
  const items = new Map<string, Map<string, unknown>>();
  const queries = new Map<string, unknown>();
  let generation = 0;
  const itemKey = (key: unknown) => {
    const { pk, sk } = (key ?? {}) as { pk?: unknown; sk?: unknown };
    return typeof pk === 'string' && typeof sk === 'string' ? `${pk}\u0000${sk}` : null;
  };
  /** The keys a write touches; null when it cannot tell (then everything is forgotten). */
  const written = (name: string, input: Record<string, unknown>): Array<string | null> | null => {
    switch (name) {
      case 'PutCommand':
        return [itemKey(input['Item'])];
      case 'UpdateCommand':
      case 'DeleteCommand':
        return [itemKey(input['Key'])];
      case 'TransactWriteCommand':
        return (
          input['TransactItems'] as Array<Record<string, { Item?: unknown; Key?: unknown }>>
        ).map((entry) => {
          const [kind, op] = Object.entries(entry)[0]!;
          return kind === 'ConditionCheck' ? '' : itemKey(op.Item ?? op.Key);
        });
      default:
        return null;
    }
  };
  const send = async (
    command: { constructor: { name: string }; input: Record<string, unknown> },
    options?: unknown,
  ) => {
    const forward = doc.send.bind(doc) as (c: unknown, o?: unknown) => Promise<unknown>;
    const name = command.constructor.name;
    if (name === 'GetCommand' || name === 'QueryCommand' || name === 'BatchGetCommand') {
      const key = name === 'GetCommand' ? itemKey(command.input['Key']) : null;
      const input = `${name} ${JSON.stringify(command.input)}`;
      const cache = key === null ? queries : (items.get(key) ?? new Map<string, unknown>());
      if (cache.has(input)) return structuredClone(cache.get(input));
      const started = generation;
      const output = await forward(command, options);
      if (generation === started) {
        cache.set(input, structuredClone(output));
        if (key !== null) items.set(key, cache);
      }
      return output;
    }
    const forget = () => {
      generation += 1;
      queries.clear();
      const keys = written(name, command.input);
      if (keys === null || keys.includes(null)) items.clear();
      else for (const key of keys) items.delete(key!);
    };
    forget();
    try {
      return await forward(command, options);
    } finally {
      forget();
    }
  };
  return new Proxy(doc, {
    get: (target, property, receiver) =>
      property === 'send' ? send : (Reflect.get(target, property, receiver) as unknown),
  });
}

export interface SiteOptions {
  /** A table to use (seeded already); a fresh seeded one on the run's DynamoDB Local otherwise. */
  table?: Pick<Table, 'doc' | 'tableName'>;
  /** Where the site says it is: links and form origins. */
  publicOrigin?: string;
  /** Reads answered from memory until the next write (see `readCachedDoc`). */
  readCache?: boolean;
  /** Per-address limits: off unless a test is about them (thousands of requests come from one address here). */
  rateLimits?: ComposeOptions['rateLimits'];
}

export type Site = Awaited<ReturnType<typeof createSite>>;

/**
 * The root app as Lambda composes it, with the production Remix build and the
 * development issuer (its JWKS fetched in-process), on a seeded table.
 */
export async function createSite(options: SiteOptions = {}) {
  const publicOrigin = options.publicOrigin ?? ORIGIN;
  const table = options.table ?? (await seededTable());
  const doc = options.readCache ? readCachedDoc(table.doc) : table.doc;
  const db = createDb(doc, table.tableName);
  // Every line the app logs, kept (`logs`): the logs test reads them, and the fuzzer shows a fault's.
  const { root, issuer, logs } = await rootApp({
    table,
    doc,
    publicOrigin,
    clientId: CLIENT_ID,
    accounts: [...devAccounts, REMOVED],
    remix: await remixPages(),
    rateLimits: options.rateLimits ?? 'off',
  });
  /** The store through the same client as the app. */
  const store: Store = createDynamoStore(db);
  /** The store without the cache, to see what is really in the table. */
  const tableStore: Store = createDynamoStore(createDb(table.doc, table.tableName));

  /** A request to the root app, as a browser or a script would send it to the public origin. */
  const request = async (url: string, init: RequestInit = {}): Promise<Response> =>
    root.fetch(new Request(new URL(url, publicOrigin), init));

  const tokenFor = async (email: string) => (await tokensFor(issuer, email)).access_token;

  /** A browser session's id, started with a bearer token as the sign-in callback starts it. */
  async function sessionFor(email: string): Promise<string> {
    const response = await request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(email)}` },
    });
    expect(response.status, `session for ${email}`).toBe(201);
    return ((await response.json()) as { sessionId: string }).sessionId;
  }

  /** A patient's session from their link's token. */
  async function patientSession(token: string): Promise<string> {
    const response = await request('/api/patient/sessions', json('POST', { token }));
    expect(response.status, 'patient session').toBe(201);
    return ((await response.json()) as { sessionId: string }).sessionId;
  }

  return {
    root,
    request,
    table,
    doc,
    store,
    tableStore,
    issuer,
    logs,
    publicOrigin,
    tokenFor,
    sessionFor,
    patientSession,
  };
}

/** A form post as a browser without JavaScript sends it, from our own origin. */
export const form = (
  fields: Record<string, string> | Array<[string, string]>,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  body: new URLSearchParams(fields).toString(),
});

/**
 * The site on a real port, with the production build's browser assets, for
 * Chromium: `createSite` with this origin, served by @hono/node-server.
 */
export async function servedSite(options: Omit<SiteOptions, 'publicOrigin'> = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const site = await createSite({ ...options, publicOrigin: origin });
  const app = new Hono()
    .use('/assets/*', serveStatic({ root: 'build/client' }))
    .all('*', (c) => site.root.fetch(c.req.raw));
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  return {
    ...site,
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------
// The victim organisation's data, and the people around it

/** Text a patient types, carrying the marker. */
export const markedAnswers = (marker: string) => ({
  ownConcern: `Looking after ${marker} my garden`,
  worries: `I worry about ${marker} at night`,
  questions: `What does ${marker} mean for me?`,
  note: `A leaflet called ${marker}`,
});

/** Puts the patient's answers of each step through the API, then "I'm ready". */
export async function answerSteps(
  patient: (url: string, init?: RequestInit) => Promise<Response>,
  content: AidContent,
  text: ReturnType<typeof markedAnswers>,
  options: { ready?: boolean } = {},
): Promise<DecisionRecord> {
  const view = (await (await patient('/api/patient/record')).json()) as RecordView;
  let record = view.record;
  const rows = content.rows.map((row) => row.id);
  const step = async (name: string, answers: Record<string, unknown>) => {
    const response = await patient(
      `/api/patient/record/steps/${name}`,
      json('PUT', { revision: record.revision, answers }),
    );
    expect(response.status, `step ${name}: ${await response.clone().text()}`).toBe(200);
    record = (await response.json()) as DecisionRecord;
  };
  await step('options', { marks: rows.slice(0, 1) });
  await step('values', {
    ratings: Object.fromEntries(rows.map((id) => [id, 3])),
    ownConcerns: [{ id: 'own1', text: text.ownConcern, rating: 4 }],
  });
  await step('leaning', { leaning: content.options[0]!.id });
  await step('sure', {
    sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
    worries: text.worries,
  });
  await step('questions', { questions: text.questions, readElsewhere: { note: text.note } });
  if (options.ready ?? true) {
    const ready = await patient(
      '/api/patient/record/ready',
      json('POST', { revision: record.revision }),
    );
    expect(ready.status, 'ready').toBe(200);
    record = (await ready.json()) as DecisionRecord;
  }
  return record;
}

/** Creates an aid in an organisation through the store, and publishes it as version 1. */
export async function publishedAid(
  store: Store,
  orgId: string,
  content: AidContent,
  id: string = randomUUID(),
) {
  const aid = await store.aids.create(orgId, { id, content, demonstration: false, by: DEMO_ACTOR });
  await store.aids.publish(orgId, id, aid.revision, DEMO_ACTOR, null);
  return id;
}

/** Invites a patient to a published version through the API, as a clinician does. */
export async function invite(
  site: Site,
  bearer: string,
  aidId: string,
  clinicReference = '',
): Promise<{ token: string; invitationId: string }> {
  const response = await site.request(
    '/api/invitations',
    json('POST', { aidId, version: 1, clinicReference }, { authorization: `Bearer ${bearer}` }),
  );
  expect(response.status, `invite: ${await response.clone().text()}`).toBe(201);
  const created = (await response.json()) as CreatedInvitation;
  return { token: created.link.split('/p/')[1]!, invitationId: created.invitation.id };
}

export type Planted = Awaited<ReturnType<typeof plantRecord>>;
export type Victim = Planted;

/**
 * An aid of Demo Clinic, published, with a patient's record on it: answered
 * with `text` in every free-text answer, and ready for the consultation.
 */
export async function plantRecord(site: Site, word: string) {
  const content = publishableAid({
    title: `Aid ${word}`,
    condition: `A condition called ${word}.`,
  });
  const aidId = await publishedAid(
    site.store,
    VICTIM_ORG,
    content,
    `aid-${randomUUID().slice(0, 8)}`,
  );
  const bearer = await site.tokenFor(DEMO_EMAIL);
  const link = await invite(site, bearer, aidId, `Ref ${word}`);
  const sessionId = await site.patientSession(link.token);
  const patient = (url: string, init: RequestInit = {}) =>
    site.request(url, withHeaders(init, { cookie: `dt_patient=${sessionId}` }));
  const record = await answerSteps(patient, content, markedAnswers(word));
  const aid = await site.store.aids.get(VICTIM_ORG, aidId);
  return {
    orgId: VICTIM_ORG,
    aidId,
    aidRevision: aid!.revision,
    version: 1,
    recordId: record.id,
    recordRevision: record.revision,
    invitationId: link.invitationId,
    token: link.token,
    patientSessionId: sessionId,
  };
}

/** The victim: its aid's texts, its patient's answers and its clinic reference carry the marker. */
export const plantVictim = (site: Site) => plantRecord(site, MARKER);

export function withHeaders(init: RequestInit, headers: Record<string, string>): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), ...headers },
  };
}

/** What the store holds of the victim: compared before and after an attack. */
export async function victimSnapshot(
  store: Store,
  victim: Pick<Victim, 'aidId' | 'recordId' | 'invitationId'>,
) {
  const [clinician, aid, demoAid, versions, record, invitation] = await Promise.all([
    store.people.clinician({ orgId: VICTIM_ORG, clinicianId: VICTIM_CLINICIAN }),
    store.aids.get(VICTIM_ORG, victim.aidId),
    store.aids.get(VICTIM_ORG, DEMO_AID_ID),
    store.aids.listVersions(VICTIM_ORG, victim.aidId, { limit: 50 }),
    store.records.getWithHistory(VICTIM_ORG, victim.recordId),
    store.invitations.get(VICTIM_ORG, victim.invitationId),
  ]);
  return { clinician, aid, demoAid, versions, record, invitation };
}

// ---------------------------------------------------------------------------
// Credentials

export interface Credential {
  name: string;
  /** Headers on API requests. */
  api: Record<string, string>;
  /** Headers on page requests (cookies: pages read no bearer token). */
  page: Record<string, string>;
  /** A link token it carries, for /p/{token} and the patient link routes. */
  token: string;
  /** What this credential genuinely is, where it may act on its own data. */
  holder: 'clinician' | 'patient' | null;
}

const unknownToken = () => randomBytes(32).toString('base64url');

/** A JWT as Cognito would shape it for the victim's clinician, with a header and key of our choosing. */
async function forgedTokens(site: Site): Promise<Record<string, string>> {
  const claims = {
    client_id: CLIENT_ID,
    token_use: 'access',
    scope: 'openid email',
  };
  const iss = site.issuer.issuer;
  const jwks = (await (await site.request('/dev/.well-known/jwks.json')).json()) as { keys: JWK[] };
  const realKid = jwks.keys[0]?.kid ?? 'unknown';
  const none = new UnsecuredJWT(claims)
    .setIssuer(iss)
    .setSubject('demo-clinician')
    .setIssuedAt()
    .setExpirationTime('1h')
    .encode();
  const { privateKey } = await generateKeyPair('RS256');
  const wrongKey = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: realKid })
    .setIssuer(iss)
    .setSubject('demo-clinician')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  // The classic confusion: HS256 with the published RSA key as the shared secret.
  const hmac = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: realKid })
    .setIssuer(iss)
    .setSubject('demo-clinician')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
  return { none, wrongKey, hmac };
}

/**
 * Everyone who must not reach the victim's data: nobody, garbage, forgeries,
 * another organisation's clinician, a removed member, another record's
 * patient, and the patients of an expired and of a withdrawn link.
 */
export async function attackerCredentials(site: Site, victim: Victim): Promise<Credential[]> {
  const { store } = site;
  const demoBearer = await site.tokenFor(DEMO_EMAIL);

  // A removed member: a clinician of the victim organisation, signed in, then deleted.
  for (const Item of clinicianItems({ ...REMOVED, orgId: VICTIM_ORG }, REMOVED.subject)) {
    await site.doc.send(new PutCommand({ TableName: site.table.tableName, Item }));
  }
  const removedBearer = await site.tokenFor(REMOVED.email);
  const removedSession = await site.sessionFor(REMOVED.email);
  await site.doc.send(
    new DeleteCommand({
      TableName: site.table.tableName,
      Key: keys.clinician(VICTIM_ORG, REMOVED.id),
    }),
  );

  // Another organisation's clinician.
  const otherBearer = await site.tokenFor(OTHER_EMAIL);
  const otherSession = await site.sessionFor(OTHER_EMAIL);

  // Another record's patient, in the victim organisation, on the demonstration aid.
  const otherLink = await invite(site, demoBearer, DEMO_AID_ID);
  const otherPatient = await site.patientSession(otherLink.token);

  // A withdrawn link whose patient had a session.
  const withdrawn = await invite(site, demoBearer, victim.aidId, `Withdrawn ${MARKER}`);
  const withdrawnSession = await site.patientSession(withdrawn.token);
  const revoked = await site.request(`/api/invitations/${withdrawn.invitationId}/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demoBearer}` },
  });
  expect(revoked.status).toBe(200);

  // An expired link to the victim's aid, whose record and session were opened before it expired.
  const { invitation, token: expiredToken } = await store.invitations.create(VICTIM_ORG, {
    aidId: victim.aidId,
    aidVersion: 1,
    aidTitle: `Victim aid ${MARKER}`,
    clinicReference: `Expired ${MARKER}`,
    expiresAt: new Date(Date.now() - 60_000),
    by: DEMO_ACTOR,
  });
  const expiredRecord = await store.records.openFor(VICTIM_ORG, invitation);
  const expiredSession = await store.patientSessions.create(
    { orgId: VICTIM_ORG, recordId: expiredRecord.id, invitationId: invitation.id },
    new Date(Date.now() + 3600_000),
  );

  const forged = await forgedTokens(site);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const session = (id: string) => ({ cookie: `dt_session=${id}` });
  const patient = (id: string) => ({ cookie: `dt_patient=${id}` });
  const none = { token: unknownToken(), holder: null };
  return [
    { name: 'no credentials', api: {}, page: {}, ...none },
    {
      name: 'garbage bearer',
      api: bearer('garbage.garbage.garbage'),
      page: { cookie: 'dt_session=garbage; dt_patient=garbage' },
      ...none,
    },
    {
      name: 'JWT alg none',
      api: bearer(forged.none!),
      page: { cookie: `dt_session=${forged.none}` },
      ...none,
    },
    {
      name: 'JWT signed with a wrong key',
      api: bearer(forged.wrongKey!),
      page: { cookie: `dt_session=${forged.wrongKey}` },
      ...none,
    },
    {
      name: 'JWT HS256 with the public key',
      api: bearer(forged.hmac!),
      page: { cookie: `dt_session=${forged.hmac}` },
      ...none,
    },
    {
      name: 'other organisation (bearer)',
      api: bearer(otherBearer),
      page: session(otherSession),
      token: unknownToken(),
      holder: 'clinician',
    },
    {
      name: 'other organisation (session)',
      api: session(otherSession),
      page: session(otherSession),
      token: unknownToken(),
      holder: 'clinician',
    },
    {
      name: 'removed clinician (bearer)',
      api: bearer(removedBearer),
      page: {},
      ...none,
    },
    {
      name: 'removed clinician (session)',
      api: session(removedSession),
      page: session(removedSession),
      ...none,
    },
    {
      name: "another record's patient",
      api: patient(otherPatient),
      page: patient(otherPatient),
      token: otherLink.token,
      holder: 'patient',
    },
    {
      name: 'expired link',
      api: patient(expiredSession.id),
      page: patient(expiredSession.id),
      token: expiredToken,
      holder: null,
    },
    {
      name: 'withdrawn link',
      api: patient(withdrawnSession),
      page: patient(withdrawnSession),
      token: withdrawn.token,
      holder: null,
    },
  ];
}

// ---------------------------------------------------------------------------
// What there is to call: the API document's operations, and the pages

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The path as the document writes it: /api/aids/{aidId} */
  template: string;
  /** Who may call it, from `security`. */
  auth: Array<'bearer' | 'session' | 'patientSession'>;
  pathParams: string[];
  query: Array<{ name: string; required: boolean; schema: JsonSchema }>;
  body: JsonSchema | null;
}

export interface ApiDocument {
  operations: Operation[];
  components: Record<string, JsonSchema>;
}

/** Every operation the app's own OpenAPI document lists: new routes are covered as they come. */
export async function apiOperations(site: Pick<Site, 'request'>): Promise<ApiDocument> {
  const response = await site.request('/api/openapi.json');
  expect(response.status).toBe(200);
  const doc = (await response.json()) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op['parameters'] ?? []) as Array<{
        name: string;
        in: string;
        required?: boolean;
        schema: JsonSchema;
      }>;
      const body = op['requestBody'] as
        { content: Record<string, { schema: JsonSchema }> } | undefined;
      operations.push({
        method: method.toUpperCase(),
        template,
        auth: ((op['security'] ?? []) as Array<Record<string, unknown>>).flatMap(
          (s) => Object.keys(s) as Operation['auth'],
        ),
        pathParams: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        body: body?.content['application/json']?.schema ?? null,
      });
    }
  }
  expect(operations.length).toBeGreaterThan(25);
  return { operations, components: doc.components.schemas };
}

export interface PageRoute {
  id: string;
  /** /records/:recordId */
  template: string;
  params: string[];
  get: boolean;
  action: boolean;
  index: boolean;
}

/**
 * Every page: the Remix routes of the production build (paths joined through
 * their parents), and the routes the root app answers itself (sign-in, the
 * patient's link start and leave).
 */
export async function pageRoutes(): Promise<PageRoute[]> {
  const build = await loadBuild();
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? '';
    const parent = route.parentId ? fullPath(route.parentId) : '';
    return [parent, own].filter(Boolean).join('/');
  };
  const pages: PageRoute[] = [];
  for (const [id, route] of Object.entries(build.routes)) {
    if (id === 'root') continue;
    // A pathless layout is reached through its children.
    if (route.path === undefined && !route.index) continue;
    const template = `/${fullPath(id)}`.replace(/\/+/g, '/');
    const module = route.module as unknown as Record<string, unknown>;
    pages.push({
      id,
      template,
      params: [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      get: 'loader' in module || 'default' in module,
      action: 'action' in module,
      index: route.index === true,
    });
  }
  // The root app's own routes, read from the very modules it mounts.
  const fetchNever = async () => new Response(null, { status: 500 });
  const own = [
    ...createAuthRoutes({
      oidc: {} as never,
      apiFetch: fetchNever,
      publicOrigin: ORIGIN,
      log: {} as never,
    }).routes.map((r) => ({ ...r, path: `/auth${r.path}` })),
    ...createPatientLinkRoutes({ apiFetch: fetchNever, publicOrigin: ORIGIN }).routes,
  ];
  for (const route of own) {
    const template = route.path;
    pages.push({
      id: `site:${route.method} ${template}`,
      template,
      params: [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      get: route.method === 'GET',
      action: route.method === 'POST',
      index: false,
    });
  }
  expect(pages.length).toBeGreaterThan(20);
  return pages;
}

/** Fills `{name}` or `:name` in a path with the ids given, by name. */
export function fillPath(template: string, ids: Record<string, string>): string {
  return template.replace(
    /\{(\w+)\}|:(\w+)/g,
    (_, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const value = ids[name];
      if (value === undefined)
        throw new Error(`No value for path parameter "${name}" in ${template}`);
      return encodeURIComponent(value);
    },
  );
}

/**
 * The ids of a planted record by path parameter name. A parameter no one
 * named yet (a member, say) gets `other`: the victim clinician's id unless said.
 */
export function victimIds(
  victim: Victim,
  token: string,
  other = VICTIM_CLINICIAN,
): Record<string, string> {
  const ids: Record<string, string> = {
    aidId: victim.aidId,
    number: String(victim.version),
    version: String(victim.version),
    invitationId: victim.invitationId,
    recordId: victim.recordId,
    step: 'values',
    token,
  };
  return new Proxy(ids, {
    get: (target, name: string) => target[name] ?? other,
  });
}

// ---------------------------------------------------------------------------
// A valid body from a JSON Schema, so that a refusal is about who asks, not what is sent

/**
 * A small instance of a JSON Schema: required properties only, the first of
 * each choice, the least of each range. `overrides` replaces properties by
 * name wherever they are.
 */
export function sampleOf(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  overrides: Record<string, unknown> = {},
  depth = 0,
): unknown {
  if (depth > 12) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    return sampleOf(components[name] ?? {}, components, overrides, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) {
    const concrete = choice.find((s) => s.type !== 'null') ?? choice[0]!;
    return sampleOf(concrete, components, overrides, depth + 1);
  }
  if (schema.allOf) {
    return Object.assign(
      {},
      ...schema.allOf.map((s) => sampleOf(s, components, overrides, depth + 1) as object),
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        out[name] =
          name in overrides
            ? overrides[name]
            : sampleOf(schema.properties?.[name] ?? {}, components, overrides, depth + 1);
      }
      for (const name of Object.keys(schema.properties ?? {})) {
        if (name in overrides && !(name in out)) out[name] = overrides[name];
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) =>
        sampleOf(schema.prefixItems?.[i] ?? schema.items ?? {}, components, overrides, depth + 1),
      );
    case 'integer':
    case 'number':
      return Math.max(
        schema.minimum ?? 0,
        schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1,
        1,
      );
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/';
      if (schema.format === 'date') return '2030-01-01';
      if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      return 'a'.repeat(Math.max(schema.minLength ?? 1, 8)).slice(0, schema.maxLength ?? 8);
    }
    default:
      return {};
  }
}

/** Bodies that pass validation, where a generated one would not (the aid's whole content). */
export function knownBodies(victim: Victim, token: string): Record<string, unknown> {
  const content = publishableAid();
  return {
    'PUT /api/aids/{aidId}': { content, revision: victim.aidRevision },
    'POST /api/aids/import': {
      format: AID_EXPORT_FORMAT,
      formatVersion: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      demonstration: false,
      content,
    },
    'POST /api/aids/{aidId}/publish': { revision: victim.aidRevision },
    'PUT /api/patient/record/steps/{step}': {
      revision: victim.recordRevision,
      answers: { ratings: {} },
    },
    'POST /api/records/{recordId}/decision': {
      revision: victim.recordRevision,
      clientToken: `tok-${randomUUID()}`,
      choice: { kind: 'option', optionId: 'a' },
    },
    'POST /api/records/{recordId}/amendments': {
      revision: victim.recordRevision,
      clientToken: `tok-${randomUUID()}`,
      reason: 'Typo',
      changes: { notes: 'x' },
    },
    'POST /api/patient/link': { token },
    'POST /api/patient/sessions': { token },
  };
}

/** Overrides by property name for generated bodies: the victim's ids, and what the credential carries. */
export function bodyOverrides(victim: Victim, token: string): Record<string, unknown> {
  return {
    aidId: victim.aidId,
    version: victim.version,
    recordId: victim.recordId,
    invitationId: victim.invitationId,
    revision: victim.recordRevision,
    token,
    days: 30,
    clientToken: `tok-${randomUUID()}`,
  };
}

/** An aid's content as the editor's form sends it: fields named as Conform names them. */
export function aidFormFields(content: AidContent): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const walk = (value: unknown, name: string) => {
    if (Array.isArray(value)) {
      // A cell's sources are one field sent once per source; other lists are indexed.
      if (name.endsWith('.sourceIds')) for (const id of value) fields.push([name, String(id)]);
      else value.forEach((item, i) => walk(item, `${name}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, name ? `${name}.${key}` : key);
    } else if (value === true) {
      fields.push([name, 'on']);
    } else if (value !== false && value !== undefined && value !== null) {
      fields.push([name, String(value)]);
    }
  };
  walk(content, '');
  return fields;
}

/**
 * The forms each page's action reads, filled with the victim's ids: what a
 * browser would post from the victim's own pages. A page not listed here
 * gets a generic form: its action is still called.
 */
export function pageForms(
  victim: Pick<Victim, 'aidId' | 'recordId' | 'invitationId' | 'aidRevision' | 'recordRevision'>,
): Record<string, Array<Record<string, string>>> {
  const revision = String(victim.recordRevision);
  const basis = () => ({ revision, clientToken: `tok-${randomUUID()}` });
  const decide = {
    intent: 'decide',
    ...basis(),
    'choice.optionId': 'a',
    notes: 'Start with the cream',
  };
  const step = (fields: Record<string, string>) => [{ ...fields, revision, intent: 'next' }];
  const editor = Object.fromEntries(aidFormFields(publishableAid({ title: 'Renamed' })));
  return {
    'routes/records.$recordId.together': [decide, { intent: 'confirm', ...basis() }],
    'routes/_clinic.records.$recordId': [
      decide,
      { intent: 'confirm', ...basis() },
      { intent: 'amend', ...basis(), reason: 'Typo', 'changes.notes': 'x' },
      { intent: 'extend', invitationId: victim.invitationId, days: '30' },
      { intent: 'withdraw', invitationId: victim.invitationId },
    ],
    'routes/_clinic.aids.$aidId._index': [
      { intent: 'save', revision: String(victim.aidRevision), ...editor },
      { intent: 'publish', revision: String(victim.aidRevision), ...editor },
      { intent: 'duplicate' },
      { intent: 'delete', revision: String(victim.aidRevision) },
    ],
    'routes/_clinic.invitations': [
      { aid: `${victim.aidId}@1`, clinicReference: 'Appt', expiresInDays: '30' },
      { intent: `revoke:${victim.invitationId}` },
    ],
    'routes/_clinic._index': [{ intent: 'create', title: 'New aid', condition: 'Something' }],
    'routes/patient.options': step({ marks: 'better' }),
    'routes/patient.values': step({ 'ratings.better': '4', 'ownConcerns[0].text': 'Mine' }),
    'routes/patient.leaning': step({ leaning: 'a' }),
    'routes/patient.sure': step({ 'sure.sure': 'yes', worries: 'None' }),
    'routes/patient.questions': step({ questions: 'When?', 'readElsewhere.note': '' }),
    'routes/patient.decision': step({}),
    'routes/patient.summary': [{ revision }, { revision, intent: 'back' }],
    'routes/patient.record': [{ recordId: victim.recordId, ...basis(), comment: 'Yes' }],
    'routes/_clinic.members': [
      { intent: `role:${VICTIM_CLINICIAN}`, role: 'clinician' },
      { intent: `remove:${VICTIM_CLINICIAN}` },
      { email: 'newcomer@example.org', name: 'New Person', role: 'clinician' },
    ],
  };
}

// ---------------------------------------------------------------------------
// What every answer must be

export interface Answer {
  status: number;
  requestId: string | null;
  retryAfter: string | null;
  contentType: string;
  location: string | null;
  body: string;
}

export async function read(response: Response): Promise<Answer> {
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type') ?? '',
    location: response.headers.get('location'),
    body: await response.text(),
  };
}

/** An API error is problem+json with a status and a title. */
export function expectProblem(answer: Answer, where: string) {
  expect(answer.contentType, `${where}: content type of ${answer.status}`).toBe(
    PROBLEM_CONTENT_TYPE,
  );
  const problem = JSON.parse(answer.body) as { status?: unknown; title?: unknown };
  expect(problem.status, `${where}: problem status`).toBe(answer.status);
  expect(typeof problem.title === 'string' && problem.title.length > 0, `${where}: title`).toBe(
    true,
  );
}

/** Runs `work` on each item, `concurrency` at a time, in order of start. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
