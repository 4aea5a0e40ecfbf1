import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { AboutGuide, DecisionIntro, formatDate, Sources } from '../components/aid-view/aid-view';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'decision' });

/** Step 1: the decision, who wrote the guide, when, from which sources, and who paid. */
export default function TheDecision() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  return (
    <StepFrame step="decision" revision={record.revision} result={result}>
      <p className="lead">{aid.content.title}</p>
      <DecisionIntro content={aid.content} Sub="h2" />
      <p className="muted">{patientText.versionLine(aid.version, formatDate(aid.publishedAt))}</p>
      <AboutGuide content={aid.content} Sub="h2" />
      <Sources content={aid.content} Sub="h2" />
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
