import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits } from '#shared/record/rules';
import { limitsOf, TextArea, TextInput } from '../components/field';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'questions' });

type QuestionsShape = {
  questions: string;
  readElsewhere: { note: string; link: string };
};

/** Step 6: questions for the visit, and what the patient read or heard elsewhere. */
export default function QuestionsAndNotes() {
  const { record } = usePatientView();
  const result = useActionData<typeof action>();
  const { questions, readElsewhere } = record.answers;
  return (
    <StepFrame<QuestionsShape>
      step="questions"
      revision={record.revision}
      result={result}
      defaultValue={{ questions, readElsewhere }}
    >
      {(fields) => {
        const elsewhere = fields.readElsewhere.getFieldset();
        const limited = limitsOf(fields, recordLimits);
        return (
          <>
            <TextArea
              label={patientText.questionsLabel}
              hint={patientText.questionsHint}
              {...limited('questions')}
              rows={6}
            />
            <TextArea
              meta={elsewhere.note}
              label={patientText.readElsewhereLabel}
              hint={patientText.readElsewhereHint}
              maxLength={recordLimits.readElsewhereNote}
              rows={4}
            />
            <TextInput
              meta={elsewhere.link}
              label={patientText.readElsewhereLink}
              type="url"
              inputMode="url"
              maxLength={recordLimits.link}
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
