import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { AidPage, AidSummary, NewAid } from '#shared/aids';
import { Pagination } from '#shared/ids';
import { InvalidCursorError } from '../../store/cursor';
import { requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { ProblemError } from '../problem-error';
import { jsonBody, queryParams } from '../validate';

export const aidOperations: Operation[] = [
  {
    method: 'get',
    path: '/aids',
    summary: "The organisation's decision aids, a page at a time",
    tag: 'aids',
    auth: true,
    query: Pagination,
    responses: { 200: { description: 'A page of aids', schema: AidPage } },
  },
  {
    method: 'post',
    path: '/aids',
    summary: 'Start a new draft aid',
    tag: 'aids',
    auth: true,
    body: NewAid,
    responses: { 201: { description: 'The new draft', schema: AidSummary, headers: ['Location'] } },
  },
];

export const aids = new Hono<ApiEnv>()
  .use(requireClinician)
  .get('/', queryParams(Pagination), async (c) => {
    try {
      const page: AidPage = await c.var.deps.store.aids.list(
        c.var.principal.orgId,
        c.req.valid('query'),
      );
      return c.json(page);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new ProblemError('validation-failed', {
          errors: [
            { pointer: '/cursor', detail: 'This cursor is not valid. Start from the first page.' },
          ],
        });
      }
      throw error;
    }
  })
  .post('/', jsonBody(NewAid), async (c) => {
    const input = c.req.valid('json');
    const aid: AidSummary = {
      id: randomUUID(),
      title: input.title,
      condition: input.condition,
      status: 'draft',
      demonstration: false,
      updatedAt: c.var.deps.store.now().toISOString(),
    };
    await c.var.deps.store.aids.create(c.var.principal.orgId, aid);
    return c.json(aid, 201, { Location: `/api/aids/${aid.id}` });
  });
