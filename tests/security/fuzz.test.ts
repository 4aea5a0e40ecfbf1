import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { publishableAid } from '../support/aids';
import {
  aidFormFields,
  apiOperations,
  createSite,
  DEMO_EMAIL,
  expectProblem,
  fillPath,
  inPool,
  invite,
  knownBodies,
  OTHER_EMAIL,
  ORIGIN,
  pageForms,
  pageRoutes,
  plantRecord,
  plantVictim,
  read,
  sampleOf,
  victimIds,
  victimSnapshot,
  VICTIM_CLINICIAN,
  type ApiDocument,
  type PageRoute,
  type Planted,
  type Site,
  type Victim,
} from './support';

/**
 * Generated requests, thousands of them, to every API operation and every
 * page's form action: wrong types, huge and broken text, deep and hostile
 * JSON, bad media types, repeated fields, invalid UTF-8. Nothing may answer
 * 5xx; every API error is problem+json; the victim's and the demonstration
 * data are as they were. The seed is fixed and printed: FUZZ_SEED=… reruns one.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_126);
const API_REQUESTS = Number(process.env['FUZZ_API_REQUESTS'] ?? 7_000);
const PAGE_REQUESTS = Number(process.env['FUZZ_PAGE_REQUESTS'] ?? 3_000);
/** Requests sent side by side: the store's round trips overlap. */
const BATCH = 8;

let site: Site;
let victim: Victim;
/** The demo clinic's own aid and record, which its clinician may change: the fuzzing happens there. */
let sandbox: Planted;
/** An invitation that the generated requests may withdraw (the sandbox's own must keep working). */
let spareInvitation: string;
let api: ApiDocument;
let pages: PageRoute[];
let before: Awaited<ReturnType<typeof victimSnapshot>>;

interface FuzzCredential {
  name: string;
  headers: Record<string, string>;
  /** Whose ids it is given: its own organisation's sandbox, or the victim's (an attacker's). */
  target: 'sandbox' | 'victim';
  /** It ends its own session if it signs out: only throwaway ones may. */
  lasting: boolean;
}
let apiCredentials: FuzzCredential[];
let pageCredentials: FuzzCredential[];

beforeAll(async () => {
  site = await createSite({ readCache: true });
  victim = await plantVictim(site);
  sandbox = await plantRecord(site, 'sandbox words');
  const bearer = await site.tokenFor(DEMO_EMAIL);
  spareInvitation = (await invite(site, bearer, sandbox.aidId)).invitationId;
  const ownerSession = await site.sessionFor(DEMO_EMAIL);
  const otherBearer = await site.tokenFor(OTHER_EMAIL);
  const otherSession = await site.sessionFor(OTHER_EMAIL);
  const sameSite = { 'sec-fetch-site': 'same-origin' };
  const patient = { cookie: `dt_patient=${sandbox.patientSessionId}` };
  const nobody = { headers: {}, target: 'victim', lasting: false } as const;
  apiCredentials = [
    {
      name: 'owner bearer',
      headers: { authorization: `Bearer ${bearer}` },
      target: 'sandbox',
      lasting: false,
    },
    {
      name: 'owner session',
      headers: { cookie: `dt_session=${ownerSession}`, ...sameSite },
      target: 'sandbox',
      lasting: true,
    },
    { name: 'patient', headers: { ...patient, ...sameSite }, target: 'sandbox', lasting: true },
    {
      name: 'other organisation',
      headers: { authorization: `Bearer ${otherBearer}` },
      target: 'victim',
      lasting: false,
    },
    { name: 'nobody', ...nobody },
    {
      name: 'garbage',
      headers: { authorization: 'Bearer x.y.z', cookie: 'dt_session=%FF; dt_patient=' },
      target: 'victim',
      lasting: false,
    },
  ];
  pageCredentials = [
    {
      name: 'owner session',
      headers: { cookie: `dt_session=${ownerSession}` },
      target: 'sandbox',
      lasting: true,
    },
    { name: 'patient', headers: patient, target: 'sandbox', lasting: true },
    {
      name: 'other organisation',
      headers: { cookie: `dt_session=${otherSession}` },
      target: 'victim',
      lasting: true,
    },
    { name: 'nobody', ...nobody },
  ];
  api = await apiOperations(site);
  pages = await pageRoutes();
  before = await victimSnapshot(site.tableStore, victim);
});

