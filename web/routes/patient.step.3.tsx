import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits } from '#shared/record-rules';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView, useStepAnswers } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'values', stepNumber: 3 });

const ratingChoices = patientText.ratingLabels.map((label, value) => ({
  value: String(value),
  label,
}));

/**
 * Step 3: how much each consideration matters, 0 to 4, with nothing chosen
 * in advance and every one skippable; and up to five of the patient's own.
 */
export default function WhatMatters() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const answers = useStepAnswers(result);
  const errors = result?.kind === 'invalid' ? result.errors : {};
  const marked = new Set(answers.marks);
  // The patient's own concerns, and one empty box for another while there is room.
  const concerns = [...answers.ownConcerns];
  const slots = concerns.length < recordLimits.ownConcerns ? [...concerns, null] : concerns;
  return (
    <StepFrame step={3} revision={record.revision} result={result}>
      <p>{patientText.valuesIntro}</p>
      {aid.content.rows.map((row) => (
        <ChoiceGroup
          key={row.id}
          name={`ratings.${row.id}`}
          legend={row.label || row.question}
          hint={marked.has(row.id) ? patientText.youMarkedThis : undefined}
          error={errors[`ratings.${row.id}`]}
          choices={ratingChoices}
          value={
            answers.ratings[row.id] === undefined ? undefined : String(answers.ratings[row.id])
          }
        />
      ))}
      <fieldset className="own-concerns" aria-describedby="own-concerns-hint">
        <legend>{patientText.ownConcernsLegend}</legend>
        <p className="field-hint" id="own-concerns-hint">
          {patientText.ownConcernsHint}
        </p>
        {slots.map((concern, i) => (
          <div key={concern?.id ?? `new-${i}`} className="own-concern">
            {/* A new concern's id comes with the form, so a form sent twice saves it once. */}
            <input
              type="hidden"
              name={`ownConcerns.${i}.id`}
              value={concern?.id ?? `c${record.revision}n${i}`}
            />
            <div className={errors[`ownConcerns.${i}.text`] ? 'field field-invalid' : 'field'}>
              <label htmlFor={`own-concern-${i}`}>{patientText.ownConcernLabel(i + 1)}</label>
              {errors[`ownConcerns.${i}.text`] ? (
                <p className="field-error" id={`own-concern-${i}-error`}>
                  {errors[`ownConcerns.${i}.text`]}
                </p>
              ) : null}
              <input
                id={`own-concern-${i}`}
                name={`ownConcerns.${i}.text`}
                defaultValue={concern?.text ?? ''}
                maxLength={recordLimits.ownConcern}
                aria-invalid={errors[`ownConcerns.${i}.text`] ? true : undefined}
                aria-describedby={
                  errors[`ownConcerns.${i}.text`] ? `own-concern-${i}-error` : undefined
                }
              />
            </div>
            <ChoiceGroup
              name={`ownConcerns.${i}.rating`}
              legend={patientText.ownConcernRating}
              error={errors[`ownConcerns.${i}.rating`]}
              choices={ratingChoices}
              value={concern?.rating === undefined ? undefined : String(concern.rating)}
            />
          </div>
        ))}
        {concerns.length < recordLimits.ownConcerns - 1 ? (
          <button type="submit" name="intent" value="stay" className="button-secondary">
            {patientText.addAnother}
          </button>
        ) : null}
      </fieldset>
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
