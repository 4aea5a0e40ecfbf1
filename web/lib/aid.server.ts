import type { AppLoadContext } from '@remix-run/server-runtime';
import { apiClient, expectOk } from './api.server';

/**
 * The aid, for the aid's pages and the editor's loader. Both loaders of one
 * page request read through the same request scope (ADR 21): the table is
 * read once, and the checks the editor makes are of the content the page shows.
 */
export async function readAid(context: AppLoadContext, aidId: string) {
  return expectOk(await apiClient(context).aids[':aidId'].$get({ param: { aidId } }));
}
