import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { allErrorsOf, ListError, FormError, TextArea, TextInput } from '../../web/components/field';
import { ChoiceGroup } from '../../web/components/patient/choice-group';
import { parseForm, refusedReply, settled } from '../../web/lib/forms.server';
import { serverCheckedForm } from '../../web/lib/server-checked-form';

/** A form shaped like the patient's steps: a fieldset of choices, a list of fieldsets, a text. */
const Values = z.object({
  ratings: z.record(
    z.string(),
    z.enum(['1', '2', '3'], { error: 'Choose how much this matters.' }),
  ),
  ownConcerns: z
    .array(
      z.object({
        id: z.string(),
        text: z.string({ error: 'Say what matters to you.' }).max(10, 'Use 10 letters or fewer.'),
        rating: z.enum(['1', '2', '3']).optional(),
      }),
    )
    .max(3, 'Three at most.'),
  note: z.string().max(5, 'Use 5 letters or fewer.').optional(),
});
type ValuesShape = z.input<typeof Values>;

const choices = ['1', '2', '3'].map((value) => ({ value, label: `choice ${value}` }));

type MakeForm = (options: {
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: ValuesShape;
}) => ReturnType<typeof useForm<ValuesShape>>;

/** The same step rendered from either form's metadata, with the components the patient pages use. */
function Step({ makeForm, ...options }: { makeForm: MakeForm } & Parameters<MakeForm>[0]) {
  const [form, fields] = makeForm(options);
  const ratings = fields.ratings.getFieldset();
  const concerns = fields.ownConcerns.getFieldList();
  return (
    <form method="post" {...getFormProps(form)}>
      <FormError form={form} />
      <ChoiceGroup meta={ratings['r1']!} legend="Pain" hint="You marked this." choices={choices} />
      <ChoiceGroup meta={ratings['r2']!} legend="Cost" choices={choices} />
      <ListError list={allErrorsOf(fields.ownConcerns)} />
      {concerns.map((slot, i) => {
        const concern = slot.getFieldset();
        return (
          <div key={i}>
            <TextInput meta={concern.text} label={`Concern ${i + 1}`} />
            <ChoiceGroup meta={concern.rating} legend="How much" choices={choices} />
            <button
              type="submit"
              {...form.remove.getButtonProps({ name: fields.ownConcerns.name, index: i })}
            >
              Remove
            </button>
            <button
              type="submit"
              {...form.reorder.getButtonProps({ name: fields.ownConcerns.name, from: i, to: 0 })}
            >
              Move to the top
            </button>
          </div>
        );
      })}
      <TextArea meta={fields.note} label="Note" hint="Anything else." />
      <button
        type="submit"
        {...form.insert.getButtonProps({
          name: fields.ownConcerns.name,
          defaultValue: { id: `c${concerns.length}`, text: '' },
        })}
      >
        Add another
      </button>
    </form>
  );
}

function Conform(props: Parameters<MakeForm>[0]) {
  return <Step makeForm={useForm} {...props} />;
}

/** Renders the step with Conform's `useForm`, and with the server-checked form. */
function bothWays(options: Parameters<MakeForm>[0]) {
  return {
    conform: renderToStaticMarkup(<Conform {...options} />),
    serverChecked: renderToStaticMarkup(
      <Step makeForm={serverCheckedForm as unknown as MakeForm} {...options} />,
    ),
  };
}

function formData(entries: Array<[string, string]>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

function replyTo(entries: Array<[string, string]>): SubmissionResult<string[]> {
  const parsed = parseForm(formData(entries), Values);
  return settled(parsed.submission.reply());
}

describe('a form checked on the server only shows what Conform would show', () => {
  it('starts from the saved answers, numbers and lists included', () => {
    const { conform, serverChecked } = bothWays({
      id: 'step',
      defaultValue: {
        ratings: { r1: '2', r2: 3 as unknown as '3' },
        ownConcerns: [
          { id: 'c0', text: 'Walking', rating: '1' },
          { id: 'c1', text: 'Sleep' },
        ],
        note: 'Hi',
      },
    });
    expect(serverChecked).toContain('value="Walking"');
    expect(serverChecked).toMatch(/id="step-ratings.r2-3"[^>]*checked/);
    expect(serverChecked).toBe(conform);
  });

  it("shows each field's error beside it after a refused save", () => {
    const reply = replyTo([
      ['ratings.r1', '9'],
      ['ownConcerns[0].id', 'c0'],
      ['ownConcerns[0].text', 'Far too many letters'],
      ['ownConcerns[1].id', 'c1'],
      ['ownConcerns[1].text', 'ok'],
      ['note', 'A long note'],
    ]);
    const { conform, serverChecked } = bothWays({ id: 'step', lastResult: reply });
    expect(serverChecked).toContain('Choose how much this matters.');
    expect(serverChecked).toContain('Use 10 letters or fewer.');
    expect(serverChecked).toContain('value="Far too many letters"');
    expect(serverChecked).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(serverChecked).toBe(conform);
  });

  it("shows a list's own error where the list starts", () => {
    const reply = replyTo([
      ['ratings.r1', '1'],
      ...[0, 1, 2, 3].flatMap((i): Array<[string, string]> => [
        [`ownConcerns[${i}].id`, `c${i}`],
        [`ownConcerns[${i}].text`, 'ok'],
      ]),
    ]);
    const { conform, serverChecked } = bothWays({ id: 'step', lastResult: reply });
    expect(serverChecked).toContain('Three at most.');
    expect(serverChecked).toBe(conform);
  });

  it("shows the form's own error where the form starts", () => {
    const { conform, serverChecked } = bothWays({
      id: 'step',
      lastResult: refusedReply('This form has more fields than it can hold.'),
      defaultValue: { ratings: { r1: '1' }, ownConcerns: [] },
    });
    expect(serverChecked).toContain('aria-describedby="step-error"');
    expect(serverChecked).toBe(conform);
  });

  it('shows the box that "add another" added, and what was typed before it', () => {
    const reply = replyTo([
      ['ratings.r1', '2'],
      ['ownConcerns[0].id', 'c0'],
      ['ownConcerns[0].text', 'Walking'],
      ['note', 'Hi'],
      ['__intent__', JSON.stringify({ type: 'insert', payload: { name: 'ownConcerns' } })],
    ]);
    expect(reply.initialValue?.['ownConcerns']).toHaveLength(2);
    const { conform, serverChecked } = bothWays({ id: 'step', lastResult: reply });
    expect(serverChecked).toContain('Concern 2');
    expect(serverChecked).toBe(conform);
  });
});
