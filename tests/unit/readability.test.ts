import { describe, expect, it } from 'vitest';
import { measureAid, measureText, nothingToGrade, spokenNumeral } from '#shared/checks/readability';
import { bareAid } from '#tests/support/aids';

describe('measureText', () => {
  it('computes Flesch–Kincaid and SMOG from the counts', () => {
    // You(1) may(1) need(1) surgery(3). Recovery(4) takes(1) about(2) 12(1) weeks(1).
    // 9 words, 2 sentences, 15 syllables, 2 words of 3+ syllables.
    // FK   = 0.39 × 9/2 + 11.8 × 15/9 − 15.59 = 1.755 + 19.667 − 15.59 = 5.83 → 5.8
    // SMOG = 1.0430 × √(2 × 30 / 2) + 3.1291 = 1.0430 × 5.477 + 3.1291 = 8.84 → 8.8
    expect(measureText('You may need surgery. Recovery takes about 12 weeks.')).toEqual({
      words: 9,
      sentences: 2,
      syllables: 15,
      polysyllables: 2,
      fleschKincaidGrade: 5.8,
      smogGrade: 8.8,
      // Two sentences are too few for SMOG to gate on.
      grade: 5.8,
    });
  });

  it('clamps a negative Flesch–Kincaid grade at 0, and SMOG with no long words is 3.1', () => {
    // 6 words, 1 sentence, 6 syllables: FK = 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45 → 0.
    // SMOG = 1.0430 × √0 + 3.1291 = 3.1.
    expect(measureText('The cat sat on the mat.')).toMatchObject({
      words: 6,
      sentences: 1,
      syllables: 6,
      polysyllables: 0,
      fleschKincaidGrade: 0,
      smogGrade: 3.1,
      grade: 0,
    });
  });

  it('counts syllables of known words, numerals as one', () => {
    expect(measureText('knee').syllables).toBe(1);
    expect(measureText('people').syllables).toBe(2);
    expect(measureText('infection').syllables).toBe(3);
    expect(measureText('recovery').syllables).toBe(4);
    expect(measureText('operation').syllables).toBe(4);
    expect(measureText('12').syllables).toBe(1);
    expect(measureText('recovery').polysyllables).toBe(1);
    expect(measureText('people').polysyllables).toBe(0);
  });

  it('treats empty and blank text as nothing to grade', () => {
    expect(measureText('')).toEqual(nothingToGrade);
    expect(measureText('   \n\t ')).toEqual(nothingToGrade);
    expect(measureText(' - ')).toEqual(nothingToGrade);
  });

  describe('splitting words and sentences in plain-language cells', () => {
    const counts = (text: string) => {
      const { words, sentences } = measureText(text);
      return { words, sentences };
    };

    it('counts numbers as words', () => {
      expect(counts('12 in 100 people')).toEqual({ words: 4, sentences: 1 });
    });

    it('does not end a sentence at a decimal point', () => {
      expect(counts('Take 2.5 tablets a day. Rest.')).toEqual({ words: 6, sentences: 2 });
    });

    it('does not end a sentence after "e.g." or "Dr."', () => {
      expect(counts('Eat soft food, e.g. soup. Ask Dr. Patel about pain.')).toEqual({
        words: 10,
        sentences: 2,
      });
    });

    it('counts text without closing punctuation as one sentence', () => {
      expect(counts('Most people go home in 3 days')).toEqual({ words: 7, sentences: 1 });
      expect(counts('Why wait? Surgery can help')).toEqual({ words: 5, sentences: 2 });
    });

    it('ends a sentence at each bullet-like line', () => {
      expect(counts('Pain for 2 weeks\nSwelling for 6 weeks')).toEqual({ words: 8, sentences: 2 });
      expect(counts('• Pain\n• Swelling\n• Stiffness')).toEqual({ words: 3, sentences: 3 });
      expect(counts('- pain\n- swelling')).toEqual({ words: 2, sentences: 2 });
    });

    it('keeps a sentence whole when the next line carries on in lower case', () => {
      expect(counts('You may need\nto stay in hospital.')).toEqual({ words: 7, sentences: 1 });
    });

    it('counts a hyphenated word as one word', () => {
      // well(1) + being(2) = 3 syllables, so it is also one long word for SMOG.
      expect(measureText('well-being')).toMatchObject({ words: 1, syllables: 3, polysyllables: 1 });
      expect(counts('A follow-up visit after 6 weeks.')).toEqual({ words: 6, sentences: 1 });
    });
  });

  it('grades a clearly simple text at 6 or lower', () => {
    const simple = measureText(
      'Most people go home in 3 days. You will walk with a stick for 6 weeks. It may hurt at first.',
    );
    expect(simple.grade).not.toBeNull();
    expect(simple.grade!).toBeLessThanOrEqual(6);
  });

  it('grades a clearly complex medical text above 12, on both scales', () => {
    const complex = measureText(
      'Patients undergoing total knee arthroplasty frequently experience postoperative complications, ' +
        'including venous thromboembolism and periprosthetic infection necessitating revision procedures.',
    );
    expect(complex.fleschKincaidGrade!).toBeGreaterThan(12);
    expect(complex.smogGrade!).toBeGreaterThan(12);
    expect(complex.grade!).toBeGreaterThan(12);
  });

  it('gates on the stricter of the two grades from 10 sentences, and on Flesch–Kincaid below', () => {
    const short = measureText('You may need surgery. Recovery takes about 12 weeks.');
    expect(short.grade).toBe(short.fleschKincaidGrade);
    // Ten sentences, each with one long word: SMOG (8.8) is stricter than Flesch–Kincaid.
    const long = measureText(
      Array.from({ length: 10 }, () => 'You may need an operation soon.').join(' '),
    );
    expect(long.sentences).toBe(10);
    expect(long.smogGrade!).toBeGreaterThan(long.fleschKincaidGrade!);
    expect(long.grade).toBe(long.smogGrade);
  });
});