// ---------------------------------------------------------------------------
// What is sent

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddCharacter = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\uffff',
  'e\u0301',
  '<',
  '>',
  '"',
  "'",
  '&',
  '%',
  '\\',
  '\r\n',
  '\t',
  '😀',
);
const character = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: oddCharacter },
  { weight: 1, arbitrary: loneSurrogate },
);
const bigStrings = [1_000, 10_000, 100_000].map((n) => 'x'.repeat(n));
const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: character, maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
      'toString',
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '1e999',
      '0x1F',
      ' 7 ',
      '7.5',
      '',
      ' ',
      'null',
      'undefined',
      'true',
      '[]',
      '{}',
      '../../etc/passwd',
      '%00',
      '%ZZ',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '${7*7}',
      'a'.repeat(301),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...bigStrings) },
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    -1,
    0,
    2 ** 31,
    0.5,
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

type Path = Array<string | number>;
function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], out);
  return out;
}

/** A valid body with one thing changed: a value replaced, a field removed, or one added. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths = allPaths(base);
  return fc
    .tuple(
      fc.nat({ max: paths.length - 1 }),
      hostileValue,
      fc.constantFrom('set', 'delete', 'add'),
      hostileString,
    )
    .map(([i, value, how, key]) => {
      const copy = structuredClone(base);
      const path = paths[i]!;
      if (path.length === 0) return how === 'set' ? value : copy;
      const parent = path
        .slice(0, -1)
        .reduce<unknown>((node, k) => (node as never)[k], copy) as Record<string | number, unknown>;
      const last = path.at(-1)!;
      if (how === 'set') parent[last] = value;
      else if (how === 'delete') delete parent[last];
      else if (typeof parent === 'object' && !Array.isArray(parent)) parent[key] = value;
      return copy;
    });
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** JSON text, from nearly right to plainly wrong. */
function jsonText(base: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(base ?? {});
  return fc.oneof(
    { weight: 8, arbitrary: mutated(base ?? {}).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 2,
      // Keys that would reach the prototype of an object built carelessly.
      arbitrary: fc
        .constantFrom(
          '"__proto__":{"polluted":"yes","revision":1}',
          '"constructor":{"prototype":{"polluted":"yes"}}',
          '"__proto__":null',
          '"content":{"__proto__":{"title":"x"}}',
          '"answers":{"__proto__":{"polluted":"yes"}}',
        )
        .map((extra) =>
          text.startsWith('{') && text !== '{}' ? `{${extra},${text.slice(1)}` : `{${extra}}`,
        ),
    },
    {
      weight: 1,
      // Escaped lone surrogates in every string of the body.
      arbitrary: fc
        .constantFrom('\\ud800', '\\udfff', '\\u0000', '\\u202e')
        .map((escape) => text.replace(/"([^"\\]*)"(?!:)/g, `"$1${escape}"`)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        deep(10_000),
        deepObject(5_000),
        '{"a":',
        '',
        'null',
        '[]',
        '"x"',
        '1e400',
        'NaN',
        '{"revision":1e400}',
        '{"revision":-0}',
        '{"revision":"1"}',
        '{"revision":1.5}',
        '{"limit":99999999999999999999}',
        '\ufeff{}',
        '{"a":1,"a":2}',
        `{"title":"${'x'.repeat(600 * 1024)}"}`,
      ),
    },
  );
}

/** Bytes that are not UTF-8, spliced into text. */
const brokenBytes = fc.constantFrom(
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
);
function withBrokenBytes(text: string): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const bytes = new TextEncoder().encode(text);
  return fc.tuple(fc.nat({ max: bytes.length }), brokenBytes).map(([at, broken]) => {
    const out = new Uint8Array(bytes.length + broken.length);
    out.set(bytes.subarray(0, at));
    out.set(broken, at);
    out.set(bytes.subarray(at), at + broken.length);
    return out;
  });
}

