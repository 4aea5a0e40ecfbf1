/**
 * A small Node adapter: serves a bundled Lambda handler (API Gateway HTTP API
 * events, payload 2.0) over HTTP, as API Gateway would call it. The load bench
 * runs the production bundle and the baseline through it alike.
 *
 *   node --import tsx tests/bench/lambda-server.ts build/lambda/index.mjs 4100 [assets dir]
 *
 * With an assets folder (bench:web), it also does CloudFront's part: files
 * under /assets/ from that folder, cached for a year, and gzip for text, as
 * CloudFront compresses. A handler file named `*.js` that is not a Lambda (a
 * Remix server build) is served through Remix's own request handler instead.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}>;

const [file, port, assets] = process.argv.slice(2);
// An orderly exit, so that --cpu-prof (bench:load's PROFILE) writes its profile.
process.on('SIGTERM', () => process.exit(0));
if (!file || !port) throw new Error('Usage: lambda-server.ts <handler.mjs> <port> [assets]');
const loaded = (await import(pathToFileURL(file).href)) as { handler?: Handler };
const handler: Handler = loaded.handler ?? remixAsLambda(loaded as unknown as ServerBuild);

/** A bare Remix build answered as a Lambda would be: the same adapter for both. */
function remixAsLambda(build: ServerBuild): Handler {
  const remix = createRequestHandler(build, 'production');
  return async (event) => {
    const e = event as {
      rawPath: string;
      rawQueryString: string;
      headers: Record<string, string>;
      cookies?: string[];
      requestContext: { http: { method: string } };
    };
    const headers = new Headers(e.headers);
    if (e.cookies) headers.set('cookie', e.cookies.join('; '));
    const url = `http://${e.headers['host'] ?? 'localhost'}${e.rawPath}${e.rawQueryString ? `?${e.rawQueryString}` : ''}`;
    const response = await remix(
      new Request(url, { method: e.requestContext.http.method, headers }),
    );
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()).toString('base64'),
      isBase64Encoded: true,
    };
  };
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const compressible = /^(text\/|application\/(json|javascript)|image\/svg)/;

/** Sends a body, gzipped as CloudFront would when the browser accepts it. */
function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: Buffer | undefined,
  acceptsGzip: boolean,
) {
  const type = String(headers['content-type'] ?? headers['Content-Type'] ?? '');
  if (assets && body && acceptsGzip && compressible.test(type) && body.length > 1024) {
    body = gzipSync(body);
    headers = { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' };
  }
  res.writeHead(status, headers);
  res.end(body);
}

let requestCount = 0;
const server = createServer((req, res) => {
  const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  if (assets && req.url?.startsWith('/assets/')) {
    const name = path.join(assets, path.normalize(decodeURIComponent(req.url.split('?')[0]!)));
    readFile(name).then(
      (body) =>
        send(
          res,
          200,
          {
            'content-type': types[path.extname(name)] ?? 'application/octet-stream',
            'cache-control': 'public, max-age=31536000, immutable',
          },
          body,
          acceptsGzip,
        ),
      () => send(res, 404, {}, undefined, false),
    );
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && name !== 'cookie')
        headers[name] = Array.isArray(value) ? value.join(',') : value;
    const body = Buffer.concat(chunks);
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(req.headers.cookie ? { cookies: req.headers.cookie.split('; ') } : {}),
      headers,
      requestContext: {
        accountId: 'bench',
        apiId: 'bench',
        domainName: headers['host'] ?? 'localhost',
        http: {
          method: req.method ?? 'GET',
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: `bench-${(requestCount += 1)}`,
        routeKey: '$default',
        stage: '$default',
        time: new Date().toISOString(),
        timeEpoch: Date.now(),
      },
      ...(body.length > 0 ? { body: body.toString('base64'), isBase64Encoded: true } : {}),
      isBase64Encoded: body.length > 0,
    };
    handler(event, { awsRequestId: event.requestContext.requestId }).then(
      (result) => {
        const out: Record<string, string | string[]> = { ...result.headers };
        for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
          out[name] = values;
        if (result.cookies?.length) out['set-cookie'] = result.cookies;
        send(
          res,
          result.statusCode,
          out,
          result.body === undefined
            ? undefined
            : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
          acceptsGzip,
        );
      },
      (error: unknown) => {
        console.error(error);
        res.writeHead(502).end();
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