describe('measureAid', () => {
  const complexCell =
    'Periprosthetic infection necessitating revision arthroplasty occurs infrequently among elderly patients with comorbidities.';
  const simpleCell = 'About 12 weeks, and you can walk with a stick after 2 weeks.';

  // Every text is one sentence, so the whole aid has as many sentences as texts.
  const aid = bareAid({
    title: 'Knee pain',
    condition: 'Your knee hurts and is stiff',
    question: 'Should I have a new knee?',
    options: [
      { id: 'surgery', name: 'Knee replacement', description: 'A new knee joint.' },
      { id: 'exercise', name: '', description: 'Exercises at home.' },
    ],
    rows: [
      {
        id: 'recovery',
        question: 'How long is recovery?',
        label: 'Recovery time',
        kind: 'practical',
        cells: {
          surgery: { text: simpleCell },
          exercise: { text: '   ' },
        },
      },
      {
        id: 'infection',
        question: '',
        label: 'Infection',
        kind: 'harm',
        cells: { surgery: { text: complexCell }, exercise: { text: 'None.' } },
      },
    ],
  });

  it('lists every patient-facing text that is not blank, in reading order, with pointer and label', () => {
    const { texts } = measureAid(aid);
    expect(texts.map(({ pointer, label }) => [pointer, label])).toEqual([
      ['/title', 'Title'],
      ['/condition', 'Condition'],
      ['/question', 'Decision question'],
      ['/options/0/name', 'Option 1: name'],
      ['/options/0/description', 'Option 1 “Knee replacement”: description'],
      ['/options/1/description', 'Option 2: description'],
      ['/rows/0/question', 'Question 1 “How long is recovery?”'],
      ['/rows/0/label', 'Question 1 “How long is recovery?”: consideration'],
      ['/rows/0/cells/surgery/text', '“How long is recovery?” for “Knee replacement”'],
      ['/rows/1/label', 'Question 2: consideration'],
      ['/rows/1/cells/surgery/text', 'Question 2 for “Knee replacement”'],
      ['/rows/1/cells/exercise/text', 'Question 2 for Option 2'],
    ]);
    const cell = texts.find((text) => text.pointer === '/rows/0/cells/surgery/text');
    expect(cell).toEqual({
      pointer: '/rows/0/cells/surgery/text',
      label: '“How long is recovery?” for “Knee replacement”',
      ...measureText(simpleCell),
    });
  });

  it('grades texts of 10 words or more, and lists those above grade 8', () => {
    const { texts, aboveTarget, target } = measureAid(aid);
    expect(target).toBe(8);
    expect(aboveTarget.map((text) => text.label)).toEqual(['Question 2 for “Knee replacement”']);
    expect(aboveTarget[0]!.grade!).toBeGreaterThan(12);
    const graded = texts.filter((text) => text.grade !== null);
    expect(graded.map((text) => text.label)).toEqual([
      '“How long is recovery?” for “Knee replacement”',
      'Question 2 for “Knee replacement”',
    ]);
    expect(graded[0]!.grade!).toBeLessThanOrEqual(8);
  });

  it('counts but does not grade names, labels and other texts under 10 words', () => {
    // "Infection" alone would be grade 20.2 by Flesch–Kincaid: meaningless for a label.
    const label = measureAid(aid).texts.find((text) => text.pointer === '/rows/1/label');
    expect(label).toMatchObject({
      words: 1,
      syllables: 3,
      fleschKincaidGrade: null,
      smogGrade: null,
      grade: null,
    });
  });

  it('measures the whole aid on what patients read as sentences, each text its own sentence', () => {
    const { texts, overall } = measureAid(aid);
    // Names and labels ("Knee pain", "Recovery time", "Infection") would dilute the grade.
    const labels = new Set(['/title', '/options/0/name', '/rows/0/label', '/rows/1/label']);
    const prose = texts.filter((text) => !labels.has(text.pointer));
    const sum = (pick: (t: (typeof texts)[number]) => number) =>
      prose.reduce((total, text) => total + pick(text), 0);
    expect(overall.sentences).toBe(prose.length);
    expect(overall.words).toBe(sum((t) => t.words));
    expect(overall.syllables).toBe(sum((t) => t.syllables));
    expect(overall.polysyllables).toBe(sum((t) => t.polysyllables));
    // The same texts written out as sentences give the same grades.
    expect(overall).toEqual(
      measureText(
        'Your knee hurts and is stiff. Should I have a new knee? ' +
          'A new knee joint. Exercises at home. How long is recovery? ' +
          `${simpleCell} ${complexCell} None.`,
      ),
    );
  });
});

