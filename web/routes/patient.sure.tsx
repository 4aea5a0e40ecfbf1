import { useActionData, useSearchParams } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { NOT_SURE, recordLimits, stepNumber, sureItems, type SureItem } from '#shared/record/rules';
import { understandingQuestions } from '#shared/record/understanding';
import { overTimeFrame } from '#shared/aid/time-frames';
import { own } from '#shared/own';
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

/**
 * Step 5: the four SURE questions in the instrument's own words, and anything
 * that worries the patient; then a check of understanding written from the
 * guide's numbers (none when it has no numbers). The saved result is shown on
 * this page: after a save with any "no", or with answers to the check, the
 * patient comes back here to read the result, its next steps and what the
 * guide says, and then goes on.
 */
export default function AreYouReady() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const justSaved = search.get('saved') === '1';
  const { sure, worries, understanding } = record.answers;
  const questions = understandingQuestions(aid.content);
  return (
    <StepFrame<{
      sure: Record<SureItem, string>;
      worries: string;
      understanding: Record<string, Record<string, string>>;
    }>
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
        understanding,
      }}
    >
      {(fields) => {
        const answers = fields.sure.getFieldset();
        const checks = fields.understanding.getFieldset();
        return (
          <>
            {justSaved ? <input type="hidden" name="resultShown" value="1" /> : null}
            <SureResult sure={sure} id="sure-result" />
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
            {questions.length > 0 ? (
              <section className="understanding" aria-labelledby="understanding-title">
                <h2 id="understanding-title">{patientText.understandingTitle}</h2>
                <p>{patientText.understandingIntro}</p>
                {questions.map((question) => {
                  const saved = own(own(understanding, question.rowId) ?? {}, question.optionId);
                  const n = question.number;
                  return (
                    <div
                      key={`${question.rowId}-${question.optionId}`}
                      className="understanding-item"
                    >
                      <ChoiceGroup
                        meta={checks[question.rowId]!.getFieldset()[question.optionId]!}
                        legend={patientText.understandingQuestion(
                          question.rowQuestion,
                          question.optionName,
                          n.denominator,
                          n.referenceClass,
                          `${n.outcome} ${overTimeFrame(n.timeFrame)}`,
                        )}
                        choices={[
                          ...question.choices.map((choice) => ({
                            value: String(choice),
                            label: patientText.numberOutOf(choice, n.denominator),
                          })),
                          { value: NOT_SURE, label: patientText.notSureAnswer },
                        ]}
                      />
                      {saved === undefined ? null : (
                        <p className="understanding-answer">
                          {patientText.guideSays(question.answer, n.denominator)}{' '}
                          {patientText.readAgain(stepNumber('options'), question.rowQuestion)}
                        </p>
                      )}
                    </div>
                  );
                })}
              </section>
            ) : null}
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
