import { Outlet, useLoaderData, type MetaFunction } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { PatientError } from '../components/patient/patient-error';
import { loadPatientView } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';

/** The patient's pages: their record and the aid version it is pinned to, for every step. */
export async function loader({ context }: LoaderFunctionArgs) {
  return loadPatientView(context);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.aid.title ?? patientText.welcomeTitle} · ${patientText.siteName}` },
  { name: 'robots', content: 'noindex' },
];

export default function PatientLayout() {
  const view = useLoaderData<typeof loader>();
  return (
    <>
      <header className="patient-header">
        <p className="patient-brand">
          {patientText.siteName} <span className="muted">· {view.organisationName}</span>
        </p>
      </header>
      <main id="main" className="page page-narrow patient-page" lang={view.aid.content.language}>
        {view.aid.demonstration ? (
          <p className="notice notice-warning">{patientText.demonstrationBanner}</p>
        ) : null}
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
