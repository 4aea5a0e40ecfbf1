import { Hono } from 'hono';
import * as z from 'zod';
import { describeError } from '../../log';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { named } from '../schema-names';
import { ProblemError } from '../problem-error';

export const Health = named('Health', z.object({ status: z.literal('ok') }));

export const healthOperations: Operation[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Whether the service and its data store answer',
    tag: 'operations',
    auth: false,
    responses: {
      200: { description: 'The store answers', schema: Health },
      503: { description: 'The store does not answer' },
    },
  },
];

export const health = new Hono<ApiEnv>().get('/', async (c) => {
  try {
    await c.var.deps.store.ping();
  } catch (error) {
    c.var.deps.log.warn('health check failed', {
      requestId: c.var.requestId,
      ...describeError(error),
    });
    throw new ProblemError('unavailable', {
      detail: 'The data store does not answer.',
      headers: { 'Retry-After': '5' },
    });
  }
  return c.json({ status: 'ok' as const }, 200, { 'Cache-Control': 'no-store' });
});
