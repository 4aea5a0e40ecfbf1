import { describe, expect, it } from 'vitest';
import { admitFormData } from '../../web/lib/form-data.server';
import { fieldNameOf } from '../../web/lib/form-names';
import { parseForm } from '../../web/lib/forms.server';
import { stepForm, stepFormLimits } from '../../web/lib/patient-forms.server';
import { fieldErrorsOf } from '../../web/lib/problems';

const formOf = (entries: Array<[string, string | Blob]>) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};

describe('field names from JSON pointers', () => {
  it('tells list indices from keys by the data they point into', () => {
    const value = { rows: [{ cells: { '1': { text: '' } } }], ratings: { '7': 2 } };
    expect(fieldNameOf('/rows/0/cells/1/text', value)).toBe('rows[0].cells.1.text');
    expect(fieldNameOf('/ratings/7', value)).toBe('ratings.7');
    expect(fieldNameOf('/openQuestions/2', { openQuestions: ['a', 'b', 'c'] })).toBe(
      'openQuestions[2]',
    );
    expect(fieldNameOf('/choice/nextStepBy', {})).toBe('choice.nextStepBy');
    expect(fieldNameOf('', {})).toBe('');
  });

  it("maps the API's field errors onto the form's fields, under a prefix", () => {
    const problem = {
      errors: [
        { pointer: '/answers/leaning', detail: 'Choose one of the options, or "not sure yet"' },
        { pointer: '/answers/marks/0', detail: 'This question is not in the guide' },
        { pointer: '/revision', detail: 'Elsewhere' },
      ],
    };
    expect(fieldErrorsOf(problem, { leaning: 'x', marks: ['y'] }, '/answers')).toEqual({
      leaning: ['Choose one of the options, or "not sure yet"'],
      'marks[0]': ['This question is not in the guide'],
    });
  });
});

describe('a posted form, before it is read', () => {
  const limits = {
    maxFields: 10,
    maxIndex: 5,
    valuesOf: (name: string) => (name === 'marks' ? 3 : 1),
  };

  it('is refused when it has more fields than it can hold', () => {
    expect(admitFormData(formOf(Array.from({ length: 11 }, () => ['a', 'b'])), limits)).toBeNull();
  });

  it('keeps what a form sends and leaves out the rest', () => {
    const admitted = admitFormData(
      formOf([
        ['title', 'first'],
        ['title', 'second'],
        ['marks', 'a'],
        ['marks', 'b'],
        ['marks', 'c'],
        ['marks', 'd'],
        ['items[4].name', 'near'],
        ['items[5].name', 'far'],
        ['file', new Blob(['x'])],
        ['__state__', '{'],
      ]),
      limits,
    );
    expect([...admitted!.entries()]).toEqual([
      ['title', 'first'],
      ['marks', 'a'],
      ['marks', 'b'],
      ['marks', 'c'],
      ['items[4].name', 'near'],
    ]);
  });
});

describe("the patient's step forms", () => {
  const parse = (step: Parameters<typeof stepForm>[0], entries: Array<[string, string]>) => {
    const admitted = admitFormData(formOf(entries), stepFormLimits(step));
    if (!admitted) return null;
    return parseForm(
      admitted,
      stepForm(step, () => 'new-id'),
    );
  };

  it('reads ratings and own concerns; an empty box is not a concern', () => {
    const parsed = parse('values', [
      ['ratings.pain', '4'],
      ['ratings.recovery', ''],
      ['ownConcerns[0].id', 'c1'],
      ['ownConcerns[0].text', 'My grandchildren'],
      ['ownConcerns[0].rating', '3'],
      ['ownConcerns[1].id', 'c2'],
      ['ownConcerns[1].text', '  '],
      ['ownConcerns[2].text', 'Walking the dog'],
    ]);
    expect(parsed?.ok && parsed.value).toEqual({
      ratings: { pain: 4 },
      ownConcerns: [
        { id: 'c1', text: 'My grandchildren', rating: 3 },
        { id: 'new-id', text: 'Walking the dog' },
      ],
    });
  });

  it('refuses a tampered rating at its field, with what was sent', () => {
    const parsed = parse('values', [['ratings.pain', '7']]);
    expect(parsed?.ok).toBe(false);
    const reply = parsed!.submission.reply();
    expect(reply.error).toEqual({ 'ratings.pain': ['Choose one of the answers'] });
    expect(reply.initialValue).toEqual({ ratings: { pain: '7' } });
  });

  it('reads yes and no, and refuses anything else at the question', () => {
    const parsed = parse('sure', [
      ['sure.sure', 'no'],
      ['sure.understand', 'yes'],
      ['worries', ''],
      ['understanding.better.a', '30'],
      ['understanding.rash.a', ''],
    ]);
    expect(parsed?.ok && parsed.value).toEqual({
      sure: { sure: false, understand: true },
      worries: '',
      // An unanswered question of the check of understanding is left out.
      understanding: { better: { a: '30' }, rash: {} },
    });
    const tampered = parse('sure', [['sure.sure', 'perhaps']]);
    expect(tampered?.ok).toBe(false);
    expect(Object.keys(tampered!.submission.reply().error ?? {})).toEqual(['sure.sure']);
  });

  it('refuses a form with more fields than the step can hold, unread', () => {
    const entries = Array.from({ length: 60 }, (_, i): [string, string] => [`ratings.r${i}`, '1']);
    expect(parse('values', entries)).toBeNull();
    expect(parse('questions', [...entries.slice(0, 9)])).toBeNull();
  });
});
