import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { OptionGrid, OptionList } from '../components/aid-view/aid-view';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView, useStepAnswers } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'options', stepNumber: 2 });

/** Step 2: the options and the grid, and a mark on each question that matters to the patient. */
export default function TheOptions() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const answers = useStepAnswers(result);
  const marked = new Set(answers.marks);
  const error =
    result?.kind === 'invalid'
      ? Object.entries(result.errors).find(([k]) => k.startsWith('marks'))?.[1]
      : undefined;
  return (
    <StepFrame step={2} revision={record.revision} result={result}>
      <h2>{patientText.yourOptions}</h2>
      <OptionList content={aid.content} />
      <h2>{patientText.comparingOptions}</h2>
      <OptionGrid content={aid.content} demonstration={aid.demonstration} highlight={marked} />
      <fieldset className="marks" aria-describedby="marks-hint">
        <legend>{patientText.marksLegend}</legend>
        <p className="field-hint" id="marks-hint">
          {patientText.marksHint}
        </p>
        {error ? <p className="field-error">{error}</p> : null}
        {aid.content.rows.map((row) => (
          <label key={row.id} className="checkbox">
            <input
              type="checkbox"
              name="marks"
              value={row.id}
              defaultChecked={marked.has(row.id)}
            />{' '}
            {row.question}
          </label>
        ))}
      </fieldset>
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
