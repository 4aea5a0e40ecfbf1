import type { AppLoadContext } from '@remix-run/server-runtime';
import { apiClient, expectOk } from './api.server';
import { newClientToken } from './client-token.server';

/**
 * A record as the clinician's pages read it (the consult view, the screen
 * shown to the patient), with a client token for the page's forms.
 */
export async function loadRecordPage(context: AppLoadContext, recordId: string | undefined) {
  const view = await expectOk(
    await apiClient(context).records[':recordId'].$get({ param: { recordId: recordId ?? '' } }),
  );
  return { view, clientToken: newClientToken(), today: new Date().toISOString().slice(0, 10) };
}
