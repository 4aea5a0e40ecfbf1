import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { RateLimits, rateKey, WINDOW_SECONDS } from '#functions/app/rate-limits';
import { rootApp } from '#tests/support/root-app';

const defaults = RateLimits.parse({});

/** The root app, with each request's address said by the test (the platform says it in production). */
async function server(limits?: RateLimits | 'off') {
  let now = new Date('2026-11-26T09:00:10Z').getTime();
  const { request, table } = await rootApp({
    // The link's page itself is Remix's; here a stand-in, since only the counting is tested.
    remix: async () => new Response('a page'),
    now: () => new Date(now),
    ...(limits ? { rateLimits: limits } : {}),
    clientAddress: (c) => c.req.header('x-test-address'),
  });
  const from =
    (address: string) =>
    (path: string, init: RequestInit = {}) =>
      request(path, {
        ...init,
        headers: { 'x-test-address': address, ...init.headers },
      });
  return { from, table, advance: (ms: number) => (now += ms) };
}

const unknownLink = '/p/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe('rate limits, kept in the table and shared by every instance', () => {
  it('stops one address opening links after the limit, says when to come back, and lets it in again later', async () => {
    const { from, advance } = await server();
    const guesser = from('203.0.113.7');
    for (let i = 0; i < defaults.patientLink; i += 1) {
      expect((await guesser(unknownLink)).status).toBe(200);
    }
    const page = await guesser(unknownLink);
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(page.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(await page.text()).toContain('Wait a minute, then try again');

    const api = await guesser('/api/patient/link', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'a'.repeat(43) }),
    });
    expect(api.status).toBe(429);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    expect(await api.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429 });

    // Someone else, elsewhere, is not held back by it.
    expect((await from('198.51.100.2')(unknownLink)).status).toBe(200);

    advance(WINDOW_SECONDS * 1000);
    expect((await guesser(unknownLink)).status).toBe(200);
  });

  it('limits starting sign-in and exchanging tokens for sessions', async () => {
    const { from } = await server();
    const client = from('203.0.113.8');
    for (let i = 0; i < defaults.signIn; i += 1) {
      expect((await client('/auth/signin')).status).toBe(302);
    }
    expect((await client('/auth/signin')).status).toBe(429);

    for (let i = 0; i < defaults.token; i += 1) {
      expect((await client('/api/sessions', { method: 'POST' })).status).toBe(401);
    }
    expect((await client('/api/sessions', { method: 'POST' })).status).toBe(429);
  });

  it('keeps addresses only as hashes', async () => {
    const { from, table } = await server();
    await from('203.0.113.9')(unknownLink);
    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    const counters = Items.filter((item) => String(item['pk']).startsWith('RATE#'));
    expect(counters).toHaveLength(1);
    expect(JSON.stringify(counters)).not.toContain('203.0.113.9');
    // Deleted by the table's TTL once the window is over.
    expect(counters[0]!['expiresAt']).toEqual(expect.any(Number));
  });

  it('can be set per limit, or turned off', async () => {
    const strict = await server({ ...defaults, patientLink: 2 });
    const guesser = strict.from('203.0.113.10');
    expect((await guesser(unknownLink)).status).toBe(200);
    expect((await guesser(unknownLink)).status).toBe(200);
    expect((await guesser(unknownLink)).status).toBe(429);

    const open = await server('off');
    const loadTest = open.from('203.0.113.11');
    for (let i = 0; i <= defaults.patientLink; i += 1) {
      expect((await loadTest(unknownLink)).status).toBe(200);
    }
  });

  it('counts an IPv6 /64 as one address, so rotating within it gains nothing', () => {
    expect(rateKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(rateKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateKey(undefined)).toBe('unknown');
  });
});
