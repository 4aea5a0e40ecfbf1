import { useActionData } from '@remix-run/react';
import { rowName } from '#shared/aid/names';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits } from '#shared/record/rules';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { shown, TextInput } from '../components/field';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'values' });

const ratingChoices = patientText.ratingLabels.map((label, value) => ({
  value: String(value),
  label,
}));

type ValuesShape = {
  ratings: Record<string, string>;
  ownConcerns: Array<{ id: string; text: string; rating: string }>;
};

/**
 * Step 3: how much each consideration matters, 0 to 4, with nothing chosen
 * in advance and every one skippable; and up to five of the patient's own.
 */
export default function WhatMatters() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const { answers, revision } = record;
  const marked = new Set(answers.marks);
  // The patient's own concerns, and one empty box for another while there is room.
  // A new concern's id comes with the form, so a form sent twice saves it once.
  const concerns = answers.ownConcerns.map((concern) => ({
    id: concern.id,
    text: concern.text,
    rating: concern.rating === undefined ? '' : String(concern.rating),
  }));
  if (concerns.length < recordLimits.ownConcerns)
    concerns.push({ id: `c${revision}n${concerns.length}`, text: '', rating: '' });
  return (
    <StepFrame<ValuesShape>
      step="values"
      revision={revision}
      result={result}
      defaultValue={{
        ratings: Object.fromEntries(
          Object.entries(answers.ratings).map(([rowId, rating]) => [rowId, String(rating)]),
        ),
        ownConcerns: concerns,
      }}
    >
      {(fields, form) => {
        const ratings = fields.ratings.getFieldset();
        const slots = fields.ownConcerns.getFieldList();
        return (
          <>
            <p>{patientText.valuesIntro}</p>
            {aid.content.rows.map((row, index) => (
              <ChoiceGroup
                key={row.id}
                meta={ratings[row.id]!}
                legend={rowName(row, index)}
                hint={marked.has(row.id) ? patientText.youMarkedThis : undefined}
                choices={ratingChoices}
              />
            ))}
            <fieldset className="own-concerns" aria-describedby="own-concerns-hint">
              <legend>{patientText.ownConcernsLegend}</legend>
              <p className="field-hint" id="own-concerns-hint">
                {patientText.ownConcernsHint}
              </p>
              {slots.map((slot, i) => {
                const concern = slot.getFieldset();
                return (
                  <div key={`${shown(concern.id)}-${i}`} className="own-concern">
                    <input type="hidden" name={concern.id.name} value={shown(concern.id)} />
                    <TextInput
                      meta={concern.text}
                      label={patientText.ownConcernLabel(i + 1)}
                      maxLength={recordLimits.ownConcern}
                    />
                    <ChoiceGroup
                      meta={concern.rating}
                      legend={patientText.ownConcernRating}
                      choices={ratingChoices}
                    />
                  </div>
                );
              })}
              {slots.length < recordLimits.ownConcerns ? (
                <button
                  type="submit"
                  {...form.insert.getButtonProps({
                    name: fields.ownConcerns.name,
                    defaultValue: { id: `c${revision}n${slots.length}` },
                  })}
                  className="button-secondary"
                >
                  {patientText.addAnother}
                </button>
              ) : null}
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
