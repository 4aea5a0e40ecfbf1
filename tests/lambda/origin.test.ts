import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyResult, LambdaContext } from 'hono/aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { freshTable } from '../support/store';

/**
 * The bundled handler as the stack configures it, with ORIGIN_VERIFY_SECRET
 * set (ADR 19): only requests carrying CloudFront's secret reach the app.
 */
const bundle = path.resolve('build/lambda/index.mjs');
const SECRET = 'c'.repeat(48);

type Handler = (event: unknown, context: LambdaContext) => Promise<APIGatewayProxyResult>;
let handler: Handler;

beforeAll(async () => {
  if (!existsSync(bundle))
    throw new Error('No bundle at build/lambda/index.mjs: run `npm run build` first.');
  const table = await freshTable();
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    PUBLIC_ORIGIN: 'https://decide.example.org',
    OIDC_ISSUER: 'https://issuer.example.org',
    OIDC_CLIENT_ID: 'origin-test',
    ORIGIN_VERIFY_SECRET: SECRET,
    LOG_LEVEL: 'error',
  });
  // Its own module instance: the environment is read when the bundle is imported.
  ({ handler } = (await import(/* @vite-ignore */ `${pathToFileURL(bundle).href}?origin`)) as {
    handler: Handler;
  });
});

const health = (headers: Record<string, string>) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/health',
  rawQueryString: '',
  headers: {
    host: 'abc123.execute-api.eu-west-2.amazonaws.com',
    accept: 'application/json',
    ...headers,
  },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
    http: {
      method: 'GET',
      path: '/api/health',
      protocol: 'HTTP/1.1',
      sourceIp: '198.51.100.7',
      userAgent: 'x',
    },
    requestId: 'r',
    routeKey: '$default',
    stage: '$default',
    timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
});
const context = { awsRequestId: 'origin-1', functionName: 'server' } as LambdaContext;

describe('the bundled handler behind CloudFront', () => {
  it('answers a request that carries the origin secret', async () => {
    const result = await handler(health({ 'x-origin-verify': SECRET }), context);
    expect(result.statusCode).toBe(200);
  });

  it('refuses, 403, a request to the execute-api address without it or with a wrong one, whatever x-viewer-address it claims', async () => {
    // The refusal is logged as a warning: expected here.
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const headers of <Record<string, string>[]>[
      { 'x-viewer-address': '203.0.113.9' },
      { 'x-origin-verify': 'd'.repeat(48), 'x-viewer-address': '203.0.113.9' },
    ]) {
      const result = await handler(health(headers), context);
      expect(result.statusCode).toBe(403);
      expect(result.headers?.['content-type']).toBe('application/problem+json');
    }
    vi.restoreAllMocks();
  });
});
