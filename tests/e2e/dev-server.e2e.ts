import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, isRunning } from '#functions/dev/dynamodb-local';
import { runAppToExit, startApp } from './support/app';

async function signedInFetch(url: string) {
  const token = await fetch(`${url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'clinician@demo.example' }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  return (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${access_token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
}

/**
 * The development server answers this computer only, serves client code and
 * nothing else, and sends another loopback address to the one sign-in uses.
 */
async function expectClosedToOthers(url: string, dataDir: string) {
  const { port } = new URL(url);
  for (const forbidden of [
    '/functions/store/db.ts',
    '/package.json',
    '/.git/config',
    '/.data/dynamodb/shared-local-instance.db',
    `/@fs${path.resolve(dataDir, 'shared-local-instance.db')}`,
  ]) {
    const response = await fetch(`${url}${forbidden}`);
    expect([403, 404], forbidden).toContain(response.status);
    expect(await response.text(), forbidden).not.toContain('SQLite format');
  }
  expect((await fetch(`${url}/web/root.tsx`)).status).toBe(200);

  const other = await fetch(`http://127.0.0.1:${port}/signin`, { redirect: 'manual' });
  expect(other.status).toBe(307);
  expect(other.headers.get('location')).toBe(`${url}/signin`);

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
  if (lanAddress) {
    await expect(fetch(`http://${lanAddress}:${port}/`)).rejects.toThrow();
  }
}

describe('npm run dev', () => {
  it('keeps data across a restart, and Ctrl-C leaves no DynamoDB Local behind', async () => {
    const first = await startApp();
    expect(first.output()).toContain('seeded with the demo clinic');
    const javaPid = Number(readFileSync(path.join(first.dataDir, 'dynamodb-local.pid'), 'utf8'));
    expect(isRunning(javaPid)).toBe(true);

    const api = await signedInFetch(first.url);
    const created = await api('/api/aids', {
      method: 'POST',
      body: JSON.stringify({ title: 'Kept across restarts', condition: 'Testing' }),
    });
    expect(created.status).toBe(201);

    expect(await first.interrupt()).toBe(0);
    expect(isRunning(javaPid)).toBe(false);
    expect(existsSync(path.join(first.dataDir, 'dynamodb-local.pid'))).toBe(false);

    const second = await startApp({ dataDir: first.dataDir });
    try {
      expect(second.output()).not.toContain('seeded');
      const titles = (
        (await (await (await signedInFetch(second.url))('/api/aids')).json()) as {
          items: { title: string }[];
        }
      ).items.map((aid) => aid.title);
      expect(titles).toEqual(
        expect.arrayContaining([
          'Kept across restarts',
          'Knee osteoarthritis: what are my options?',
        ]),
      );
      await expectClosedToOthers(second.url, first.dataDir);
    } finally {
      await second.interrupt();
    }
  });

  it('says in one line when the port is taken, and how to choose another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, output } = await runAppToExit({
        PORT: String(port),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dt-')),
      });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `Port ${port} is already in use. Stop the program using it, or choose another port: PORT=${port + 1} npm run dev`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one line when Java is missing, and how to install it', async () => {
    const { code, output } = await runAppToExit({
      PATH: mkdtempSync(path.join(tmpdir(), 'no-java-')),
      PORT: String(await freePort()),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dt-')),
    });
    expect(code).toBe(1);
    expect(output.trim()).toMatch(
      /^Java 17 or newer is needed to run DynamoDB Local, and "java" was not found\. Install it .*$/,
    );
  });
});
