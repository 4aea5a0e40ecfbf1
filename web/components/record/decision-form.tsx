import { getFormProps } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { AidContent } from '#shared/aid/schema';
import type { DecisionContent } from '#shared/record/decision';
import { decisionLimits, NOT_DECIDED } from '#shared/record/decision-limits';
import {
  allErrorsOf,
  Checkbox,
  FormError,
  limitsOf,
  TextArea,
  TextInput,
  type FieldMeta,
} from '../field';
import { IntentButton } from '../intent-button';
import { ChoiceGroup } from '../patient/choice-group';
import type { RecordActionResult, RecordForm } from '../../lib/record-actions.server';
import { ChangeBasis, Conflict } from './change-basis';
import { serverCheckedForm } from '../../lib/server-checked-form';

/** The decision as the form holds it: text, the choice as `choice.optionId`, questions one a line. */
type DecisionShape = {
  choice: { optionId: string; nextStep: string; nextStepBy: string };
  notes: string;
  openQuestions: string;
  followUp: string;
  participants: string;
};

/** The decision a form starts from: the current one when amending. */
function formValues(current: DecisionContent): DecisionShape {
  const { choice } = current;
  return {
    choice:
      choice.kind === NOT_DECIDED
        ? { optionId: NOT_DECIDED, nextStep: choice.nextStep, nextStepBy: choice.nextStepBy }
        : { optionId: choice.optionId, nextStep: '', nextStepBy: '' },
    notes: current.notes,
    openQuestions: current.openQuestions.join('\n'),
    followUp: current.followUp,
    participants: current.participants,
  };
}

/** This form's answer from the action, if it was the one sent. */
export function answerFor(result: RecordActionResult | undefined, form: RecordForm) {
  const mine = result?.form === form ? result : undefined;
  return {
    // After a conflict too: the form keeps what was typed, on the record as it is now.
    lastResult: mine?.reply,
    conflict: mine?.kind === 'conflict' || mine?.kind === 'unavailable' ? mine.message : undefined,
    sent: mine !== undefined,
  };
}

interface DecisionMetas {
  choice: FieldMeta;
  optionId: FieldMeta;
  nextStep: FieldMeta;
  nextStepBy: FieldMeta;
  notes: FieldMeta;
  openQuestions: FieldMeta;
  followUp: FieldMeta;
  participants: FieldMeta;
}

/** The decision's fields' metadata, from the form's fieldset (or the amendment's `changes`). */
function decisionMetas(fields: {
  choice: FieldMeta & {
    getFieldset(): { optionId: FieldMeta; nextStep: FieldMeta; nextStepBy: FieldMeta };
  };
  notes: FieldMeta;
  openQuestions: FieldMeta;
  followUp: FieldMeta;
  participants: FieldMeta;
}): DecisionMetas {
  // Conform's fieldsets are proxies: their fields are read one by one, never spread.
  const choice = fields.choice.getFieldset();
  return {
    choice: fields.choice,
    optionId: choice.optionId,
    nextStep: choice.nextStep,
    nextStepBy: choice.nextStepBy,
    notes: fields.notes,
    openQuestions: fields.openQuestions,
    followUp: fields.followUp,
    participants: fields.participants,
  };
}

/** The decision's fields: the same for deciding and for amending. */
function DecisionFields({
  content,
  fields,
  today,
}: {
  content: AidContent;
  fields: DecisionMetas;
  today: string;
}) {
  const limited = limitsOf(fields, decisionLimits);
  return (
    <>
      <ChoiceGroup
        meta={fields.optionId}
        errorsOf={[fields.choice]}
        legend="What did you decide together?"
        choices={[
          ...content.options.map((option) => ({ value: option.id, label: option.name })),
          { value: NOT_DECIDED, label: 'Not decided yet' },
        ]}
      />
      <div className="inline-fields">
        <TextInput
          label="If not decided yet: the next step"
          hint="For example: talk it over at home, or see the surgeon."
          {...limited('nextStep')}
        />
        <TextInput meta={fields.nextStepBy} label="By when" type="date" min={today} />
      </div>
      <TextArea label="Notes written together" {...limited('notes')} rows={4} />
      <TextArea
        meta={fields.openQuestions}
        errorsOf={[allErrorsOf(fields.openQuestions)]}
        label="What we don't know yet"
        hint={`Questions that remain open, one per line (at most ${decisionLimits.openQuestions}).`}
        rows={3}
      />
      <TextInput
        label="Follow-up"
        hint="For example: phone review in 2 weeks."
        {...limited('followUp')}
      />
      <TextInput
        label="Who else took part"
        hint="For example: her daughter, the practice nurse. Leave empty if no one."
        {...limited('participants')}
      />
    </>
  );
}

/** Where a record's form ends: its own error, a conflict, and its button (off while a form is sent). */
function FormEnd({
  form,
  conflict,
  intent,
  children,
}: {
  form: { errorId: string; errors?: string[] | undefined };
  conflict: string | undefined;
  intent: RecordForm;
  children: ReactNode;
}) {
  return (
    <>
      <FormError form={form} />
      <Conflict message={conflict} />
      <IntentButton intent={intent}>{children}</IntentButton>
    </>
  );
}

/** Deciding together: the clinician confirms by recording it; the patient on this screen, or later. */
export function DecideForm({
  content,
  revision,
  clientToken,
  result,
  today,
}: {
  content: AidContent;
  revision: number;
  clientToken: string;
  result: RecordActionResult | undefined;
  today: string;
}) {
  const { lastResult, conflict } = answerFor(result, 'decide');
  const [form, fields] = serverCheckedForm<DecisionShape & { patientConfirmed: boolean }>({
    id: 'decide',
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="decision-form">
      <ChangeBasis revision={revision} clientToken={clientToken} />
      <DecisionFields content={content} fields={decisionMetas(fields)} today={today} />
      <Checkbox meta={fields.patientConfirmed}>
        <span>
          The patient has read this on the screen and agrees: &ldquo;this is what we decided
          together&rdquo;. Leave it unticked to let them confirm later through their link.
        </span>
      </Checkbox>
      <FormEnd form={form} conflict={conflict} intent="decide">
        Record the decision
      </FormEnd>
    </Form>
  );
}

/** A change after the decision: appended with why, never written over. */
export function AmendForm({
  content,
  current,
  revision,
  clientToken,
  result,
  today,
}: {
  content: AidContent;
  current: DecisionContent;
  revision: number;
  clientToken: string;
  result: RecordActionResult | undefined;
  today: string;
}) {
  const { lastResult, conflict, sent } = answerFor(result, 'amend');
  const [form, fields] = serverCheckedForm<{ reason: string; changes: DecisionShape }>({
    id: 'amend',
    lastResult,
    defaultValue: { changes: formValues(current) },
  });
  return (
    <details className="amend" open={sent || undefined}>
      <summary>Amend the record</summary>
      <p>
        The decision above stays as it was recorded. Your change is added below it, with your name,
        the time and why.
      </p>
      <Form method="post" {...getFormProps(form)} className="decision-form">
        <ChangeBasis revision={revision} clientToken={clientToken} />
        <DecisionFields
          content={content}
          fields={decisionMetas(fields.changes.getFieldset())}
          today={today}
        />
        <TextArea
          meta={fields.reason}
          label="Why is this changed?"
          maxLength={decisionLimits.reason}
          rows={2}
          required
        />
        <FormEnd form={form} conflict={conflict} intent="amend">
          Save the amendment
        </FormEnd>
      </Form>
    </details>
  );
}
