import type { Context } from 'hono';
import type { Pagination } from '#shared/ids';
import type { Store } from '../store/store';
import type { ApiEnv } from './env';

/** A handler's context after `queryParams(Pagination)`. */
type PageContext = Context<ApiEnv, string, { out: { query: Pagination } }>;

/**
 * The handler of a list route: one page of the signed-in organisation's
 * items, as `read` lists them from the store for the query's cursor and limit.
 */
export const organisationPage =
  <Page>(read: (store: Store, orgId: string, query: Pagination) => Promise<Page>) =>
  async (c: PageContext) =>
    c.json(await read(c.var.deps.store, c.var.principal.orgId, c.req.valid('query')));
