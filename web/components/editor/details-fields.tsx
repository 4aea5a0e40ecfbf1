import { aidLimits } from '#shared/aid/limits';
import { ATTESTATION_STEPS } from '#shared/aid/words';
import { Checkbox, limitsOf, ListError, shown, TextArea, TextInput } from '../field';
import type { EditorFields, EditorForm, Grades } from './editor-fields';
import { GradedTextArea } from './grade-note';
import { AddButton, RemoveButton } from './list-buttons';

/** What the decision is about: shown to patients on the first step. */
export function DecisionFields({ fields, grades }: { fields: EditorFields; grades: Grades }) {
  const limited = limitsOf(fields, aidLimits);
  return (
    <section aria-labelledby="decision-heading" className="editor-section">
      <h2 id="decision-heading">The decision</h2>
      <TextInput label="Title" {...limited('title')} />
      <GradedTextArea
        label="The health condition, in plain words"
        {...limited('condition')}
        rows={3}
        grades={grades}
      />
      <TextInput
        label="The decision, as a question"
        hint="e.g. Should I have knee replacement surgery?"
        {...limited('question')}
      />
      <TextInput label="Who the aid is for" {...limited('audience')} />
      <TextInput
        meta={fields.language}
        label="Language"
        hint="A language tag: en, en-GB, es, cy…"
        size={8}
      />
      <Checkbox meta={fields.aboutTest}>
        This aid is about a test or screening (asks for questions on results and over-detection)
      </Checkbox>
    </section>
  );
}

/** Sources, cited from the cells. */
export function SourceFields({ form, fields }: { form: EditorForm; fields: EditorFields }) {
  const sources = fields.sources.getFieldList();
  return (
    <section aria-labelledby="sources-heading" className="editor-section">
      <h2 id="sources-heading" tabIndex={-1}>
        Sources
      </h2>
      <p className="field-hint">
        Each source shows its date to patients, so they can see how old the evidence is.
      </p>
      <ListError list={fields.sources} />
      <ol className="source-list">
        {sources.map((source, s) => {
          const f = source.getFieldset();
          const limitedSource = limitsOf(f, aidLimits);
          return (
            <li key={`${shown(f.id)}-${s}`} id={`source-${shown(f.id)}`}>
              <input type="hidden" name={f.id.name} value={shown(f.id)} />
              <TextArea
                label={`Source ${s + 1}: citation`}
                {...limitedSource('citation')}
                rows={2}
              />
              <div className="inline-fields">
                <TextInput
                  meta={f.date}
                  label="Published"
                  hint="YYYY, YYYY-MM or YYYY-MM-DD"
                  size={10}
                />
                <TextInput meta={f.doi} label="DOI" size={20} />
                <TextInput meta={f.pmid} label="PMID" size={10} inputMode="numeric" />
              </div>
              <TextInput meta={f.url} label="Web address" type="url" />
              <RemoveButton form={form} list={fields.sources.name} index={s}>
                Remove<span className="visually-hidden"> source {s + 1}</span>
              </RemoveButton>
            </li>
          );
        })}
      </ol>
      <AddButton
        form={form}
        insert={{ name: fields.sources.name, defaultValue: { citation: '' } }}
        disabled={sources.length >= aidLimits.sources}
      >
        Add a source
      </AddButton>
    </section>
  );
}

/** Who wrote it, who paid, how the evidence was chosen and when it is checked again. */
export function AuthorshipFields({
  form,
  fields,
  grades,
}: {
  form: EditorForm;
  fields: EditorFields;
  grades: Grades;
}) {
  const authors = fields.authors.getFieldList();
  const attestations = fields.attestations.getFieldset();
  const limited = limitsOf(fields, aidLimits);
  /** How the aid was made, in words a patient reads: each field shows its reading grade. */
  const aboutTheAid = (
    name: 'funding' | 'conflictsOfInterest' | 'evidenceMethods' | 'updatePolicy',
    label: string,
    rows: number,
    hint?: string,
  ) => (
    <GradedTextArea
      label={label}
      {...(hint ? { hint } : {})}
      {...limited(name)}
      grades={grades}
      rows={rows}
    />
  );
  return (
    <section aria-labelledby="authorship-heading" className="editor-section">
      <h2 id="authorship-heading" tabIndex={-1}>
        Authors, funding and review
      </h2>
      <fieldset aria-describedby={fields.authors.errors?.[0] ? fields.authors.errorId : undefined}>
        <legend>Authors</legend>
        <ListError list={fields.authors} />
        {authors.length === 0 ? <p className="field-hint">No authors yet.</p> : null}
        {authors.map((author, a) => {
          const f = author.getFieldset();
          const limitedAuthor = limitsOf(f, aidLimits);
          return (
            <div key={a} className="inline-fields author-fields">
              <TextInput
                meta={f.name}
                label={`Author ${a + 1}: name`}
                maxLength={aidLimits.authorName}
              />
              <TextInput
                label="Credentials"
                hint="e.g. Consultant orthopaedic surgeon"
                {...limitedAuthor('credentials')}
              />
              <RemoveButton form={form} list={fields.authors.name} index={a}>
                Remove<span className="visually-hidden"> author {a + 1}</span>
              </RemoveButton>
            </div>
          );
        })}
        <AddButton
          form={form}
          insert={{ name: fields.authors.name, defaultValue: { name: '', credentials: '' } }}
          disabled={authors.length >= aidLimits.authors}
        >
          Add an author
        </AddButton>
      </fieldset>
      {aboutTheAid('funding', 'Who paid for the aid', 2)}
      {aboutTheAid('conflictsOfInterest', 'Conflicts of interest', 2, '“None.” is a fine answer.')}
      {aboutTheAid('evidenceMethods', 'How the evidence was found and chosen', 3)}
      <div className="inline-fields">
        <TextInput meta={fields.evidenceReviewedOn} label="Evidence last reviewed" type="date" />
        <TextInput meta={fields.reviewBy} label="Review by" type="date" />
      </div>
      {aboutTheAid(
        'updatePolicy',
        'When the aid is updated',
        2,
        'e.g. We look at the evidence every year, and sooner if an important study comes out.',
      )}
      <fieldset className="attestations">
        <legend>How the aid was developed (you confirm each step)</legend>
        <p className="field-hint">
          Software cannot check these. Tick a step only when it was done, and say in a line how
          (who, how many, when): patients see it.
        </p>
        {ATTESTATION_STEPS.map(({ step, id, title, example }) => {
          const f = attestations[step].getFieldset();
          return (
            <div key={step} className="attestation" id={`attestation-${step}`}>
              <Checkbox meta={f.done}>
                <span className="attestation-id">{id}</span> {title}
              </Checkbox>
              <TextInput
                meta={f.detail}
                label={
                  <>
                    How it was done<span className="visually-hidden"> ({id})</span>
                  </>
                }
                hint={`e.g. ${example}`}
                maxLength={aidLimits.attestationDetail}
              />
            </div>
          );
        })}
      </fieldset>
    </section>
  );
}
