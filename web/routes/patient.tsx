import { Outlet, useLoaderData, type MetaFunction } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { PatientError } from '../components/patient/patient-error';
import { useFocusHeadingOnNavigation } from '../lib/use-focus';
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
  useFocusHeadingOnNavigation();
  return (
    <>
      <header className="patient-header">
        <p className="patient-brand">
          {patientText.siteName} <span className="muted">· {view.organisationName}</span>
        </p>
        {/* For a shared phone or computer: the answers are saved, and this device forgets them. */}
        <form method="post" action="/patient/leave">
          <button type="submit" className="button-secondary button-small">
            {patientText.leave}
          </button>
        </form>
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