const jsonType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/merge-patch+json',
      'application/problem+json',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json, text/plain',
      'json',
      '',
    ),
  },
);

/** A path segment that is not an id: encoded or left raw, as an attacker would type it. */
const hostileSegment = fc.oneof(
  hostileString
    .filter((s) => s.length < 400)
    .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
  fc.constantFrom(
    '%ZZ',
    '%',
    '..',
    '.',
    '%2e%2e',
    '%2F',
    '%00',
    'a%20b',
    '__proto__',
    'constructor',
    ' ',
    '%F0%9F',
  ),
);

interface FuzzRequest {
  /** How it is shown in a failure: the request in one line, its body cut short. */
  describe: string;
  url: string;
  init: RequestInit;
  /** Which operation or action it aims at, for the coverage count. */
  aim: string;
}

/** fast-check prints a counterexample by its description, not its megabyte of body. */
const printable = (request: FuzzRequest): FuzzRequest =>
  Object.assign(request, { [fc.toStringMethod]: () => request.describe });

const describeBody = (body: string | Uint8Array<ArrayBuffer> | FormData | undefined) =>
  body === undefined
    ? ''
    : body instanceof FormData
      ? ` multipart[${[...body.keys()].slice(0, 6).join(',')}]`
      : ` body ${typeof body === 'string' ? JSON.stringify(body.slice(0, 160)) : `bytes(${body.length})`}`;

/** A link token no invitation has: the victim's own link would rightly open its record. */
const unknownToken = 'x'.repeat(43);

/** The ids a credential is given: its own sandbox's, or the victim's with a token that opens nothing. */
function idsFor(credential: FuzzCredential): Record<string, string> {
  // The fuzzer's own clinician must not remove or demote themself: their member id is never given.
  return credential.target === 'sandbox'
    ? victimIds(sandbox, sandbox.token, 'no-such-member')
    : victimIds(victim, unknownToken);
}

function apiRequest(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      // A body is where most can go wrong: operations that read one come up three times as often.
      fc.oneof(
        ...api.operations.map((op) => ({ weight: op.body ? 3 : 1, arbitrary: fc.constant(op) })),
      ),
      fc.constantFrom(...apiCredentials),
    )
    .chain(([op, chosen]) => {
      // Signing out with the fuzzer's own session would end it for every later request.
      const credential =
        op.method === 'DELETE' && op.template.endsWith('/current') && chosen.lasting
          ? apiCredentials.find((c) => c.name === 'nobody')!
          : chosen;
      const ids = idsFor(credential);
      if (op.template.endsWith('/revoke')) ids['invitationId'] = spareInvitation;
      const key = `${op.method} ${op.template}`;
      const target = credential.target === 'sandbox' ? sandbox : victim;
      const known = knownBodies(target, ids['token']!);
      const base = op.body
        ? key in known
          ? known[key]
          : sampleOf(op.body, api.components)
        : undefined;
      const params = Object.fromEntries(
        op.pathParams.map((p) => [
          p,
          fc.oneof(
            { weight: 5, arbitrary: fc.constant(encodeURIComponent(ids[p]!)) },
            hostileSegment,
          ),
        ]),
      );
      const queryNames = [...op.query.map((q) => q.name), 'limit', '__proto__', 'cursor'];
      const body: fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> = op.body
        ? fc.oneof(
            { weight: 8, arbitrary: jsonText(base) },
            { weight: 1, arbitrary: jsonText(base).chain(withBrokenBytes) },
            { weight: 1, arbitrary: fc.constant(undefined) },
          )
        : fc.oneof(
            { weight: 6, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: jsonText({}) },
          );
      return fc
        .record({
          params: fc.record(params),
          query: fc.array(
            fc.tuple(
              fc.constantFrom(...queryNames),
              hostileString.filter((s) => s.length < 2_000),
            ),
            {
              maxLength: 3,
            },
          ),
          body,
          contentType: jsonType,
          method: fc.oneof(
            { weight: 20, arbitrary: fc.constant(op.method) },
            { weight: 1, arbitrary: fc.constantFrom('PATCH', 'OPTIONS', 'HEAD', 'PUT', 'DELETE') },
          ),
          ifMatch: fc.option(
            fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"999999999999"', '"-1"', 'garbage', '""'),
            {
              freq: 4,
            },
          ),
        })
        .map(({ params, query, body, contentType, method, ifMatch }) => {
          const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
          const search = query.length
            ? '?' +
              query
                .map(
                  ([k, v]) =>
                    `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`,
                )
                .join('&')
            : '';
          const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
          const headers: Record<string, string> = {
            ...credential.headers,
            ...(sendsBody && contentType ? { 'content-type': contentType } : {}),
            ...(ifMatch === null ? {} : { 'if-match': ifMatch }),
          };
          return printable({
            aim: key,
            url: path + search,
            init: { method, headers, ...(sendsBody ? { body } : {}) },
            describe: `${method} ${path}${search.slice(0, 120)} as ${credential.name} (${contentType})${describeBody(sendsBody ? body : undefined)}`,
          });
        });
    });
}

