/**
 * `npm run bench:load`: the production bundle (build/lambda) served through a
 * small Node adapter (lambda-server.ts) on DynamoDB Local, under autocannon at
 * 50 connections, beside the bare Hono + GetItem baseline (baseline.ts) served
 * the same way and measured in the same run, alternating. Then the saved
 * answers are counted against the 2xx answers to the saves: none lost, none
 * applied twice. Each read is also measured beside a bare route making the
 * same DynamoDB calls, to tell our code's cost from DynamoDB Local's, and the CPU
 * time each request costs the server and DynamoDB Local is printed beside the
 * throughput. It prints figures; it fails only when it cannot run (and needs
 * Linux's /proc for the CPU figures).
 *
 * ROUNDS (3), SECONDS (5) and CONNECTIONS (50) change the run. PROFILE=DIR
 * writes a V8 CPU profile of the project's server into DIR (open it in
 * Chrome's DevTools, or sum it with tests/bench/profile-summary.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startDynamoLocal } from '#functions/dev/dynamodb-local';
import { freePort } from '#functions/dev/dynamodb-local';
import { keys } from '#functions/store/keys';
import { hashToken } from '#functions/store/sessions';
import { buildBaseline } from './baseline';
import { BENCH_ORG, benchClinician, benchServerEnv, seededBenchStore } from './bench-store';
import { median, range, ratio, table } from './figures';
import { benchNode, describeBenchNode } from './lambda-node';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SECONDS = Number(process.env['SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
const TABLE_NAME = 'bench-load';
/** More patients than connections: a save always finds one not being saved already. */
const PATIENTS = CONNECTIONS + 10;

const PROFILE = process.env['PROFILE'];
const node = benchNode();

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * The CPU time a process has used so far, in ms (Linux's /proc/PID/stat: user and
 * system time). Per request, it tells what each one costs the server apart from
 * what it costs DynamoDB Local, which shares this machine's cores with it.
 */
function cpuMs(pid: number): number {
  // Fields after the command's name start at the third: utime is the 14th, stime the 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function serve(file: string, env: NodeJS.ProcessEnv, profile?: string) {
  const port = await freePort();
  const child = spawn(
    node.path,
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []),
      '--import',
      'tsx',
      path.resolve('tests/bench/lambda-server.ts'),
      file,
      String(port),
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`${file} did not start`);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child };
}
type Server = Awaited<ReturnType<typeof serve>>;

