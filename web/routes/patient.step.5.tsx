import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits, sureItems, sureScore } from '#shared/record-rules';
import { TextArea } from '../components/field';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { SureResult } from '../components/patient/sure-result';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView, useStepAnswers } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'sure', stepNumber: 5 });

const yesNo = [
  { value: 'yes', label: patientText.yes },
  { value: 'no', label: patientText.no },
];

/** Step 5: the four SURE questions, and anything that worries the patient. */
export default function AreYouReady() {
  const { record } = usePatientView();
  const result = useActionData<typeof action>();
  const answers = useStepAnswers(result);
  const errors = result?.kind === 'invalid' ? result.errors : {};
  const asText = (value: boolean | undefined) =>
    value === undefined ? undefined : value ? 'yes' : 'no';
  return (
    <StepFrame step={5} revision={record.revision} result={result}>
      <p>{patientText.sureIntro}</p>
      {sureItems.map((item) => (
        <ChoiceGroup
          key={item}
          name={`sure.${item}`}
          legend={patientText.sureQuestions[item]}
          error={errors[`sure.${item}`]}
          choices={yesNo}
          value={asText(answers.sure[item])}
          inline
        />
      ))}
      <p className="attribution">{patientText.sureAttribution}</p>
      <SureResult score={sureScore(record.answers.sure)} />
      <TextArea
        name="worries"
        label={patientText.worriesLabel}
        hint={patientText.worriesHint}
        value={answers.worries}
        error={errors['worries']}
        maxLength={recordLimits.worries}
        rows={4}
      />
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
