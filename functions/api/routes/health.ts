import { Hono } from 'hono';
import { Health } from '#shared/people';
import { describeError } from '#functions/log/logger';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';

export const health = new Hono<ApiEnv>().get(
  '/',
  describe({
    summary: 'Whether the service and its data store answer',
    tag: 'operations',
    auth: 'none',
    responses: {
      200: { description: 'The store answers', schema: Health },
      503: 'The store does not answer',
    },
  }),
  async (c) => {
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
    return c.json({ status: 'ok' as const } satisfies Health, 200, { 'Cache-Control': 'no-store' });
  },
);
