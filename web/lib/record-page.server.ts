import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { apiClient, expectOk } from './api.server';
import { newClientToken } from './client-token.server';

/**
 * The loader of a record's pages (the consult view, the screen shown to the
 * patient): the record, with a client token for the page's forms.
 */
export async function loadRecordPage({ context, params }: LoaderFunctionArgs) {
  const view = await expectOk(
    await apiClient(context).records[':recordId'].$get({
      param: { recordId: params.recordId ?? '' },
    }),
  );
  return { view, clientToken: newClientToken(), today: new Date().toISOString().slice(0, 10) };
}
