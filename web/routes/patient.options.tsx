import { getCollectionProps } from '@conform-to/react';
import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { OptionGrid, OptionList } from '../components/aid-view/aid-view';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { allErrorsOf } from '../components/field';
import { list } from '../lib/form-values';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'options' });

/** Step 2: the options and the grid, and a mark on each question that matters to the patient. */
export default function TheOptions() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  return (
    <StepFrame<{ marks: string[] }>
      step="options"
      revision={record.revision}
      result={result}
      defaultValue={{ marks: record.answers.marks }}
    >
      {(fields) => {
        // What the page shows marked: as saved, or as just sent back.
        const marked = new Set(list(fields.marks.initialValue).map(String));
        const error = allErrorsOf(fields.marks).errors?.[0];
        const inputs = getCollectionProps(fields.marks, {
          type: 'checkbox',
          options: aid.content.rows.map((row) => row.id),
          ariaAttributes: false,
        });
        return (
          <>
            <h2>{patientText.yourOptions}</h2>
            <OptionList content={aid.content} />
            <h2>{patientText.comparingOptions}</h2>
            <p className="grid-cards-hint">{patientText.openEachQuestion}</p>
            <OptionGrid
              content={aid.content}
              demonstration={aid.demonstration}
              highlight={marked}
              disclose
            />
            <fieldset
              className="marks"
              id={fields.marks.id}
              aria-describedby={['marks-hint', error ? fields.marks.errorId : '']
                .filter(Boolean)
                .join(' ')}
            >
              <legend>{patientText.marksLegend}</legend>
              <p className="field-hint" id="marks-hint">
                {patientText.marksHint}
              </p>
              {error ? (
                <p className="field-error" id={fields.marks.errorId}>
                  {error}
                </p>
              ) : null}
              {inputs.map(({ key, ...input }, i) => (
                <label key={key} className="checkbox">
                  <input {...input} /> {aid.content.rows[i]!.question}
                </label>
              ))}
            </fieldset>
          </>
        );
      }}
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
