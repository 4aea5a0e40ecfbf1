import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { recordLimits } from '#shared/record-rules';
import { TextArea, TextInput } from '../components/field';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView, useStepAnswers } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'questions', stepNumber: 6 });

/** Step 6: questions for the visit, and what the patient read or heard elsewhere. */
export default function QuestionsAndNotes() {
  const { record } = usePatientView();
  const result = useActionData<typeof action>();
  const answers = useStepAnswers(result);
  const errors = result?.kind === 'invalid' ? result.errors : {};
  return (
    <StepFrame step={6} revision={record.revision} result={result}>
      <TextArea
        name="questions"
        label={patientText.questionsLabel}
        hint={patientText.questionsHint}
        value={answers.questions}
        error={errors['questions']}
        maxLength={recordLimits.questions}
        rows={6}
      />
      <TextArea
        name="readElsewhere.note"
        label={patientText.readElsewhereLabel}
        hint={patientText.readElsewhereHint}
        value={answers.readElsewhere.note}
        error={errors['readElsewhere.note']}
        maxLength={recordLimits.readElsewhereNote}
        rows={4}
      />
      <TextInput
        name="readElsewhere.link"
        label={patientText.readElsewhereLink}
        type="url"
        inputMode="url"
        value={answers.readElsewhere.link ?? ''}
        error={errors['readElsewhere.link']}
        maxLength={recordLimits.link}
      />
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
