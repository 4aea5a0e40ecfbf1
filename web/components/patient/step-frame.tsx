import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { STEP_COUNT } from '#shared/record-rules';
import { patientText } from '../../lib/patient-text';
import type { StepResult } from '../../lib/patient.server';

/**
 * One step of the patient's guide: where they are ("Step 3 of 7"), the step's
 * heading, any message about their last save, and a plain form that saves the
 * step with Back and Next.
 */
export function StepFrame({
  step,
  revision,
  result,
  children,
  next = patientText.next,
  showBack = step > 1,
}: {
  step: number;
  revision: number;
  result: StepResult | undefined;
  children: ReactNode;
  next?: string;
  showBack?: boolean;
}) {
  const title = patientText.stepTitles[step - 1] ?? '';
  // After a change in another window, the form saves over what is there now, by choice.
  const baseRevision = result?.kind === 'conflict' ? result.current.revision : revision;
  return (
    <>
      <p className="step-count" id="step-count">
        {patientText.stepOf(step, STEP_COUNT)}
      </p>
      <progress
        className="step-progress"
        value={step}
        max={STEP_COUNT}
        aria-labelledby="step-count"
      />
      <h1 tabIndex={-1}>{title}</h1>
      {result?.kind === 'conflict' ? (
        <div className="notice notice-error" role="alert">
          <h2 className="notice-title">{patientText.changedElsewhereTitle}</h2>
          <p>{patientText.changedElsewhere}</p>
        </div>
      ) : null}
      {result?.kind === 'invalid' ? (
        <p className="notice notice-error" role="alert">
          {patientText.fixErrors}
        </p>
      ) : null}
      <Form method="post" noValidate className="step-form">
        <input type="hidden" name="revision" value={baseRevision} />
        {children}
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
