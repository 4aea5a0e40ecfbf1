import { useRouteLoaderData } from '@remix-run/react';
import type { PatientAnswers, RecordView } from '#shared/record';
import type { StepResult } from './patient.server';

/** The patient's record and aid, loaded once by the patient layout for every step. */
export function usePatientView(): RecordView {
  return useRouteLoaderData('routes/patient') as RecordView;
}

/** The answers a step shows: what the patient just sent, if it came back, else what is saved. */
export function useStepAnswers(result: StepResult | undefined): PatientAnswers {
  const { record } = usePatientView();
  return { ...record.answers, ...(result?.submitted ?? {}) };
}
