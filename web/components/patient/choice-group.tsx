import { getCollectionProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { describedField, HintAndError, type FieldErrors, type FieldMeta } from '../field';

/** The choices for a list of answers, each labelled with its words. */
export function choicesOf<Value extends string>(
  values: readonly Value[],
  words: Record<Value, ReactNode>,
): Array<{ value: Value; label: ReactNode }> {
  return values.map((value) => ({ value, label: words[value] }));
}

/**
 * A group of radio buttons with its question as the legend and its error
 * beside it, named and tied together by Conform's field metadata. Nothing is
 * chosen until the patient chooses: no preset answer.
 */
export function ChoiceGroup({
  meta,
  errorsOf,
  legend,
  hint,
  choices,
  inline,
}: {
  meta: FieldMeta;
  /** Fields whose errors the group shows when it has none of its own. */
  errorsOf?: FieldErrors[];
  legend: ReactNode;
  hint?: ReactNode;
  choices: Array<{ value: string; label: ReactNode }>;
  inline?: boolean;
}) {
  const { error, hintId, describedBy } = describedField(meta, errorsOf, hint);
  const inputs = getCollectionProps(meta, {
    type: 'radio',
    options: choices.map((choice) => choice.value),
    ariaAttributes: false,
  });
  return (
    <fieldset
      className={['choice-group', inline ? 'choice-inline' : '', error ? 'field-invalid' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy}
      id={meta.id}
    >
      <legend>{legend}</legend>
      <HintAndError hint={hint} hintId={hintId} error={error} />
      <div className="choices">
        {inputs.map(({ key, ...input }, i) => (
          <label key={key} className="choice">
            <input {...input} />
            <span>{choices[i]!.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
