import type { ReactNode } from 'react';

/**
 * A group of radio buttons with its question as the legend and its error
 * beside it. Nothing is chosen until the patient chooses: no preset answer.
 */
export function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  choices,
  value,
  inline,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  choices: Array<{ value: string; label: ReactNode }>;
  value: string | undefined;
  inline?: boolean;
}) {
  const id = `group-${name.replace(/[^\w-]/g, '-')}`;
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={['choice-group', inline ? 'choice-inline' : '', error ? 'field-invalid' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy}
      id={id}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="choices">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={value === choice.value}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