/** Field names a form of the route sends, and names that no form sends. */
function fieldNames(route: PageRoute): string[] {
  const forms = pageForms(sandbox)[route.id] ?? [];
  const own = new Set(forms.flatMap((f) => Object.keys(f)));
  if (route.id.includes('aids.$aidId._index'))
    for (const [name] of aidFormFields(publishableAid())) own.add(name);
  return [
    ...own,
    'intent',
    'revision',
    'clientToken',
    '__intent__',
    '__state__',
    '__proto__',
    '__proto__.polluted',
    'constructor.prototype.polluted',
    'constructor[prototype][polluted]',
    'options[4000000000].name',
    'options[999999].name',
    'rows[0].cells.__proto__.text',
    'rows[0].cells.constructor.text',
    'ratings.__proto__',
    'ownConcerns[99].text',
    'ownConcerns[].text',
    'a'.repeat(400),
    '',
  ];
}

function fieldValues(route: PageRoute): fc.Arbitrary<string> {
  const forms = pageForms(sandbox)[route.id] ?? [];
  // Never the sandbox's own invitation (withdrawing it would end the patient's part), nor its clinician.
  const own = [...new Set(forms.flatMap((f) => Object.values(f)))].filter(
    (v) => v !== sandbox.invitationId && !v.includes(VICTIM_CLINICIAN),
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ...own,
        `revoke:${spareInvitation}`,
        'save-over:1',
        'next',
        'back',
        'import',
        'create',
        'publish',
        'decide',
        'amend',
        'extend',
        'withdraw',
        'confirm',
        'not-decided',
        'yes',
        'no',
        'on',
        '1',
        '999999999',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"type":"insert","payload":{"name":"options"}}',
        '{"type":"remove","payload":{"name":"rows","index":99}}',
        '{"type":"reorder","payload":{"name":"options","from":0,"to":1e9}}',
        '{"type":"insert","payload":{"name":"__proto__"}}',
        '{bad json',
      ),
    },
    { weight: 4, arbitrary: hostileString },
  );
}

/** Fields as a browser encodes them, with some broken on purpose (raw %-sequences that are not UTF-8). */
function urlEncoded(fields: Array<[string, string]>, raw: string[]): string {
  const parts = fields.map(
    ([k, v]) =>
      `${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, '\ufffd'))}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`,
  );
  return [...parts, ...raw].join('&');
}

