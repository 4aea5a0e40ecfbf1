import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { isBlank } from '#shared/aid/cells';
import { fitOptions, type OptionFit, type RowFit } from '#shared/record/fit';
import { NOT_SURE, ownFits } from '#shared/record/rules';
import { NumberFigure } from '../components/aid-view/aid-view';
import { ChoiceGroup } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame, type StepFields } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'leaning' });

type LeaningShape = {
  leaning: string;
  concernFits: Record<string, Record<string, string>>;
};

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

/**
 * What the guide says behind a judgement: the number, as words and as a
 * picture with the same total as the other options' pictures, or else the
 * cell's words; and how sure the evidence is, "we don't know" included.
 */
function Evidence({ entry, demonstration }: { entry: RowFit; demonstration: boolean }) {
  const { cell, commonDenominator } = entry;
  return (
    <div className="fit-evidence">
      {cell.numbers.length > 0 ? (
        cell.numbers.map((n, i) => (
          <NumberFigure
            key={i}
            n={n}
            demonstration={demonstration}
            picture={commonDenominator === n.denominator}
          />
        ))
      ) : isBlank(cell.text) ? (
        <p className="muted">{patientText.notAnswered}</p>
      ) : (
        <p>{cell.text}</p>
      )}
      <p className="certainty">
        {cell.certainty ? patientText.certainty[cell.certainty] : patientText.certaintyNotGiven}
      </p>
    </div>
  );
}

function Considerations({
  title,
  items,
  kind,
  demonstration,
}: {
  title: string;
  items: RowFit[];
  kind: string;
  demonstration: boolean;
}) {
  return (
    <div className={`fit-group fit-${kind}`}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{patientText.nothingHere}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <span className="fit-label">{item.label}</span>{' '}
              <span className="fit-rating">
                <MattersBar rating={item.rating} />
                {patientText.ratingLabels[item.rating]}
              </span>
              <Evidence entry={item} demonstration={demonstration} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const ownFitChoices = ownFits.map((value) => ({ value, label: patientText.ownFits[value] }));

/** The patient's own concerns for one option: their judgement, labelled as theirs. */
function OwnConcerns({ option, fields }: { option: OptionFit; fields: StepFields<LeaningShape> }) {
  if (option.own.length === 0) return null;
  const byConcern = fields.concernFits.getFieldset();
  return (
    <div className="fit-group fit-own">
      <h3>{patientText.yourOwnThings}</h3>
      <p className="field-hint">{patientText.yourOwnThingsHint}</p>
      {option.own.map((concern) => {
        const meta = byConcern[concern.id]!.getFieldset()[option.optionId]!;
        return (
          <ChoiceGroup
            key={concern.id}
            meta={meta}
            legend={
              <>
                <span className="visually-hidden">{option.optionName}: </span>
                {concern.label}{' '}
                <span className="fit-rating">
                  <MattersBar rating={concern.rating} />
                  {patientText.ratingLabels[concern.rating]}
                </span>
              </>
            }
            choices={ownFitChoices}
          />
        );
      })}
    </div>
  );
}

/**
 * Step 4: for each option, in the aid's order, the things the patient said
 * matter most: on the guide's questions, what the authors judged and the
 * evidence beside it; on the patient's own concerns, the patient's own
 * judgement. Never a single best option, a score or a count. Then which way
 * they lean.
 */
export default function HowOptionsFit() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const fit = fitOptions(aid.content, record.answers);
  const hasRows = fit.important.some((consideration) => consideration.kind === 'row');
  const { demonstration } = aid;
  return (
    <StepFrame<LeaningShape>
      step="leaning"
      revision={record.revision}
      result={result}
      defaultValue={{
        ...(record.answers.leaning === undefined ? {} : { leaning: record.answers.leaning }),
        concernFits: record.answers.concernFits,
      }}
    >
      {(fields) => (
        <>
          <p>{patientText.fitIntro}</p>
          {fit.nothingImportant ? (
            <p className="notice">{patientText.fitNothingImportant}</p>
          ) : null}
          {hasRows ? <p className="attribution">{patientText.fitAuthorsSay}</p> : null}
          {fit.nothingImportant
            ? null
            : fit.options.map((option) => (
                <section
                  key={option.optionId}
                  className="fit-option"
                  aria-labelledby={`fit-${option.optionId}`}
                >
                  <h2 id={`fit-${option.optionId}`}>{option.optionName}</h2>
                  {hasRows ? (
                    <>
                      <Considerations
                        title={patientText.doesBetter}
                        items={option.better}
                        kind="better"
                        demonstration={demonstration}
                      />
                      <Considerations
                        title={patientText.doesWorse}
                        items={option.worse}
                        kind="worse"
                        demonstration={demonstration}
                      />
                    </>
                  ) : null}
                  {option.same.length > 0 ? (
                    <Considerations
                      title={patientText.aboutSame}
                      items={option.same}
                      kind="same"
                      demonstration={demonstration}
                    />
                  ) : null}
                  {option.depends.length > 0 ? (
                    <Considerations
                      title={patientText.itDepends}
                      items={option.depends}
                      kind="depends"
                      demonstration={demonstration}
                    />
                  ) : null}
                  {option.unjudged.length > 0 ? (
                    <Considerations
                      title={patientText.noJudgement}
                      items={option.unjudged}
                      kind="unjudged"
                      demonstration={demonstration}
                    />
                  ) : null}
                  <OwnConcerns option={option} fields={fields} />
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
