import { redirect, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { isDecided } from '#shared/record/lifecycle';
import { stepPath } from '#shared/record/rules';
import { PatientError } from '../components/patient/patient-error';
import { loadPatientView } from '../lib/patient.server';

/** Where the patient left off, or their decided record. */
export async function loader({ context }: LoaderFunctionArgs) {
  const view = await loadPatientView(context);
  throw redirect(
    isDecided(view.record.status) ? '/patient/record' : stepPath(view.record.currentStep),
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
