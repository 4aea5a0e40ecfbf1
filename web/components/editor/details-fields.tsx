import { aidLimits } from '#shared/aid';
import type { AidFormValues } from '#shared/aid-form';
import type { MeasuredText } from '#shared/readability';
import { TextArea, TextInput } from '../field';
import { gradeNote } from './grade-note';

interface SectionProps {
  values: AidFormValues;
  errors: Record<string, string>;
  grades: Map<string, MeasuredText>;
}

/** What the decision is about: shown to patients on the first step. */
export function DecisionFields({ values, errors, grades }: SectionProps) {
  return (
    <section aria-labelledby="decision-heading" className="editor-section">
      <h2 id="decision-heading">The decision</h2>
      <TextInput
        name="title"
        label="Title"
        value={values.title}
        error={errors['title']}
        maxLength={aidLimits.title}
      />
      <TextArea
        name="condition"
        label="The health condition, in plain words"
        value={values.condition}
        error={errors['condition']}
        maxLength={aidLimits.condition}
        rows={3}
        note={gradeNote(grades.get('condition'))}
      />
      <TextInput
        name="question"
        label="The decision, as a question"
        hint="e.g. Should I have knee replacement surgery?"
        value={values.question}
        error={errors['question']}
        maxLength={aidLimits.question}
      />
      <TextInput
        name="audience"
        label="Who the aid is for"
        value={values.audience}
        error={errors['audience']}
        maxLength={aidLimits.audience}
      />
      <TextInput
        name="language"
        label="Language"
        hint="A language tag: en, en-GB, es, cy…"
        value={values.language}
        error={errors['language']}
        size={8}
      />
      <label className="checkbox">
        <input type="checkbox" name="aboutTest" defaultChecked={values.aboutTest} /> This aid is
        about a test or screening (asks for questions on results and over-detection)
      </label>
    </section>
  );
}

/** Sources, cited from the cells. */
export function SourceFields({ values, errors }: Omit<SectionProps, 'grades'>) {
  return (
    <section aria-labelledby="sources-heading" className="editor-section">
      <h2 id="sources-heading" tabIndex={-1}>
        Sources
      </h2>
      <p className="field-hint">
        Each source shows its date to patients, so they can see how old the evidence is.
      </p>
      {errors['sources'] ? <p className="field-error">{errors['sources']}</p> : null}
      <ol className="source-list">
        {values.sources.map((source, s) => {
          const p = `sources.${s}`;
          return (
            <li key={source.id} id={`source-${source.id}`}>
              <input type="hidden" name={`${p}.id`} value={source.id} />
              <TextArea
                name={`${p}.citation`}
                label={`Source ${s + 1}: citation`}
                value={source.citation}
                error={errors[`${p}.citation`]}
                maxLength={aidLimits.citation}
                rows={2}
              />
              <div className="inline-fields">
                <TextInput
                  name={`${p}.date`}
                  label="Published"
                  hint="YYYY, YYYY-MM or YYYY-MM-DD"
                  value={source.date}
                  error={errors[`${p}.date`]}
                  size={10}
                />
                <TextInput
                  name={`${p}.doi`}
                  label="DOI"
                  value={source.doi}
                  error={errors[`${p}.doi`]}
                  size={20}
                />
                <TextInput
                  name={`${p}.pmid`}
                  label="PMID"
                  value={source.pmid}
                  error={errors[`${p}.pmid`]}
                  size={10}
                  inputMode="numeric"
                />
              </div>
              <TextInput
                name={`${p}.url`}
                label="Web address"
                type="url"
                value={source.url}
                error={errors[`${p}.url`]}
              />
              <button
                type="submit"
                name="intent"
                value={`remove-source:${source.id}`}
                className="button-small button-danger"
              >
                Remove<span className="visually-hidden"> source {s + 1}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="submit"
        name="intent"
        value="add-source"
        className="button-secondary"
        disabled={values.sources.length >= aidLimits.sources}
      >
        Add a source
      </button>
    </section>
  );
}

const attestationLabels: Record<keyof AidFormValues['attestations'], string> = {
  patientsInvolved: 'Patients helped to decide what the aid covers',
  fieldTestedWithPatients: 'Patients tried the aid and we changed it after',
  fieldTestedWithClinicians: 'Clinicians tried the aid and we changed it after',
  externallyReviewed: 'People outside the team reviewed it',
};

/** Who wrote it, who paid, how the evidence was chosen and when it is checked again. */
export function AuthorshipFields({ values, errors }: Omit<SectionProps, 'grades'>) {
  return (
    <section aria-labelledby="authorship-heading" className="editor-section">
      <h2 id="authorship-heading" tabIndex={-1}>
        Authors, funding and review
      </h2>
      <fieldset>
        <legend>Authors</legend>
        {values.authors.length === 0 ? <p className="field-hint">No authors yet.</p> : null}
        {values.authors.map((author, a) => (
          <div key={a} className="inline-fields author-fields">
            <TextInput
              name={`authors.${a}.name`}
              label={`Author ${a + 1}: name`}
              value={author.name}
              error={errors[`authors.${a}.name`]}
              maxLength={aidLimits.authorName}
            />
            <TextInput
              name={`authors.${a}.credentials`}
              label="Credentials"
              hint="e.g. Consultant orthopaedic surgeon"
              value={author.credentials}
              error={errors[`authors.${a}.credentials`]}
              maxLength={aidLimits.credentials}
            />
            <button
              type="submit"
              name="intent"
              value={`remove-author:${a}`}
              className="button-small button-danger"
            >
              Remove<span className="visually-hidden"> author {a + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="submit"
          name="intent"
          value="add-author"
          className="button-secondary"
          disabled={values.authors.length >= aidLimits.authors}
        >
          Add an author
        </button>
      </fieldset>
      <TextArea
        name="funding"
        label="Who paid for the aid"
        value={values.funding}
        error={errors['funding']}
        maxLength={aidLimits.funding}
        rows={2}
      />
      <TextArea
        name="conflictsOfInterest"
        label="Conflicts of interest"
        hint="“None.” is a fine answer."
        value={values.conflictsOfInterest}
        error={errors['conflictsOfInterest']}
        maxLength={aidLimits.conflictsOfInterest}
        rows={2}
      />
      <TextArea
        name="evidenceMethods"
        label="How the evidence was found and chosen"
        value={values.evidenceMethods}
        error={errors['evidenceMethods']}
        maxLength={aidLimits.evidenceMethods}
        rows={3}
      />
      <div className="inline-fields">
        <TextInput
          name="evidenceReviewedOn"
          label="Evidence last reviewed"
          type="date"
          value={values.evidenceReviewedOn}
          error={errors['evidenceReviewedOn']}
        />
        <TextInput
          name="reviewBy"
          label="Review by"
          type="date"
          value={values.reviewBy}
          error={errors['reviewBy']}
        />
      </div>
      <TextArea
        name="updatePolicy"
        label="When the aid is updated"
        hint="e.g. We look at the evidence every year, and sooner if an important study comes out."
        value={values.updatePolicy}
        error={errors['updatePolicy']}
        maxLength={aidLimits.updatePolicy}
        rows={2}
      />
      <fieldset>
        <legend>How the aid was developed (you confirm these)</legend>
        {Object.entries(attestationLabels).map(([key, text]) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              name={`attestations.${key}`}
              defaultChecked={values.attestations[key as keyof typeof attestationLabels]}
            />{' '}
            {text}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
