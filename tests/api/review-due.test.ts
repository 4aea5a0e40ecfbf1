import { beforeAll, describe, expect, it } from 'vitest';
import type { Aid, AidVersion } from '#shared/aid/aids';
import type { CreatedInvitation } from '#shared/invitations';
import { publishableAid } from '#tests/support/aids';
import { DEMO, json, seededApi } from '#tests/support/api';

describe('an aid past its review-by date', () => {
  let call: Awaited<ReturnType<Awaited<ReturnType<typeof seededApi>>['as']>>;
  let version: AidVersion;

  beforeAll(async () => {
    const api = await seededApi();
    call = await api.as(DEMO);
    const created = (await (
      await call('/api/aids', json('POST', { title: 'Overdue', condition: 'Eczema of the hands' }))
    ).json()) as Aid;
    const content = publishableAid({ evidenceReviewedOn: '2024-01-01', reviewBy: '2025-01-01' });
    const saved = await call(`/api/aids/${created.id}`, json('PUT', { content, revision: 1 }));
    expect(saved.status).toBe(200);
    const published = await call(`/api/aids/${created.id}/publish`, json('POST', { revision: 2 }));
    expect(published.status).toBe(201);
    version = (await published.json()) as AidVersion;
  });

  it('is published with its reading grade stored on the version', () => {
    expect(version.readingGrade).toEqual(expect.any(Number));
  });

  it('tells its authors the review is due', async () => {
    const checks = (await (await call(`/api/aids/${version.aidId}/checks`)).json()) as {
      ipdas: Array<{ id: string; status: string; explanation: string }>;
    };
    expect(checks.ipdas.find((criterion) => criterion.id === 'C4-due')).toMatchObject({
      status: 'missing',
    });
  });

  it('sends no new invitation until the author confirms the evidence is still current', async () => {
    const invite = { aidId: version.aidId, version: version.number };
    const refused = await call('/api/invitations', json('POST', invite));
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as {
      errors: Array<{ pointer: string; detail: string }>;
    };
    expect(problem.errors).toEqual([
      {
        pointer: '/evidenceStillCurrent',
        detail:
          'This aid was due for review by 2025-01-01. Confirm its evidence is still current, or publish an updated version first.',
      },
    ]);
    const sent = await call(
      '/api/invitations',
      json('POST', { ...invite, evidenceStillCurrent: true }),
    );
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as CreatedInvitation).link).toMatch(/\/p\//);
  });
});
