import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { fitOptions, type FitConsideration } from '#shared/record/fit';
import { NOT_SURE } from '#shared/record/rules';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'leaning' });

/** How much it matters, as a bar: the words beside it say the same. */
function MattersBar({ rating }: { rating: number }) {
  return (
    <svg
      className="matters-bar"
      viewBox="0 0 40 8"
      width="80"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="0" width="40" height="8" rx="2" className="bar-track" />
      <rect x="0" y="0" width={rating * 10} height="8" rx="2" className="bar-fill" />
    </svg>
  );
}

function Considerations({
  title,
  items,
  kind,
}: {
  title: string;
  items: FitConsideration[];
  kind: string;
}) {
  return (
    <div className={`fit-group fit-${kind}`}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{patientText.nothingHere}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.rowId}>
              <span className="fit-label">{item.label}</span>{' '}
              <span className="fit-rating">
                <MattersBar rating={item.rating} />
                {patientText.ratingLabels[item.rating]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Step 4: for each option, the things the patient said matter most on which
 * it does better or worse (the authors' judgement), in the patient's order of
 * importance. Never a single best option. Then which way they lean.
 */
export default function HowOptionsFit() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const fit = fitOptions(aid.content, record.answers);
  return (
    <StepFrame<{ leaning: string }>
      step="leaning"
      revision={record.revision}
      result={result}
      defaultValue={{ leaning: record.answers.leaning }}
    >
      {(fields) => (
        <>
          <p>{patientText.fitIntro}</p>
          {fit.nothingImportant ? (
            <p className="notice">{patientText.fitNothingImportant}</p>
          ) : null}
          {fit.nothingImportant
            ? null
            : fit.options.map((option) => (
                <section
                  key={option.optionId}
                  className="fit-option"
                  aria-labelledby={`fit-${option.optionId}`}
                >
                  <h2 id={`fit-${option.optionId}`}>{option.optionName}</h2>
                  <Considerations
                    title={patientText.doesBetter}
                    items={option.better}
                    kind="better"
                  />
                  <Considerations title={patientText.doesWorse} items={option.worse} kind="worse" />
                  {option.neutral.length > 0 ? (
                    <Considerations
                      title={patientText.aboutSame}
                      items={option.neutral}
                      kind="neutral"
                    />
                  ) : null}
                  {option.unjudged.length > 0 ? (
                    <Considerations
                      title={patientText.noJudgement}
                      items={option.unjudged}
                      kind="unjudged"
                    />
                  ) : null}
                </section>
              ))}
          <ChoiceGroup
            meta={fields.leaning}
            legend={patientText.leaningLegend}
            hint={patientText.leaningHint}
            choices={[
              ...aid.content.options.map((option) => ({ value: option.id, label: option.name })),
              { value: NOT_SURE, label: patientText.notSureYet },
            ]}
          />
        </>
      )}
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
