import { data, redirect, type AppLoadContext } from '@remix-run/server-runtime';
import { hc } from 'hono/client';
import type { ApiApp } from '#functions/api/app';

/** The typed API client for this request; its fetch is the API app's own, in-process. */
export function apiClient(context: AppLoadContext) {
  return hc<ApiApp>('http://api.internal', { fetch: context.apiFetch }).api;
}

/**
 * The body of a successful API response. A 401 sends the clinician to sign in;
 * other failures become route errors with the API's status, shown by the
 * nearest error boundary.
 */
export async function expectOk<T>(response: {
  ok: boolean;
  status: number;
  json(): Promise<T>;
}): Promise<T> {
  if (response.ok) return response.json();
  if (response.status === 401) throw redirect('/signin');
  throw data(null, { status: response.status });
}

export type Api = ReturnType<typeof apiClient>;

/** The query for one page of a list: `limit` items, from the page's address's `cursor` if it has one. */
export function pageQuery(request: Request, limit: number): { limit: string; cursor?: string } {
  const cursor = new URL(request.url).searchParams.get('cursor');
  return { limit: String(limit), ...(cursor ? { cursor } : {}) };
}
