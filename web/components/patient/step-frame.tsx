import { getFormProps, type DefaultValue, type FormMetadata } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { STEP_COUNT, stepNumber, type StepName } from '#shared/record/rules';
import { patientText } from '../../lib/patient-text';
import type { StepResult } from '../../lib/patient.server';
import { serverCheckedForm } from '../../lib/server-checked-form';

type Shape = Record<string, unknown>;
export type StepFields<S extends Shape> = ReturnType<FormMetadata<S>['getFieldset']>;

/**
 * Counts the answers a page has been given: each one starts the form afresh
 * from what it sent back (say, with the box a list intent added): the
 * form's fields read their starting values once, when they mount.
 */
function useAnswerCount(result: StepResult | undefined): number {
  const [seen, setSeen] = useState({ result, count: 0 });
  if (seen.result !== result) {
    setSeen({ result, count: seen.count + 1 });
    return seen.count + 1;
  }
  return seen.count;
}

/**
 * One step of the patient's guide: where they are ("Step 3 of 7"), the step's
 * heading, any message about their last save, and a plain form that saves the
 * step with Back and Next. Its fields come from Conform's metadata; the form
 * is read on the server only, so neither a schema nor Conform's form state
 * is sent to the phone.
 */
export function StepFrame<S extends Shape = Shape>(props: {
  step: StepName;
  revision: number;
  result: StepResult | undefined;
  /** What the step's form starts from: the patient's saved answers, as the form holds them. */
  defaultValue?: DefaultValue<S>;
  children: ReactNode | ((fields: StepFields<S>, form: FormMetadata<S>) => ReactNode);
  next?: string;
  showBack?: boolean;
}) {
  const answers = useAnswerCount(props.result);
  // A new revision (saved, then back on this step) starts the form afresh too.
  return <StepForm<S> key={`${props.revision}:${answers}`} answered={answers > 0} {...props} />;
}

function StepForm<S extends Shape>({
  step,
  revision,
  result,
  defaultValue,
  children,
  next = patientText.next,
  showBack = stepNumber(step) > 1,
  answered,
}: Parameters<typeof StepFrame<S>>[0] & { answered: boolean }) {
  const [form, fields] = serverCheckedForm<S>({
    id: 'step',
    lastResult: result?.reply,
    ...(defaultValue === undefined ? {} : { defaultValue }),
  });
  const place = stepNumber(step);
  const title = patientText.stepTitles[place - 1] ?? '';
  // An answer restarts the form: the message about it is where the patient goes next.
  const notice = useRef<HTMLDivElement & HTMLParagraphElement>(null);
  useEffect(() => {
    if (answered) notice.current?.focus();
  }, [answered]);
  // After a change in another window, the form saves over what is there now, by choice.
  const baseRevision = result?.kind === 'conflict' ? result.revision : revision;
  return (
    <>
      <p className="step-count" id="step-count">
        {patientText.stepOf(place, STEP_COUNT)}
      </p>
      <progress
        className="step-progress"
        value={place}
        max={STEP_COUNT}
        aria-labelledby="step-count"
      />
      <h1 tabIndex={-1}>{title}</h1>
      {result?.kind === 'conflict' ? (
        <div className="notice notice-error" role="alert" ref={notice} tabIndex={-1}>
          <h2 className="notice-title">{patientText.changedElsewhereTitle}</h2>
          <p>{patientText.changedElsewhere}</p>
        </div>
      ) : null}
      {result?.kind === 'invalid' ? (
        <p
          className="notice notice-error"
          role="alert"
          id={form.errorId}
          ref={notice}
          tabIndex={-1}
        >
          {form.errors?.[0] ?? patientText.fixErrors}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="step-form">
        <input type="hidden" name="revision" value={baseRevision} />
        {typeof children === 'function' ? children(fields, form) : children}
        <div className="step-nav">
          <button type="submit" name="intent" value="next">
            {next}
          </button>
          {showBack ? (
            <button type="submit" name="intent" value="back" className="button-secondary">
              {patientText.back}
            </button>
          ) : null}
        </div>
      </Form>
    </>
  );
}
