import { redirect, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { PatientError } from '../components/patient/patient-error';
import { loadPatientView } from '../lib/patient.server';

/** Where the patient left off. */
export async function loader({ context }: LoaderFunctionArgs) {
  const view = await loadPatientView(context);
  throw redirect(`/patient/step/${view.record.currentStep}`);
}

export function ErrorBoundary() {
  return <PatientError />;
}
