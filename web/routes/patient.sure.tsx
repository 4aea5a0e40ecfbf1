import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits, sureItems, sureScore, type SureItem } from '#shared/record/rules';
import { TextArea } from '../components/field';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { SureResult } from '../components/patient/sure-result';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'sure' });

const yesNo = [
  { value: 'yes', label: patientText.yes },
  { value: 'no', label: patientText.no },
];

/** Step 5: the four SURE questions, and anything that worries the patient. */
export default function AreYouReady() {
  const { record } = usePatientView();
  const result = useActionData<typeof action>();
  const { sure, worries } = record.answers;
  return (
    <StepFrame<{ sure: Record<SureItem, string>; worries: string }>
      step="sure"
      revision={record.revision}
      result={result}
      defaultValue={{
        sure: Object.fromEntries(
          sureItems
            .filter((item) => sure[item] !== undefined)
            .map((item) => [item, sure[item] ? 'yes' : 'no']),
        ),
        worries,
      }}
    >
      {(fields) => {
        const answers = fields.sure.getFieldset();
        return (
          <>
            <p>{patientText.sureIntro}</p>
            {sureItems.map((item) => (
              <ChoiceGroup
                key={item}
                meta={answers[item]}
                legend={patientText.sureQuestions[item]}
                choices={yesNo}
                inline
              />
            ))}
            <p className="attribution">{patientText.sureAttribution}</p>
            <SureResult score={sureScore(sure)} />
            <TextArea
              meta={fields.worries}
              label={patientText.worriesLabel}
              hint={patientText.worriesHint}
              maxLength={recordLimits.worries}
              rows={4}
            />
          </>
        );
      }}
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