function pageRequest(): fc.Arbitrary<FuzzRequest> {
  const actions = pages.filter((p) => p.action);
  return fc
    .tuple(fc.constantFrom(...actions), fc.constantFrom(...pageCredentials))
    .chain(([route, chosen]) => {
      const endsSession = route.template === '/auth/signout' || route.template === '/patient/leave';
      const credential =
        endsSession && chosen.lasting ? pageCredentials.find((c) => c.name === 'nobody')! : chosen;
      const ids = { ...idsFor(credential), number: '3' };
      const path = fillPath(route.template, ids);
      const remix = !route.id.startsWith('site:');
      const fields = fc.array(fc.tuple(fc.constantFrom(...fieldNames(route)), fieldValues(route)), {
        maxLength: 12,
      });
      const rawParts = fc.array(
        fc.constantFrom(
          'a=%FF',
          'intent=%ED%A0%80',
          'title=%C0%AF',
          '%ZZ=1',
          'a',
          '=b',
          '&&',
          'x=' + '%41'.repeat(10),
          'revision=%00',
        ),
        { maxLength: 2 },
      );
      // Repeated fields: the same name many times, as Conform would copy into a list.
      const repeated = fc
        .tuple(fc.constantFrom(...fieldNames(route)), fc.integer({ min: 2, max: 3_000 }))
        .map(([name, n]) =>
          Array.from({ length: n }, (_, i) => [name, String(i)] as [string, string]),
        );
      const body: fc.Arbitrary<{
        body: string | Uint8Array<ArrayBuffer> | FormData;
        type: string | null;
      }> = fc.oneof(
        {
          weight: 8,
          arbitrary: fc.tuple(fields, rawParts).map(([f, raw]) => ({
            body: urlEncoded(f, raw),
            type: 'application/x-www-form-urlencoded',
          })),
        },
        {
          weight: 2,
          arbitrary: repeated.map((f) => ({
            body: urlEncoded(f, []),
            type: 'application/x-www-form-urlencoded',
          })),
        },
        {
          weight: 2,
          arbitrary: fields.map((f) => {
            const data = new FormData();
            for (const [k, v] of f) data.append(k, v);
            data.append(
              'file',
              new Blob([JSON.stringify({ format: 'x', content: { __proto__: 1 } })]),
              'aid.json',
            );
            return { body: data, type: null };
          }),
        },
        {
          weight: 1,
          arbitrary: fields
            .map((f) => urlEncoded(f, []))
            .chain(withBrokenBytes)
            .map((b) => ({ body: b, type: 'application/x-www-form-urlencoded' })),
        },
        {
          weight: 1,
          arbitrary: jsonText({ intent: 'save' }).map((b) => ({
            body: b,
            type: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              'text/plain',
              'multipart/form-data',
              'multipart/form-data; boundary=zz',
              'application/x-www-form-urlencoded; charset=utf-16',
              '',
            )
            .map((type) => ({ body: 'intent=save&title=x', type })),
        },
        {
          weight: 1,
          arbitrary: fc.constant({
            body: `title=${'x'.repeat(1_100_000)}`,
            type: 'application/x-www-form-urlencoded',
          }),
        },
      );
      return fc
        .record({
          // Mostly as the page's scripts post (single fetch: the action alone), sometimes as a plain form.
          dataRequest: remix
            ? fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false))
            : fc.constant(false),
          index: fc.boolean(),
          body,
          origin: fc.oneof(
            { weight: 12, arbitrary: fc.constant<string | null>(ORIGIN) },
            fc.constantFrom(null, 'https://evil.example', 'null'),
          ),
        })
        .map(({ dataRequest, index, body, origin }) => {
          const target =
            (dataRequest ? (path === '/' ? '/_root.data' : `${path}.data`) : path) +
            (route.index || index ? '?index' : '');
          const headers: Record<string, string> = {
            ...credential.headers,
            ...(body.type === null ? {} : { 'content-type': body.type }),
            ...(origin === null ? {} : { origin }),
          };
          return printable({
            aim: route.id,
            url: target,
            init: { method: 'POST', headers, body: body.body, redirect: 'manual' },
            describe: `POST ${target} as ${credential.name} (${body.type ?? 'multipart'}, origin ${origin})${describeBody(body.body)}`,
          });
        });
    });
}

// ---------------------------------------------------------------------------
// What must hold

