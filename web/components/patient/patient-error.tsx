import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { patientText } from '../../lib/patient-text';

/**
 * What a patient sees when a page cannot be shown: in plain words, what
 * happened and what to do, never a technical message.
 */
export function PatientError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error)
    ? (error.data as { reason?: string } | null)?.reason
    : undefined;
  const [title, body] =
    status === 404
      ? [patientText.linkNotFoundTitle, patientText.linkNotFound]
      : status === 410
        ? [
            patientText.linkGoneTitle,
            reason === 'revoked' ? patientText.linkRevoked : patientText.linkExpired,
          ]
        : status === 401
          ? [patientText.sessionEndedTitle, patientText.sessionEnded]
          : status === 503
            ? [patientText.unavailableTitle, patientText.unavailable]
            : [patientText.somethingWrongTitle, patientText.somethingWrong];
  return (
    <main id="main" className="page page-narrow patient-page">
      <p className="patient-brand">{patientText.siteName}</p>
      <h1>{title}</h1>
      <p>{body}</p>
    </main>
  );
}
