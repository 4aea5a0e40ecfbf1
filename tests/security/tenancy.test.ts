import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiOperations,
  attackerCredentials,
  bodyOverrides,
  expectProblem,
  fillPath,
  form,
  inPool,
  knownBodies,
  MARKER,
  ORIGIN,
  pageForms,
  pageRoutes,
  read,
  sampleOf,
  victimIds,
  victimSnapshot,
  withHeaders,
  createSite,
  plantVictim,
  DEMO_EMAIL,
  type Answer,
  type ApiDocument,
  type Credential,
  type Operation,
  type PageRoute,
  type Site,
  type Victim,
} from './support';

/**
 * Every API operation (from the app's own OpenAPI document) and every page
 * (from the Remix build and the root app's routes), with the victim
 * organisation's real ids, for everyone who must not reach them: refused,
 * never a 5xx, never the victim's data (the marker), and nothing changed.
 */

let site: Site;
let victim: Victim;
let credentials: Credential[];
let api: ApiDocument;
let pages: PageRoute[];
let before: Awaited<ReturnType<typeof victimSnapshot>>;

beforeAll(async () => {
  site = await createSite({ readCache: true });
  victim = await plantVictim(site);
  credentials = await attackerCredentials(site, victim);
  api = await apiOperations(site);
  pages = await pageRoutes();
  before = await victimSnapshot(site.tableStore, victim);
});

/** Parameters that name something of the victim's, rather than a step. */
const victimParams = (params: string[]) => params.filter((p) => !['step'].includes(p));

const REFUSED = [401, 403, 404, 410];

/** Ends the caller's own session: run last, so the credential still works for the rest. */
const endsSession = (method: string, path: string) =>
  (method === 'DELETE' && path.endsWith('/current')) ||
  path === '/auth/signout' ||
  path === '/patient/leave';

const lastSessionEnders = <T>(items: T[], key: (item: T) => [string, string]) => [
  ...items.filter((item) => !endsSession(...key(item))),
  ...items.filter((item) => endsSession(...key(item))),
];

function apiRequest(op: Operation, credential: Credential) {
  const ids = victimIds(victim, credential.token);
  const url = new URL(fillPath(op.template, ids), ORIGIN);
  const overrides = bodyOverrides(victim, credential.token);
  for (const param of op.query) {
    if (param.name in overrides) url.searchParams.set(param.name, String(overrides[param.name]));
    else if (param.required)
      url.searchParams.set(param.name, String(sampleOf(param.schema, api.components)));
  }
  const key = `${op.method} ${op.template}`;
  const known = knownBodies(victim, credential.token);
  const body = op.body
    ? key in known
      ? known[key]
      : sampleOf(op.body, api.components, overrides)
    : undefined;
  const headers: Record<string, string> = {
    ...credential.api,
    // As a browser on our own pages would say, so that a cookie gets past the cross-site check.
    ...(credential.api['cookie'] ? { 'sec-fetch-site': 'same-origin' } : {}),
    ...(op.method === 'DELETE' ? { 'if-match': `"${victim.aidRevision}"` } : {}),
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  return {
    url: url.pathname + url.search,
    body,
    init: {
      method: op.method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    } as RequestInit,
  };
}

/** What is wrong with one answer, or nothing. */
function judgeApi(op: Operation, credential: Credential, answer: Answer, body: unknown): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (answer.body.includes(MARKER)) problems.push(`showed the victim's data (${answer.status})`);
  const own =
    victimParams(op.pathParams).length === 0 &&
    ((credential.holder === 'clinician' &&
      op.auth.some((a) => a === 'bearer' || a === 'session')) ||
      (credential.holder === 'patient' && op.auth.includes('patientSession')));
  const carriesVictimIds =
    body !== undefined &&
    [victim.aidId, victim.recordId, victim.invitationId].some((id) =>
      JSON.stringify(body).includes(id),
    );
  if (op.auth.length > 0 && !own && !REFUSED.includes(answer.status)) {
    problems.push(`answered ${answer.status}, not one of ${REFUSED.join(', ')}`);
  }
  // A link's token is the credential of the public patient routes: one that opens nothing is 404 or 410.
  const carriesLink = body !== null && typeof body === 'object' && 'token' in body;
  if (carriesLink && credential.holder !== 'patient' && ![404, 410].includes(answer.status)) {
    problems.push(`opened a link that should not open (${answer.status})`);
  }
  if (own && op.method !== 'GET' && carriesVictimIds && answer.status < 300) {
    problems.push(`acted on the victim's ids (${answer.status})`);
  }
  return problems;
}

