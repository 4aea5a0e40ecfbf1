import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/server-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFlow, type RouteCalls } from '../bench/flow';
import { freshTable } from '../support/store';

/**
 * DynamoDB calls per request over one whole flow through the root app and the
 * production Remix build (tests/bench/flow.ts; `npm run bench:calls` prints
 * them). Counts, not timings: they do not depend on the machine. ADRs 21 and
 * 24 say how a request gets there.
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

  it('makes at most 2 reading calls in every read route, signing in included, and at most one write (an audit event)', () => {
    const over = reads()
      .filter((r) => r.reads > 2 || r.writes > 1)
      .map((r) => `${r.route}: ${JSON.stringify(r.commands)}`);
    expect(over).toEqual([]);
  });

  it("authenticates a signed-in request in one call, with what its session names, and a patient's with their record", () => {
    const signedIn = reads().filter((r) => r.who !== 'nobody');
    expect(signedIn.length).toBeGreaterThan(20);
    for (const request of signedIn)
      expect(request.commands['GetItemCommand'] ?? 0, request.route).toBeLessThanOrEqual(1);
    // A patient's session is beside their record: one Query reads both (ADR 25).
    const patientReads = signedIn.filter((r) => r.who === 'patient');
    expect(patientReads.length).toBeGreaterThan(8);
    for (const request of patientReads) expect(request.reads, request.route).toBe(1);
  });
});
