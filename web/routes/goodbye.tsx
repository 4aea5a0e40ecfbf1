import type { MetaFunction } from '@remix-run/react';
import { patientText } from '../lib/patient-text';

export const meta: MetaFunction = () => [
  { title: `${patientText.leftTitle} · ${patientText.siteName}` },
];

/** Where a patient lands after "Leave the guide". */
export default function Goodbye() {
  return (
    <main id="main" className="page page-narrow patient-page">
      <p className="patient-brand">{patientText.siteName}</p>
      <h1>{patientText.leftTitle}</h1>
      <p>{patientText.leftBody}</p>
    </main>
  );
}
