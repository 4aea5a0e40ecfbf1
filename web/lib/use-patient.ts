import { useRouteLoaderData } from '@remix-run/react';
import type { RecordView } from '#shared/record/schema';

/** The patient's record and aid, loaded once by the patient layout for every step. */
export function usePatientView(): RecordView {
  return useRouteLoaderData('routes/patient') as RecordView;
}