const dynamo = await startDynamoLocal();
const children: ChildProcess[] = [];
try {
  const bench = await seededBenchStore(dynamo.endpoint, TABLE_NAME);

  // Sessions as sign-in and opening a link make them, written straight to the table.
  const day = new Date(Date.now() + 86_400_000);
  const clinician = await bench.clinicianSession(day);
  const patients: {
    cookie: string;
    recordId: string;
    revision: number;
    busy: boolean;
    /** Saves sent, and answered 2xx: a record moves on at most `sent` times, at least `acknowledged`. */
    sent: number;
    acknowledged: number;
    /** The last acknowledged save's text, and texts sent since: the record ends on one of them. */
    lastAcknowledged: string | null;
    sentSince: string[];
  }[] = [];
  for (let i = 0; i < PATIENTS; i += 1) {
    const { record, session } = await bench.patient(`Load ${i}`, day);
    patients.push({
      cookie: `dt_patient=${session.id}`,
      recordId: record.id,
      revision: record.revision,
      busy: false,
      sent: 0,
      acknowledged: 0,
      lastAcknowledged: null,
      sentSince: [],
    });
  }
  const startRevisions = new Map(patients.map((p) => [p.recordId, p.revision]));

  const env = {
    ...benchServerEnv(dynamo.endpoint, TABLE_NAME),
    PUBLIC_ORIGIN: 'http://localhost:3000',
  };
  const project = await serve(path.resolve('build/lambda/index.mjs'), env, PROFILE);
  children.push(project.child);
  const bare = await serve(await buildBaseline({ withQuery: true }), env);
  children.push(bare.child);

  // What the mix does, in turn: patient reads and saves, clinician lists and record reads.
  let turn = 0;
  let saves2xx = 0;
  let savesOther = 0;
  let question = 0;
  const statuses = new Map<number, number>();
  type Kind = 'patient read' | 'patient save' | 'patient page' | 'clinician list' | 'record read';
  const mix: Kind[] = [
    'patient read',
    'patient save',
    'clinician list',
    'patient read',
    'record read',
    'patient save',
    'patient page',
  ];
  const clinicianCookie = `dt_session=${clinician.id}`;
  const request = (
    kind: Kind,
    context: Record<string, unknown>,
  ): { method: string; path: string; headers: Record<string, string>; body?: string } => {
    const anyPatient = patients[turn % PATIENTS]!;
    switch (kind) {
      case 'patient read':
        return {
          method: 'GET',
          path: '/api/patient/record',
          headers: { cookie: anyPatient.cookie },
        };
      case 'patient page':
        return { method: 'GET', path: '/patient/options', headers: { cookie: anyPatient.cookie } };
      case 'clinician list':
        return {
          method: 'GET',
          path: '/api/records?limit=20',
          headers: { cookie: clinicianCookie },
        };
      case 'record read':
        return {
          method: 'GET',
          path: `/api/records/${anyPatient.recordId}`,
          headers: { cookie: clinicianCookie },
        };
      case 'patient save': {
        const patient = patients.find((p) => !p.busy);
        // Every patient has a save on its way (a run's end cut some off): read instead.
        if (!patient) {
          context['kind'] = 'patient read';
          return request('patient read', context);
        }
        patient.busy = true;
        patient.sent += 1;
        context['patient'] = patient;
        question += 1;
        const text = `Question ${question}`;
        context['text'] = text;
        patient.sentSince.push(text);
        return {
          method: 'PUT',
          path: '/api/patient/record/steps/questions',
          headers: { cookie: patient.cookie, 'content-type': 'application/json' },
          // Different each time: the same answers sent twice save once, by design.
          body: JSON.stringify({
            revision: patient.revision,
            answers: { questions: text, readElsewhere: { note: '' } },
          }),
        };
      }
    }
  };

  // The clinician's read's first call: their session and membership (the organisation is kept in memory).
  const clinicianKeys = encodeURIComponent(
    JSON.stringify([
      keys.session(hashToken(clinician.id)),
      keys.clinician(BENCH_ORG, benchClinician.id),
    ]),
  );
  type BareKind = 'bare' | 'bare query' | 'bare two calls';
  const run = async (server: Server, kind: Kind | 'mix' | BareKind) => {
    // Saves cut off at the end of the last run never answered: their patients are free again.
    for (const patient of patients) patient.busy = false;
    const cpuBefore = { server: cpuMs(server.pid), store: cpuMs(dynamo.pid) };
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req, context) => {
            turn += 1;
            const chosen = kind === 'mix' ? mix[turn % mix.length]! : kind;
            context['kind'] = chosen;
            if (kind === 'bare') return { ...req, method: 'GET', path: '/' };
            if (kind === 'bare query' || kind === 'bare two calls') {
              const { recordId } = patients[turn % PATIENTS]!;
              const pk = encodeURIComponent(keys.record(BENCH_ORG, recordId).pk);
              const path =
                kind === 'bare query'
                  ? `/query?pk=${pk}`
                  : `/two-calls?pk=${pk}&keys=${clinicianKeys}`;
              return { ...req, method: 'GET', path };
            }
            return { ...req, ...request(chosen as Kind, context) };
          },
          onResponse: (status, body, context) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (context['kind'] !== 'patient save') return;
            const patient = context['patient'] as (typeof patients)[number];
            patient.busy = false;
            if (status >= 200 && status < 300) {
              saves2xx += 1;
              patient.acknowledged += 1;
              patient.revision = (JSON.parse(body) as { revision: number }).revision;
              const text = context['text'] as string;
              patient.lastAcknowledged = text;
              patient.sentSince = patient.sentSince.filter((t) => t !== text);
            } else {
              savesOther += 1;
              // Changed meanwhile (a save cut off at the end of a run landed): carry on from it.
              const current = (JSON.parse(body || '{}') as { current?: { revision?: number } })
                .current;
              if (current?.revision) patient.revision = current.revision;
            }
          },
        },
      ],
    });
    const answered = Math.max(1, result.requests.total);
    return {
      result,
      serverCpuMs: (cpuMs(server.pid) - cpuBefore.server) / answered,
      storeCpuMs: (cpuMs(dynamo.pid) - cpuBefore.store) / answered,
    };
  };

  interface Figures {
    rps: number[];
    p50: number[];
    p99: number[];
    errors: number[];
    serverCpuMs: number[];
    storeCpuMs: number[];
  }
  const empty = (): Figures => ({
    rps: [],
    p50: [],
    p99: [],
    errors: [],
    serverCpuMs: [],
    storeCpuMs: [],
  });
  const add = (
    figures: Figures,
    { result, serverCpuMs, storeCpuMs }: Awaited<ReturnType<typeof run>>,
  ) => {
    figures.serverCpuMs.push(serverCpuMs);
    figures.storeCpuMs.push(storeCpuMs);
    figures.rps.push(result.requests.average);
    figures.p50.push(result.latency.p50);
    figures.p99.push(result.latency.p99);
    figures.errors.push(result.errors + result.timeouts + result.non2xx);
  };
  const kinds: { name: string; kind: Kind | 'mix' }[] = [
    {
      name: 'mix (patient reads and saves, clinician lists and record reads, a page)',
      kind: 'mix',
    },
    { name: 'GET /api/patient/record', kind: 'patient read' },
    { name: 'GET /api/records/{id} (clinician)', kind: 'record read' },
    { name: 'PUT /api/patient/record/steps/questions', kind: 'patient save' },
  ];
  const rows: string[][] = [];
  const cpuRows: string[][] = [];
  // CPU time per request: the server's own (what bounds its throughput where the store runs
  // elsewhere, as DynamoDB does in production) and DynamoDB Local's, ours beside the baseline's.
  const cpuRow = (name: string, ours: Figures, base: Figures) => {
    const perRequest = (values: number[]) => `${median(values).toFixed(2)} ms`;
    return [
      name,
      perRequest(ours.serverCpuMs),
      perRequest(base.serverCpuMs),
      ratio(median(ours.serverCpuMs), median(base.serverCpuMs)),
      perRequest(ours.storeCpuMs),
      perRequest(base.storeCpuMs),
      ratio(median(ours.storeCpuMs), median(base.storeCpuMs)),
    ];
  };
  const cpuHeader = (bare: string) => [
    'requests',
    'server CPU per request: Decide Together',
    bare,
    'ratio',
    'DynamoDB Local CPU per request: ours',
    'bare',
    'ratio',
  ];
  // A warm-up of each, unmeasured: JIT and connections.
  await run(project, 'mix');
  await run(bare, 'bare');
  for (const { name, kind } of kinds) {
    const ours = empty();
    const base = empty();
    for (let round = 0; round < ROUNDS; round += 1) {
      add(ours, await run(project, kind));
      add(base, await run(bare, 'bare'));
    }
    rows.push([
      name,
      `${range(ours.rps, 'req/s')}`,
      `${range(base.rps, 'req/s')}`,
      ratio(median(ours.rps), median(base.rps)),
      range(ours.p50),
      range(ours.p99),
      range(base.p99),
      ratio(median(ours.p99), median(base.p99)),
      String(ours.errors.reduce((a, b) => a + b, 0)),
    ]);
    cpuRows.push(cpuRow(name, ours, base));
  }
  console.log(
    `Throughput and latency at ${CONNECTIONS} connections, ${SECONDS} s runs, median (min–max) of ${ROUNDS} alternating runs each, ${describeBenchNode(node)}\n`,
  );
  console.log(
    table(
      [
        'requests',
        'Decide Together',
        'bare Hono + GetItem',
        'throughput ratio',
        'p50',
        'p99',
        'bare p99',
        'p99 ratio',
        'non-2xx',
      ],
      rows,
    ),
  );
  console.log(
    '\nWhere the time of a request goes: CPU per request of the server process and of DynamoDB Local (one Java process on the same cores), medians of the same runs\n',
  );
  console.log(table(cpuHeader('bare Hono + GetItem'), cpuRows));

  // Each read beside a bare route making the same DynamoDB calls: the ratio is our code's share
  // (the session check, parsing, the view and its JSON), DynamoDB Local's work set apart.
  const sameCalls: { name: string; kind: Kind; bare: BareKind }[] = [
    { name: 'GET /api/patient/record (one Query)', kind: 'patient read', bare: 'bare query' },
    {
      name: 'GET /api/records/{id} (clinician: a batch and a Query)',
      kind: 'record read',
      bare: 'bare two calls',
    },
  ];
  const sameCallsRows: string[][] = [];
  const sameCallsCpu: string[][] = [];
  for (const { name, kind, bare: bareKind } of sameCalls) {
    const ours = empty();
    const base = empty();
    for (let round = 0; round < ROUNDS; round += 1) {
      add(ours, await run(project, kind));
      add(base, await run(bare, bareKind));
    }
    sameCallsRows.push([
      name,
      range(ours.rps, 'req/s'),
      range(base.rps, 'req/s'),
      ratio(median(ours.rps), median(base.rps)),
      range(ours.p99),
      range(base.p99),
      ratio(median(ours.p99), median(base.p99)),
    ]);
    sameCallsCpu.push(cpuRow(name, ours, base));
  }
  console.log(
    `\nReads beside a bare Hono route making the same DynamoDB calls (the record's partition, consistent; and the clinician's session and membership in one batch), ${ROUNDS} alternating runs\n`,
  );
  console.log(
    table(
      [
        'requests',
        'Decide Together',
        'bare Hono + the same calls',
        'throughput ratio',
        'p99',
        'bare p99',
        'p99 ratio',
      ],
      sameCallsRows,
    ),
  );
  console.log('');
  console.log(table(cpuHeader('bare Hono + the same calls'), sameCallsCpu));
  console.log(
    `\nStatuses seen (all runs, project and baseline): ${JSON.stringify(Object.fromEntries(statuses))}`,
  );

  // Each record moved on once per save applied. A save answered 2xx must be among them (else
  // lost); no record may move on more often than saves were sent to it (else applied twice); and
  // each record holds its last acknowledged answer, or one sent after it.
  let applied = 0;
  let lost = 0;
  let duplicated = 0;
  let wrongAnswer = 0;
  let sent = 0;
  for (const patient of patients) {
    const record = (await bench.store.records.get(BENCH_ORG, patient.recordId))!;
    const moved = record.revision - startRevisions.get(patient.recordId)!;
    applied += moved;
    sent += patient.sent;
    lost += Math.max(0, patient.acknowledged - moved);
    duplicated += Math.max(0, moved - patient.sent);
    const held = record.answers.questions ?? '';
    if (
      patient.lastAcknowledged !== null &&
      held !== patient.lastAcknowledged &&
      !patient.sentSince.includes(held)
    )
      wrongAnswer += 1;
  }
  console.log('\nSaved answers against the answers to the saves (all runs)\n');
  console.log(
    table(
      [
        'saves sent',
        'answered 2xx',
        'answered otherwise',
        'applied (revisions)',
        'lost',
        'duplicated',
        'records not holding their last saved answer',
      ],
      [
        [
          String(sent),
          String(saves2xx),
          String(savesOther),
          String(applied),
          String(lost),
          String(duplicated),
          String(wrongAnswer),
        ],
      ],
    ),
  );
  console.log(
    '\nSent but never answered: cut off at the end of a run. Answered otherwise: 409s after one of those landed.',
  );
  bench.client.destroy();
} finally {
  await Promise.all(
    children.map(async (child) => {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    }),
  );
  await dynamo.stop();
}
