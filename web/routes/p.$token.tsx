import { useLoaderData, type MetaFunction } from '@remix-run/react';
import { data, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { formatDate } from '../components/aid-view/aid-view';
import { PatientError } from '../components/patient/patient-error';
import { apiClient } from '../lib/api.server';
import { patientText } from '../lib/patient-text';
import { readProblem } from '../lib/problems';

export const meta: MetaFunction = () => [
  { title: `${patientText.welcomeTitle} · ${patientText.siteName}` },
  { name: 'robots', content: 'noindex' },
];

/** The page a patient's link opens. Looking opens nothing: the record starts with "Start". */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const response = await apiClient(context).patient.link.$post({
    json: { token: params.token ?? '' },
  });
  if (!response.ok) {
    const problem = await readProblem(response);
    // A malformed token is as unknown as a wrong one.
    const status = response.status === 422 ? 404 : response.status;
    throw data({ reason: problem['reason'] ?? null }, { status });
  }
  return { ...(await response.json()), token: params.token ?? '' };
}

export default function PatientLink() {
  const link = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page page-narrow patient-page">
      <p className="patient-brand">{patientText.siteName}</p>
      {link.demonstration ? (
        <p className="notice notice-warning">{patientText.demonstrationBanner}</p>
      ) : null}
      <h1>{patientText.welcomeTitle}</h1>
      <p className="lead">{link.aidTitle}</p>
      {link.decided ? (
        <p>{patientText.welcomeDecided}</p>
      ) : (
        <>
          <p>{patientText.welcomeFrom(link.organisationName)}</p>
          <p>{patientText.welcomeSteps}</p>
        </>
      )}
      <p>{patientText.welcomePrivacy}</p>
      <p className="muted">{patientText.welcomeLinkUntil(formatDate(link.expiresAt))}</p>
      {/* A plain form to the server: it sets the session cookie and leaves the token out of the address bar. */}
      <form method="post" action={`/p/${encodeURIComponent(link.token)}/start`}>
        <button type="submit" className="button-large">
          {link.decided ? patientText.openRecord : patientText.start}
        </button>
      </form>
    </main>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