/**
 * What Remix itself logs as an error for a request it answered with a 4xx:
 * an unknown address, or a route error response. Anything else is a fault.
 */
function benignLog(args: unknown[]): boolean {
  const [first] = args;
  if (first instanceof Error) return /^No route matches URL/.test(first.message);
  const status = (first as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The whole failing request, to replay it: its body is often too large to print. */
async function keep(request: FuzzRequest): Promise<string> {
  const file = path.join(tmpdir(), `fuzz-${randomUUID()}.json`);
  const body = request.init.body;
  const bytes =
    body instanceof FormData || body === undefined || body === null
      ? null
      : Buffer.from(typeof body === 'string' ? body : (body as Uint8Array));
  const multipart = body instanceof FormData ? [...body].map(([k, v]) => [k, String(v)]) : null;
  writeFileSync(
    file,
    JSON.stringify({
      url: request.url,
      init: { ...request.init, body: bytes?.toString('base64') },
      multipart,
    }),
  );
  return file;
}

async function fuzz(arbitrary: fc.Arbitrary<FuzzRequest>, total: number, label: string) {
  const logged: unknown[][] = [];
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
  const hits = new Map<string, number>();
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = performance.now();
  console.log(`${label}: fast-check seed ${SEED} (rerun with FUZZ_SEED=${SEED})`);
  await fc.assert(
    fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const failures = await inPool(batch, BATCH, async (request) => {
        sent += 1;
        hits.set(request.aim, (hits.get(request.aim) ?? 0) + 1);
        let answer;
        try {
          answer = await read(await site.request(request.url, request.init));
        } catch (error) {
          return `${request.describe}: threw ${(error as Error).stack}`;
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) {
          // What the app logged of it: every log line of the request carries its id.
          const logged = site.logs
            .entries()
            .filter((e) => e['requestId'] === answer.requestId && e['level'] !== 'info')
            .map(
              (e) =>
                `${e['message']}: ${e['errorName']} ${e['errorMessage']} ${String(e['stack']).slice(0, 600)}`,
            );
          return `${request.describe}: ${answer.status} ${answer.body.slice(0, 300)} (whole request in ${await keep(request)})\n  ${logged.join('\n  ')}`;
        }
        if (
          request.url.startsWith('/api/') &&
          answer.status >= 400 &&
          request.init.method !== 'HEAD'
        ) {
          try {
            expectProblem(answer, request.describe);
          } catch (error) {
            return (error as Error).message.split('\n')[0]!;
          }
        }
        return null;
      });
      const faults = logged.splice(0).filter((args) => !benignLog(args));
      const problems = [
        ...failures.filter((f): f is string => f !== null),
        ...faults.map(
          (args) =>
            `logged an error: ${args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')}`,
        ),
      ];
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }),
    { seed: SEED, numRuns: Math.ceil(total / BATCH), endOnFailure: true },
  );
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `${label}: ${sent} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  return { sent, hits };
}

describe('generated requests', () => {
  it(`to every API operation (${API_REQUESTS}): no 5xx, errors as problem+json`, async () => {
    const { sent, hits } = await fuzz(apiRequest(), API_REQUESTS, 'API');
    expect(sent).toBeGreaterThanOrEqual(API_REQUESTS);
    const missed = api.operations
      .map((op) => `${op.method} ${op.template}`)
      .filter((k) => !hits.has(k));
    expect(missed).toEqual([]);
    expect(await victimSnapshot(site.tableStore, victim)).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 180_000);

  it(`to every page's form action (${PAGE_REQUESTS}): no 5xx`, async () => {
    const { sent, hits } = await fuzz(pageRequest(), PAGE_REQUESTS, 'pages');
    expect(sent).toBeGreaterThanOrEqual(PAGE_REQUESTS);
    const missed = pages.filter((p) => p.action && !hits.has(p.id)).map((p) => p.id);
    expect(missed).toEqual([]);
    expect(await victimSnapshot(site.tableStore, victim)).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 180_000);
});
