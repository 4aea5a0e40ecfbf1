import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/server-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { authCalls, runFlow, type RouteCalls } from '../bench/flow';
import { freshTable } from '../support/store';

/**
 * DynamoDB calls per request over one whole flow through the root app and the
 * production Remix build (tests/bench/flow.ts; `npm run bench:calls` prints
 * them). Counts, not timings: they do not depend on the machine. ADR 21 says
 * why authenticating is counted apart.
 */
let results: RouteCalls[];
beforeAll(async () => {
  const file = path.resolve('build/server/index.js');
  if (!existsSync(file))
    throw new Error('No Remix build: run `npm run build` first (npm test does).');
  const build = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild;
  const table = await freshTable();
  results = await runFlow({ doc: table.doc, tableName: table.tableName, build });
});

const reads = () => results.filter((r) => r.method === 'GET');

describe('DynamoDB calls per request', () => {
  it('drives the whole flow: author, publish, invite, every patient step, consult, decide', () => {
    const routes = new Set(results.map((r) => r.route));
    for (const route of [
      'POST /api/aids/:aidId/publish',
      'POST /api/invitations',
      'PUT /api/patient/record/steps/:step',
      'GET /patient/summary (page)',
      'GET /records/:recordId/together (page)',
      'POST /api/records/:recordId/decision',
    ])
      expect(routes).toContain(route);
    expect(reads().length).toBeGreaterThan(30);
  });

  it('never scans', () => {
    expect(results.filter((r) => r.commands['ScanCommand'])).toEqual([]);
  });

  it('reads the session once per request, however many loaders a page runs', () => {
    const pages = results.filter((r) => r.route.endsWith('(page)') && r.who !== 'nobody');
    expect(pages.length).toBeGreaterThan(15);
    for (const request of results)
      expect(request.sessionReads, request.route).toBeLessThanOrEqual(1);
  });

  it('makes at most 2 reads in every read route besides authenticating, and at most one write (an audit event)', () => {
    const over = reads()
      .filter((r) => r.reads - authCalls[r.who] > 2 || r.writes > 1)
      .filter((r) => r.calls !== knownOver[r.route])
      .map((r) => `${r.route}: ${JSON.stringify(r.commands)}`);
    expect(over).toEqual([]);
  });

  it('still has the exceptions it names, and no others (remove one once it is met)', () => {
    for (const [route, calls] of Object.entries(knownOver))
      expect(reads().find((r) => r.route === route)?.calls, route).toBe(calls);
  });
});

/**
 * Read routes known to make more than 2 reads, with their count. The link page:
 * `invitations.findByToken` reads the token item, then the invitation, and the
 * route then the organisation (functions/store/invitations.ts is being changed
 * by another piece of work; reading the organisation with the invitation would
 * make it 2).
 */
const knownOver: Record<string, number> = { 'GET /p/:token (page)': 3 };
