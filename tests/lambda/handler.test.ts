import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { APIGatewayProxyResult, LambdaContext } from 'hono/aws-lambda';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '#functions/dev/issuer';
import { devAccounts, seedOnce } from '#functions/dev/seed';
import { freshTable } from '../support/store';

/**
 * The bundled handler (`npm run build`), exactly as Lambda loads it, invoked
 * with API Gateway HTTP API (payload 2.0) events. Data on DynamoDB Local;
 * tokens from the development issuer, whose keys the bundle fetches over HTTP
 * as it would fetch Cognito's.
 */
const bundle = path.resolve('build/lambda/index.mjs');
const CLIENT_ID = 'lambda-test-client';
const PUBLIC_ORIGIN = 'https://decide.example.org';

type Handler = (
  event: unknown,
  context: LambdaContext,
) => Promise<APIGatewayProxyResult & { cookies?: string[] }>;
let handler: Handler;
let issuerServer: ServerType;
let tokenFor: (email: string) => Promise<string>;

beforeAll(async () => {
  if (!existsSync(bundle))
    throw new Error(
      'No bundle at build/lambda/index.mjs: run `npm run build` first (npm test does).',
    );
  const table = await freshTable();
  await seedOnce(table.db);

  // The issuer on a real port, so the bundle fetches its JWKS over the network.
  const root = new Hono();
  issuerServer = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: (req) => root.fetch(req), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(server),
    );
  });
  const { port } = issuerServer.address() as AddressInfo;
  const issuer = await createDevIssuer({
    publicOrigin: `http://127.0.0.1:${port}`,
    clientId: CLIENT_ID,
    accounts: devAccounts,
  });
  root.route('/dev', issuer.app);
  tokenFor = async (email) => {
    const response = await issuer.app.request('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    PUBLIC_ORIGIN,
    OIDC_ISSUER: issuer.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    LOG_LEVEL: 'warn',
  });
  ({ handler } = (await import(/* @vite-ignore */ pathToFileURL(bundle).href)) as {
    handler: Handler;
  });
});

afterAll(() => {
  issuerServer?.close();
});

const context = { awsRequestId: 'req-1', functionName: 'server' } as LambdaContext;

function event(
  method: string,
  rawPath: string,
  options: {
    headers?: Record<string, string>;
    cookies?: string[];
    body?: string;
    query?: string;
  } = {},
) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: options.query ?? '',
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers: {
      host: 'abc123.execute-api.eu-west-2.amazonaws.com',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.7',
      accept: 'text/html,application/json',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.7',
        userAgent: 'Mozilla/5.0',
      },
      requestId: 'Jx1mXjqKLPEEMXg=',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:13:00:00 +0000',
      timeEpoch: now.getTime(),
    },
    ...(options.body !== undefined
      ? { body: Buffer.from(options.body).toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

const bodyOf = (result: APIGatewayProxyResult) =>
  result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;

describe('the bundled server Lambda', () => {
  it('answers GET /api/health', async () => {
    const result = await handler(event('GET', '/api/health'), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(bodyOf(result))).toEqual({ status: 'ok' });
  });

  it('renders the sign-in page on the server with its security headers', async () => {
    const result = await handler(event('GET', '/signin'), context);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    const html = bodyOf(result);
    expect(html).toContain('<h1>Sign in to Decide Together</h1>');
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/app-[\w-]+\.css"/);
    expect(result.headers?.['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(result.headers?.['strict-transport-security']).toContain('max-age=');
  });

  it('sends a visitor who is not signed in from the home page to sign-in', async () => {
    const result = await handler(event('GET', '/'), context);
    expect(result.statusCode).toBe(302);
    expect(result.headers?.location).toBe('/signin');
  });

  it('accepts a base64 JSON body with a bearer token verified against the issuer keys', async () => {
    const token = await tokenFor('clinician@demo.example');
    const created = await handler(
      event('POST', '/api/aids', {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Hip pain: what are my options?',
          condition: 'Hip osteoarthritis',
        }),
      }),
      context,
    );
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(bodyOf(created))).toMatchObject({
      title: 'Hip pain: what are my options?',
      latestVersion: null,
    });
  });

  it('runs a Remix action from a base64 form POST arriving through CloudFront', async () => {
    const token = await tokenFor('clinician@demo.example');
    const session = await handler(
      event('POST', '/api/sessions', { headers: { authorization: `Bearer ${token}` } }),
      context,
    );
    const { sessionId } = JSON.parse(bodyOf(session)) as { sessionId: string };
    const created = await handler(
      event('POST', '/', {
        query: 'index',
        cookies: [`dt_session=${sessionId}`],
        // The Host is API Gateway's; the Origin is the public address.
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_ORIGIN },
        body: new URLSearchParams({
          intent: 'create',
          title: 'Shoulder pain',
          condition: 'Frozen shoulder',
        }).toString(),
      }),
      context,
    );
    expect(created.statusCode).toBe(302);
    expect(created.headers?.location).toMatch(/^\/aids\/[\w-]+$/);

    const forged = await handler(
      event('POST', '/', {
        query: 'index',
        cookies: [`dt_session=${sessionId}`],
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: 'intent=create&title=x&condition=y',
      }),
      context,
    );
    expect(forged.statusCode).toBe(403);
  });

  it('serves a signed-in clinician their aids, and signs them out with a base64 form POST', async () => {
    const token = await tokenFor('clinician@demo.example');
    const session = await handler(
      event('POST', '/api/sessions', { headers: { authorization: `Bearer ${token}` } }),
      context,
    );
    expect(session.statusCode).toBe(201);
    const { sessionId } = JSON.parse(bodyOf(session)) as { sessionId: string };
    const cookies = [`dt_session=${sessionId}`];

    const home = await handler(event('GET', '/', { cookies }), context);
    expect(home.statusCode).toBe(200);
    expect(bodyOf(home)).toContain('Knee osteoarthritis: what are my options?');
    expect(bodyOf(home)).toContain('Demonstration content');

    const signOut = await handler(
      event('POST', '/auth/signout', {
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_ORIGIN },
        body: 'confirm=yes',
      }),
      context,
    );
    expect(signOut.statusCode).toBe(303);
    expect(signOut.headers?.location).toBe('/signin?signed-out=1');
    expect(signOut.cookies?.some((c) => c.startsWith('dt_session=;'))).toBe(true);

    const after = await handler(event('GET', '/api/me', { cookies }), context);
    expect(after.statusCode).toBe(401);
  });

  it("exports a patient's record as a PDF, from the renderer bundled beside the handler", async () => {
    const token = await tokenFor('clinician@demo.example');
    const authorization = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const invited = await handler(
      event('POST', '/api/invitations', {
        headers: authorization,
        body: JSON.stringify({ aidId: 'demo-knee-oa', version: 1, clinicReference: 'Lambda 1' }),
      }),
      context,
    );
    const { link } = JSON.parse(bodyOf(invited)) as { link: string };
    const opened = await handler(
      event('POST', '/api/patient/sessions', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.split('/p/')[1] }),
      }),
      context,
    );
    expect(opened.statusCode).toBe(201);
    const records = await handler(
      event('GET', '/api/records', { headers: authorization }),
      context,
    );
    const [record] = (JSON.parse(bodyOf(records)) as { items: Array<{ id: string }> }).items;

    const pdf = await handler(
      event('GET', `/api/records/${record!.id}/export.pdf`, { headers: authorization }),
      context,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers?.['content-type']).toBe('application/pdf');
    expect(pdf.isBase64Encoded).toBe(true);
    expect(Buffer.from(pdf.body, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