describe('reading level: what the formulas cannot see', () => {
  const aidIn = (language: string, cells: Record<string, string>) =>
    bareAid({
      title: 'Hip replacement',
      condition: 'Your hip is worn and painful.',
      question: 'Should I have a new hip?',
      language,
      options: [
        { id: 'surgery', name: 'New hip', description: '' },
        { id: 'wait', name: 'Wait', description: '', isNoAction: true },
      ],
      rows: [
        {
          id: 'harm',
          question: 'What can go wrong?',
          label: 'Problems',
          kind: 'harm',
          cells: Object.fromEntries(Object.entries(cells).map(([id, text]) => [id, { text }])),
        },
        { id: 'other', question: 'How long is recovery?', label: 'Recovery', kind: 'practical' },
      ],
      funding: 'A made-up trust pays for this guide and its updates every year.',
    });

  it('flags technical words in short cells, with a plainer way to say them', () => {
    const { hardWords, texts } = measureAid(
      aidIn('en', {
        surgery: 'Periprosthetic infection.',
        wait: 'Thromboembolism or haemorrhage.',
      }),
    );
    // Too short for a formula: no grade, so only the word check can catch them.
    expect(texts.find((t) => t.pointer === '/rows/0/cells/wait/text')?.grade).toBeNull();
    expect(hardWords.map(({ pointer, word, plainer }) => [pointer, word, plainer])).toEqual([
      ['/rows/0/cells/surgery/text', 'Periprosthetic', 'around the new joint'],
      ['/rows/0/cells/wait/text', 'Thromboembolism', 'a blood clot that travels'],
      ['/rows/0/cells/wait/text', 'haemorrhage', 'heavy bleeding'],
    ]);
  });

  it('flags long words the list does not know, with no alternative offered', () => {
    const { hardWords } = measureAid(aidIn('en', { surgery: 'Osseointegration takes time.' }));
    expect(hardWords).toMatchObject([{ word: 'Osseointegration', plainer: null }]);
  });

  it('measures the funding, conflicts and update policy too', () => {
    const pointers = measureAid(aidIn('en', { surgery: 'Pain.' })).texts.map((t) => t.pointer);
    expect(pointers).toContain('/funding');
  });

  it('counts numerals as spoken for SMOG: "17%" is "seventeen percent"', () => {
    expect(measureText('About 17% of people.').polysyllables).toBe(1);
    expect(measureText('About 4% of people.').polysyllables).toBe(0);
    expect(spokenNumeral('4%')).toEqual(['four', 'percent']);
    expect(spokenNumeral('1,250')).toEqual(['one', 'thousand', 'two', 'hundred', 'fifty']);
    expect(spokenNumeral('0.04')).toEqual(['zero', 'point', 'zero', 'four']);
  });

  it('reads a list of lines in lower case as a list, not one long sentence', () => {
    expect(measureText('Side effects:\nheadache\nfeeling sick\nmuscle pain')).toMatchObject({
      sentences: 4,
    });
    expect(measureText('You may have\nheadache\nfeeling sick\nmuscle pain')).toMatchObject({
      sentences: 4,
    });
    expect(measureText('You may need\nto stay in hospital.')).toMatchObject({ sentences: 1 });
  });

  it('says the reading level is measured for English only, and grades nothing else', () => {
    const spanish = measureAid(aidIn('es', { surgery: 'Infección periprotésica.' }));
    expect(spanish).toMatchObject({ measured: false, texts: [], hardWords: [], aboveTarget: [] });
    expect(spanish.overall.grade).toBeNull();
    expect(measureAid(aidIn('en-GB', { surgery: 'Pain.' })).measured).toBe(true);
  });
});
