import { Outlet, useLoaderData, type MetaFunction } from '@remix-run/react';
import { redirect, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { isDecided } from '#shared/record/lifecycle';
import { stepNames, stepPath } from '#shared/record/rules';
import { PatientError } from '../components/patient/patient-error';
import { useFocusHeadingOnNavigation } from '../lib/use-focus';
import { loadPatientView } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { revalidateAfterConflict } from '../lib/revalidate';

/**
 * The patient's pages: their record and the aid version it is pinned to, for
 * every step. Once decided, the steps are closed and the record is the page.
 */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const view = await loadPatientView(context);
  const { pathname } = new URL(request.url);
  const decided = isDecided(view.record.status);
  const onStep = stepNames.some((step) => pathname === stepPath(step));
  if (decided && onStep) throw redirect('/patient/record');
  if (!decided && pathname === '/patient/record') throw redirect(stepPath(view.record.currentStep));
  return view;
}

/** After a refused change (409) the page is read again: the next try is based on it as it is now. */
export const shouldRevalidate = revalidateAfterConflict;

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
