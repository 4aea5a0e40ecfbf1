import { getCollectionProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { shownErrors, type FieldErrors, type FieldMeta } from '../field';

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
  const error = shownErrors(meta, errorsOf);
  const hintId = hint ? meta.descriptionId : undefined;
  const describedBy = [hintId, error?.id].filter(Boolean).join(' ') || undefined;
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
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={error.id}>
          {error.message}
        </p>
      ) : null}
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