describe('the API, operation by operation', () => {
  it('shows the marker to the victim organisation itself (so that its absence means something)', async () => {
    const response = await site.request(`/api/aids/${victim.aidId}`, {
      headers: { authorization: `Bearer ${await site.tokenFor(DEMO_EMAIL)}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(MARKER);
  });

  it('refuses every operation on the victim organisation to everyone else, mutating ones included', async () => {
    const operations = lastSessionEnders(api.operations, (op) => [op.method, op.template]);
    expect(operations.map((op) => op.method)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']),
    );
    const failures: string[] = [];
    let requests = 0;
    // Each credential's requests in order (a session ended last); the credentials side by side.
    await inPool(credentials, 4, async (credential) => {
      for (const op of operations) {
        const request = apiRequest(op, credential);
        const answer = await read(await site.request(request.url, request.init));
        requests += 1;
        const where = `${op.method} ${request.url} as ${credential.name}`;
        for (const problem of judgeApi(op, credential, answer, request.body)) {
          failures.push(`${where}: ${problem}`);
        }
        if (answer.status >= 400) {
          try {
            expectProblem(answer, where);
          } catch (error) {
            failures.push((error as Error).message.split('\n')[0]!);
          }
        }
      }
    });
    expect(failures).toEqual([]);
    expect(requests).toBe(operations.length * credentials.length);
    expect(await victimSnapshot(site.tableStore, victim)).toEqual(before);
  }, 120_000);
});

/** Pages anyone may open: they show no organisation's data. */
const publicPages = new Set([
  '/signin',
  '/goodbye',
  '/p/:token',
  '/auth/signin',
  '/auth/callback',
  '/auth/signout',
  '/p/:token/start',
  '/patient/leave',
  '/patient/step/:number',
]);

interface PageRequest {
  route: PageRoute;
  kind: 'document' | 'data';
  method: 'GET' | 'POST';
  url: string;
  fields?: Record<string, string>;
}

function pageRequests(credential: Credential): PageRequest[] {
  const ids = { ...victimIds(victim, credential.token), number: '3' };
  const forms = pageForms(victim);
  const requests: PageRequest[] = [];
  for (const route of pages) {
    const path = fillPath(route.template, ids);
    const site = route.id.startsWith('site:');
    // Single fetch: what the browser's scripts ask for; `/_root.data` for the root.
    const dataPath = path === '/' ? '/_root.data' : `${path}.data`;
    if (route.get) {
      requests.push({ route, kind: 'document', method: 'GET', url: path });
      if (!site) requests.push({ route, kind: 'data', method: 'GET', url: dataPath });
    }
    if (route.action) {
      const index = route.index ? '?index' : '';
      for (const fields of forms[route.id] ?? [{ intent: 'save' }]) {
        requests.push({ route, kind: 'document', method: 'POST', url: path + index, fields });
        if (!site)
          requests.push({ route, kind: 'data', method: 'POST', url: dataPath + index, fields });
      }
    }
  }
  return lastSessionEnders(requests, (r) => [r.method, r.route.template]);
}

/** Where an answer sends the browser: a 3xx, or single fetch's redirect (202, in the body). */
function redirectOf(answer: Answer): string | null {
  if (answer.status >= 300 && answer.status < 400) return answer.location;
  if (answer.status === 202) return /"redirect","([^"]*)"/.exec(answer.body)?.[1] ?? null;
  return null;
}

const toSignIn = (target: string | null) => target !== null && /^\/signin\b/.test(target);

/**
 * Follows redirects within the site (as the browser would, with the same
 * cookies) until an answer that is not one, or sign-in: a redirect is as
 * good as where it leads.
 */
async function settle(answer: Answer, credential: Credential): Promise<Answer[]> {
  const seen = [answer];
  for (let hop = 0; hop < 3; hop += 1) {
    const target = redirectOf(seen.at(-1)!);
    if (target === null || toSignIn(target) || !target.startsWith('/')) break;
    seen.push(
      await read(await site.request(target, { headers: credential.page, redirect: 'manual' })),
    );
  }
  return seen;
}

function judgePage(request: PageRequest, credential: Credential, answers: Answer[]): string[] {
  const problems: string[] = [];
  const { route } = request;
  for (const answer of answers) {
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if (answer.body.includes(MARKER)) problems.push(`showed the victim's data (${answer.status})`);
  }
  if (publicPages.has(route.template)) return problems;

  const patientPage = route.id.startsWith('routes/patient');
  const own =
    victimParams(route.params).length === 0 &&
    (patientPage ? credential.holder === 'patient' : credential.holder === 'clinician');
  if (own) return problems;
  const last = answers.at(-1)!;
  const target = redirectOf(last);
  if (!REFUSED.includes(last.status) && !toSignIn(target)) {
    const path = answers.map((a) => `${a.status}${redirectOf(a) ? ` → ${redirectOf(a)}` : ''}`);
    problems.push(`answered ${path.join(', ')}: not a refusal or sign-in`);
  }
  return problems;
}

describe('the pages, route by route', () => {
  it('refuses every page and form of the victim organisation to everyone else', async () => {
    const failures: string[] = [];
    let requests = 0;
    await inPool(credentials, 4, async (credential) => {
      for (const request of pageRequests(credential)) {
        const init: RequestInit = request.fields
          ? withHeaders(form(request.fields), credential.page)
          : { headers: credential.page };
        const answer = await read(await site.request(request.url, { ...init, redirect: 'manual' }));
        requests += 1;
        const where = `${request.method} ${request.url} (${request.kind}) as ${credential.name}`;
        for (const problem of judgePage(request, credential, await settle(answer, credential))) {
          failures.push(`${where}: ${problem}`);
        }
      }
    });
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(pages.length * credentials.length);
    expect(await victimSnapshot(site.tableStore, victim)).toEqual(before);
  }, 120_000);
});
