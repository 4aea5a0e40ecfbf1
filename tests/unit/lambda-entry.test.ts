import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ORIGIN_VERIFY_HEADER,
  cameThroughCloudFront,
  notThroughCloudFront,
} from '#functions/entries/lambda-origin';
import { tracedDocumentClient } from '#functions/entries/lambda-tracing';
import { createLambdaLogger } from '#functions/log/lambda-logger';

const secret = 's'.repeat(48);

describe('origin verification (ADR 19)', () => {
  it("lets through a request carrying CloudFront's secret, and removes the header before the app sees it", () => {
    const event = { headers: { [ORIGIN_VERIFY_HEADER]: secret, 'x-viewer-address': '192.0.2.1' } };
    expect(cameThroughCloudFront(event, secret)).toBe(true);
    expect(event.headers).toEqual({ 'x-viewer-address': '192.0.2.1' });
  });

  it('refuses a request to the execute-api address: no header, a wrong one, or one of another length', () => {
    expect(cameThroughCloudFront({ headers: { 'x-viewer-address': '192.0.2.1' } }, secret)).toBe(
      false,
    );
    expect(
      cameThroughCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: 't'.repeat(48) } }, secret),
    ).toBe(false);
    expect(
      cameThroughCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: secret.slice(1) } }, secret),
    ).toBe(false);
    expect(cameThroughCloudFront({ headers: null }, secret)).toBe(false);
    expect(notThroughCloudFront.statusCode).toBe(403);
    expect(JSON.parse(notThroughCloudFront.body)).toMatchObject({
      status: 403,
      title: 'Forbidden',
    });
  });
});

describe('the Lambda logger (Powertools behind the project Logger)', () => {
  const traceId = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  afterEach(() => {
    delete process.env['_X_AMZN_TRACE_ID'];
    vi.restoreAllMocks();
  });
  /** What the logger writes to stdout and stderr, as Lambda would read it. */
  const capture = () => {
    const lines: string[] = [];
    const keep = (chunk: unknown) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(keep);
    vi.spyOn(process.stderr, 'write').mockImplementation(keep);
    return lines;
  };

  it('writes JSON lines with the request id, the trace id, the service and the fields given', () => {
    process.env['_X_AMZN_TRACE_ID'] = traceId;
    const lines = capture();
    const log = createLambdaLogger({ level: 'info', serviceName: 'decide-together' });
    log.startInvocation({
      awsRequestId: 'req-123',
      functionName: 'server',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:server',
      memoryLimitInMB: '1769',
    } as never);
    log.info('request', { status: 200, path: '/p/:token' });
    log.debug('not shown at info');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'decide-together',
      function_request_id: 'req-123',
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      status: 200,
      path: '/p/:token',
    });
  });

  it('stamps each invocation with its own request id', () => {
    const lines = capture();
    const log = createLambdaLogger({ level: 'warn', serviceName: 'x' });
    log.startInvocation({ awsRequestId: 'first' } as never);
    log.warn('one');
    log.startInvocation({ awsRequestId: 'second' } as never);
    log.error('two');
    log.info('below the level');
    expect(
      lines.map(
        (line) => (JSON.parse(line) as { function_request_id: string }).function_request_id,
      ),
    ).toEqual(['first', 'second']);
  });
});

describe('the DynamoDB client under X-Ray', () => {
  const clients = () => {
    const client = new DynamoDBClient({
      region: 'local',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    return { client, doc: DynamoDBDocumentClient.from(client) };
  };

  it('is the client as it is when tracing is off (locally and in tests): the tracer is never loaded', () => {
    const c = clients();
    let loaded = false;
    const doc = tracedDocumentClient(c, {
      tracing: false,
      serviceName: 'x',
      load: async () => {
        loaded = true;
        return { captureClient: (client) => client };
      },
    });
    expect(doc).toBe(c.doc);
    expect(loaded).toBe(false);
  });

  it('is captured before its first call when tracing is on, the tracer loaded once in the background', async () => {
    const c = clients();
    const captured: unknown[] = [];
    let loads = 0;
    const doc = tracedDocumentClient(c, {
      tracing: true,
      serviceName: 'decide-together',
      load: async () => {
        loads += 1;
        return {
          captureClient: <T>(client: T, serviceName: string) => {
            captured.push(serviceName);
            // What the tracer does: a middleware on the client's stack, shared by the document client.
            (client as unknown as DynamoDBClient).middlewareStack.add(
              (next) => async (args) => next(args),
              {
                step: 'initialize',
                name: 'XRaySDKInstrumentation',
              },
            );
            return client;
          },
        };
      },
    });
    const sent: string[] = [];
    c.client.middlewareStack.add(
      () => async () => {
        sent.push(
          c.client.middlewareStack.identify().some((m) => m.startsWith('XRaySDKInstrumentation'))
            ? 'traced'
            : 'untraced',
        );
        return { output: { $metadata: {} }, response: {} } as never;
      },
      { step: 'finalizeRequest', name: 'stop' },
    );
    await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    expect(captured).toEqual(['decide-together']);
    expect(loads).toBe(1);
    expect(sent).toEqual(['traced', 'traced']);
  });
});
