import type { AppLoadContext } from '@remix-run/server-runtime';
import { apiClient, expectOk } from './api.server';

type AidAnswer = ReturnType<typeof fetchAid>;

/** One request's aid reads, by id: the aid's pages and the editor's loader run in the same request. */
const reads = new WeakMap<AppLoadContext, Map<string, AidAnswer>>();

const fetchAid = async (context: AppLoadContext, aidId: string) =>
  expectOk(await apiClient(context).aids[':aidId'].$get({ param: { aidId } }));

/**
 * The aid, read once per page request (the context is the request's own):
 * the header's loader and the editor's loader share it, so the checks the
 * editor's loader makes are of the very content the page shows.
 */
export function readAid(context: AppLoadContext, aidId: string): AidAnswer {
  let byId = reads.get(context);
  if (!byId) reads.set(context, (byId = new Map()));
  let read = byId.get(aidId);
  if (!read) byId.set(aidId, (read = fetchAid(context, aidId)));
  return read;
}
