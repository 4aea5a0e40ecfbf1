import { describe, expect, it } from 'vitest';
import { AidContent, type AidContentInput, type AidRow } from '#shared/aid/schema';
import { checkIpdas, publishBlockers } from '#shared/checks/ipdas';
import type { CriterionResult } from '#shared/checks/results';

/** A made-up decision: three ways to treat a stiff wrist, complete enough to publish. */
function stiffWristAid(): AidContent {
  const number = (numerator: number, low: number, high: number) => ({
    outcome: 'get full movement back',
    numerator,
    denominator: 100,
    timeFrame: { value: 1, unit: 'years' as const },
    referenceClass: 'adults with a stiff wrist',
    range: { low, high },
  });
  const input: AidContentInput = {
    title: 'Treating a stiff wrist',
    condition: 'A stiff wrist is a wrist that will not bend fully after a minor injury.',
    question: 'How should I treat my stiff wrist?',
    audience: 'Adults with a stiff wrist for more than 6 weeks',
    language: 'en',
    options: [
      { id: 'splint', name: 'Splint', description: 'Wear a soft splint at night for 8 weeks.' },
      {
        id: 'exercises',
        name: 'Exercises',
        description: 'Do stretching exercises at home, 10 minutes a day.',
      },
      {
        id: 'wait',
        name: 'Wait and see',
        description: 'Carry on as usual and review in 3 months.',
        isNoAction: true,
      },
    ],
    rows: [
      {
        id: 'movement',
        question: 'How many people get full movement back?',
        label: 'Getting full movement back',
        kind: 'benefit',
        cells: {
          splint: {
            text: 'About 55 in 100 get full movement back.',
            numbers: [number(55, 45, 65)],
            certainty: 'moderate',
            sourceIds: ['trial'],
          },
          exercises: {
            text: 'About 60 in 100 get full movement back.',
            numbers: [number(60, 50, 70)],
            certainty: 'moderate',
            sourceIds: ['trial'],
          },
          wait: {
            text: 'About 40 in 100 get full movement back.',
            numbers: [number(40, 30, 50)],
            certainty: 'low',
            sourceIds: ['cohort'],
          },
        },
      },
      {
        id: 'problems',
        question: 'What can go wrong?',
        label: 'Avoiding problems',
        kind: 'harm',
        cells: {
          splint: {
            text: 'About 10 in 100 get sore skin.',
            numbers: [number(10, 5, 15)],
            certainty: 'moderate',
            sourceIds: ['trial'],
          },
          exercises: {
            text: 'About 5 in 100 have more pain for a week.',
            numbers: [number(5, 2, 9)],
            certainty: 'low',
            sourceIds: ['trial'],
          },
          wait: {
            text: 'About 15 in 100 need a procedure later.',
            numbers: [number(15, 10, 20)],
            certainty: 'low',
            sourceIds: ['cohort'],
          },
        },
      },
      {
        id: 'time',
        question: 'How much time does it take?',
        label: 'Saving time',
        kind: 'practical',
        cells: {
          splint: { text: 'A minute each night.', certainty: 'high' },
          exercises: { text: 'Ten minutes each day.', certainty: 'high' },
          wait: { text: 'No time at all.', certainty: 'high' },
        },
      },
      {
        id: 'daily-life',
        question: 'How will my wrist feel day to day?',
        label: 'Feeling comfortable',
        kind: 'physical',
        cells: {
          splint: { text: 'Stiff in the morning at first.', certainty: 'low' },
          exercises: { text: 'A little sore after exercising.', certainty: 'low' },
          wait: { text: 'Much the same as now.', certainty: 'low' },
        },
      },
    ],
    sources: [
      { id: 'trial', citation: 'Made-up Trial Group. Splints for stiff wrists. 2023.' },
      { id: 'cohort', citation: 'Made-up Cohort Study. Stiff wrists over time. 2022.' },
    ],
    authors: [{ name: 'Dr Ada Lane', credentials: 'MD, hand surgeon' }],
    funding: 'The Made-up Health Trust.',
    conflictsOfInterest: 'None',
    evidenceMethods: 'We searched two databases for trials of stiff wrist treatments.',
    evidenceReviewedOn: '2025-01-15',
    reviewBy: '2027-01-15',
    updatePolicy:
      'We check for new trials every year and update the aid when they change a number.',
    attestations: {
      patientNeeds: { done: true, detail: '8 adults with a stiff wrist were interviewed in 2024.' },
      clinicianNeeds: { done: true, detail: '3 hand therapists said what they needed.' },
      reviewedByPatients: { done: true, detail: '4 patients from a clinic panel read a draft.' },
      reviewedByExperts: {
        done: true,
        detail: 'Two hand therapists from another clinic checked it.',
      },
      fieldTestedWithPatients: { done: true, detail: '15 patients used it before a visit.' },
      fieldTestedWithClinicians: { done: true, detail: '2 clinicians used it for a month.' },
    },
  };
  return AidContent.parse(input);
}

/** A made-up screening test: have it or not, with the rows IPDAS asks of test aids. */
function screeningAid(): AidContent {
  const answered = (scan: string, noScan: string) => ({
    scan: { text: scan, certainty: 'moderate' as const },
    'no-scan': { text: noScan, certainty: 'moderate' as const },
  });
  const input: AidContentInput = {
    title: 'A wrist bone scan',
    condition: 'Thin wrist bones can break more easily after a fall.',
    question: 'Should I have a wrist bone scan?',
    audience: 'Adults over 60',
    language: 'en',
    aboutTest: true,
    options: [
      { id: 'scan', name: 'Have the scan', description: 'A 10-minute scan of the wrist.' },
      {
        id: 'no-scan',
        name: 'No scan',
        description: 'Do not have the scan for now.',
        isNoAction: true,
      },
    ],
    rows: [
      {
        id: 'breaks',
        question: 'Will it prevent a broken wrist?',
        label: 'Avoiding a break',
        kind: 'benefit',
        cells: answered('It may help a little.', 'Nothing changes.'),
      },
      {
        id: 'worry',
        question: 'Could it cause harm?',
        label: 'Avoiding harm',
        kind: 'harm',
        cells: answered('Waiting for results can worry people.', 'You may miss thin bones.'),
      },
      {
        id: 'feel',
        question: 'How will I feel?',
        label: 'Peace of mind',
        kind: 'psychological',
        cells: answered('Reassured if it is normal.', 'Unsure about your bones.'),
      },
      {
        id: 'measures',
        question: 'What does the scan measure?',
        label: 'Knowing what it finds',
        kind: 'practical',
        topic: 'what-it-measures',
        cells: answered('How thick your wrist bones are.', 'Nothing is measured.'),
      },
      {
        id: 'positive',
        question: 'What if it finds thin bones?',
        label: 'Next steps',
        kind: 'practical',
        topic: 'if-positive',
        cells: answered('You may be offered tablets.', 'Not relevant.'),
      },
      {
        id: 'negative',
        question: 'What if the bones look normal?',
        label: 'Next steps',
        kind: 'practical',
        topic: 'if-negative',
        cells: answered('No treatment is needed.', 'Not relevant.'),
      },
      {
        id: 'overdetection',
        question: 'Could it find something that never causes harm?',
        label: 'Avoiding needless treatment',
        kind: 'harm',
        topic: 'overdetection',
        cells: answered('Some people are treated who never would break a bone.', 'No.'),
      },
      {
        id: 'false-positives',
        question: 'Could it say my bones are thin when they are not?',
        label: 'Avoiding false alarms',
        kind: 'harm',
        topic: 'false-positives',
        cells: answered('Yes, sometimes.', 'No.'),
      },
      {
        id: 'false-negatives',
        question: 'Could it miss thin bones?',
        label: 'Avoiding false reassurance',
        kind: 'harm',
        topic: 'false-negatives',
        cells: answered('Yes, sometimes.', 'Thin bones stay unknown.'),
      },
    ],
    sources: [{ id: 'review', citation: 'Made-up Review. Bone scans in adults. 2024.' }],
    authors: [{ name: 'Dr Ben Ode', credentials: 'MD, GP' }],
    funding: 'The Made-up Health Trust.',
    conflictsOfInterest: 'None',
    evidenceMethods: 'We used one made-up review.',
    evidenceReviewedOn: '2025-03-01',
    reviewBy: '2026-03-01',
    updatePolicy: 'Reviewed every year.',
  };
  return AidContent.parse(input);
}

function changed(base: AidContent, change: (aid: AidContent) => void): AidContent {
  const aid = structuredClone(base);
  change(aid);
  return aid;
}

/** The checks that depend on the date run as on this day, so the tests never age. */
const TODAY = '2025-06-01';

function criterion(aid: AidContent, id: string): CriterionResult {
  const found = checkIpdas(aid, { today: TODAY }).find((result) => result.id === id);
  if (!found) throw new Error(`No result for ${id}`);
  return found;
}

function rowById(aid: AidContent, rowId: string): AidRow {
  const row = aid.rows.find((candidate) => candidate.id === rowId);
  if (!row) throw new Error(`No row ${rowId}`);
  return row;
}

function cellAt(aid: AidContent, rowId: string, optionId: string) {
  const cell = rowById(aid, rowId).cells[optionId];
  if (!cell) throw new Error(`No cell ${rowId}/${optionId}`);
  return cell;
}

function withoutNumbers(aid: AidContent): AidContent {
  return changed(aid, (draft) => {
    for (const row of draft.rows) for (const cell of Object.values(row.cells)) cell.numbers = [];
  });
}

const ids = (results: readonly CriterionResult[]) => results.map((result) => result.id);

describe('the complete example aid', () => {
  it('meets every criterion, leaving only the test criteria as not applicable', () => {
    const results = checkIpdas(stiffWristAid(), { today: TODAY });
    const notMet = results.filter((result) => result.status !== 'met');
    expect(notMet.map((result) => [result.id, result.status])).toEqual([
      ['C7', 'not-applicable'],
      ['C8', 'not-applicable'],
      ['C9', 'not-applicable'],
      ['C10', 'not-applicable'],
      ['B24-B28', 'not-applicable'],
    ]);
    expect(results.every((result) => result.pointer === undefined)).toBe(true);
    expect(publishBlockers(results)).toEqual([]);
  });

  it('lists the criteria in a stable order: qualifying, certification, then quality by number', () => {
    expect(ids(checkIpdas(stiffWristAid(), { today: TODAY }))).toEqual([
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      'Q5',
      'Q4-substance',
      'Q5-substance',
      'Q6',
      'Q3-no-action',
      'C1',
      'C1-neutral',
      'C2',
      'C3',
      'C4',
      'C3-C4-dates',
      'C4-due',
      'C5',
      'C5-outcome',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
      'B1',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B12',
      'B13',
      'B14',
      'B15',
      'B16',
      'B17',
      'B18',
      'B19',
      'B20',
      'B21',
      'B24-B28',
    ]);
  });

  it('gives every criterion a title and a one-line explanation when met', () => {
    for (const result of checkIpdas(stiffWristAid(), { today: TODAY })) {
      expect(result.title).not.toBe('');
      expect(result.explanation).not.toBe('');
    }
  });

  it('marks the qualifying criteria, the neutral wording and C2 to C6 as required, the rest as advice', () => {
    const required = checkIpdas(screeningAid(), { today: TODAY }).filter(
      (result) => result.requiredToPublish,
    );
    expect(ids(required)).toEqual([
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      'Q5',
      'Q6',
      'C1-neutral',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
    ]);
  });
});

describe('publishBlockers', () => {
  it('returns exactly the required criteria that are missing', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      draft.condition = '   ';
      draft.funding = '';
      draft.evidenceMethods = '';
      draft.options.forEach((option) => (option.isNoAction = false));
    });
    const results = checkIpdas(aid, { today: TODAY });
    expect(ids(publishBlockers(results))).toEqual(['Q1', 'C6']);
    expect(ids(results.filter((result) => result.status === 'missing'))).toEqual([
      'Q1',
      'Q3-no-action',
      'C6',
      'B1',
      'B18',
    ]);
  });

  it('blocks a test aid without its test rows by C7 to C10, but not a treatment aid', () => {
    const dropTopics = (draft: AidContent) => {
      draft.rows = draft.rows.filter((row) => row.topic === undefined);
    };
    expect(
      ids(publishBlockers(checkIpdas(changed(screeningAid(), dropTopics), { today: TODAY }))),
    ).toEqual(['C7', 'C8', 'C9', 'C10']);
    const treatmentAid = changed(screeningAid(), (draft) => {
      dropTopics(draft);
      draft.aboutTest = false;
    });
    expect(publishBlockers(checkIpdas(treatmentAid, { today: TODAY }))).toEqual([]);
  });

  it('lets a complete test aid publish', () => {
    expect(publishBlockers(checkIpdas(screeningAid(), { today: TODAY }))).toEqual([]);
  });
});

describe('qualifying criteria', () => {
  it('Q1 is met by a described condition and missing when it is only spaces', () => {
    expect(criterion(stiffWristAid(), 'Q1').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (draft.condition = ' \n ')),
      'Q1',
    );
    expect(missing).toMatchObject({
      status: 'missing',
      requiredToPublish: true,
      level: 'qualifying',
    });
    expect(missing.pointer).toBe('/condition');
  });

  it('Q2 is met by a decision question and missing without one', () => {
    expect(criterion(stiffWristAid(), 'Q2').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (draft.question = '')),
      'Q2',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/question' });
  });

  it('Q3 points at the first option without a name, calling it by its position', () => {
    expect(criterion(stiffWristAid(), 'Q3').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        draft.options[1]!.name = ' ';
        draft.options[2]!.description = '';
      }),
      'Q3',
    );
    expect(missing.status).toBe('missing');
    expect(missing.pointer).toBe('/options/1/name');
    expect(missing.explanation).toContain('Option 2 has no name');
    expect(missing.explanation).toContain('Wait and see has no description');
  });

  it('Q3 points at a missing description and names the option', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (draft.options[0]!.description = '')),
      'Q3',
    );
    expect(missing.pointer).toBe('/options/0/description');
    expect(missing.explanation).toContain('Splint');
  });

  it('Q3-no-action is advice: missing without a wait option, yet never blocks publishing', () => {
    expect(criterion(stiffWristAid(), 'Q3-no-action')).toMatchObject({
      status: 'met',
      level: 'quality',
      requiredToPublish: false,
    });
    const aid = changed(stiffWristAid(), (draft) => (draft.options[2]!.isNoAction = false));
    const missing = criterion(aid, 'Q3-no-action');
    expect(missing).toMatchObject({ status: 'missing', pointer: '/options' });
    expect(missing.title).toBe('Includes an option of waiting or taking no action');
    expect(publishBlockers(checkIpdas(aid, { today: TODAY }))).toEqual([]);
  });

  it('Q4 names the option without a benefit and points at its benefit cell', () => {
    expect(criterion(stiffWristAid(), 'Q4').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (cellAt(draft, 'movement', 'exercises').text = '')),
      'Q4',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Exercises has no benefits');
    expect(missing.explanation).not.toContain('Splint');
    expect(missing.pointer).toBe('/rows/0/cells/exercises/text');
  });

  it('Q4 points at the rows when no question is about benefits', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (rowById(draft, 'movement').kind = 'practical')),
      'Q4',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/rows' });
    expect(missing.explanation).toContain('No question is about benefits');
  });

  it('Q4 counts a cell that is missing from the row as unanswered', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => delete rowById(draft, 'movement').cells['wait']),
      'Q4',
    );
    expect(missing.explanation).toContain('Wait and see');
    expect(missing.pointer).toBe('/rows/0/cells/wait/text');
  });

  it('Q5 names every option without a harm', () => {
    expect(criterion(stiffWristAid(), 'Q5').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        cellAt(draft, 'problems', 'splint').text = ' ';
        cellAt(draft, 'problems', 'wait').text = '';
      }),
      'Q5',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Splint and Wait and see have no harms');
    expect(missing.pointer).toBe('/rows/1/cells/splint/text');
  });

  it('Q5 points at the rows when no question is about harms', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (rowById(draft, 'problems').kind = 'social')),
      'Q5',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/rows' });
  });

  it('Q6 is missing without a physical, psychological or social question', () => {
    expect(criterion(stiffWristAid(), 'Q6').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (rowById(draft, 'daily-life').kind = 'practical')),
      'Q6',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/rows' });
  });

  it('Q6 names the option that does not say what living with it is like', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (cellAt(draft, 'daily-life', 'wait').text = '')),
      'Q6',
    );
    expect(missing.explanation).toContain('Wait and see');
    expect(missing.pointer).toBe('/rows/3/cells/wait/text');
  });

  it('Q6 accepts a social question as well as a physical one', () => {
    const aid = changed(stiffWristAid(), (draft) => (rowById(draft, 'daily-life').kind = 'social'));
    expect(criterion(aid, 'Q6').status).toBe('met');
  });
});

describe('certification criteria', () => {
  it('C1 is met when benefits and harms have similar detail', () => {
    expect(criterion(stiffWristAid(), 'C1')).toMatchObject({
      status: 'met',
      requiredToPublish: false,
    });
  });

  it('C1 names the option whose benefits run far longer than its harms', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      cellAt(draft, 'movement', 'splint').text =
        'About 55 in 100 get full movement back, can grip a cup again, return to sport and sleep better within a year.';
    });
    const missing = criterion(aid, 'C1');
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Splint has 22 words on benefits but 7 on harms');
    expect(missing.pointer).toBe('/rows/1/cells/splint/text');
    expect(publishBlockers(checkIpdas(aid, { today: TODAY }))).toEqual([]);
  });

  it('C1 ignores a difference between two brief answers', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      cellAt(draft, 'problems', 'exercises').text = 'Some pain.';
    });
    expect(criterion(aid, 'C1').status).toBe('met');
  });

  it('C1 is missing when an option gives numbers for benefits but not for harms', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      cellAt(draft, 'problems', 'wait').numbers = [];
    });
    const missing = criterion(aid, 'C1');
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Wait and see gives numbers for its benefits but not');
    expect(missing.pointer).toBe('/rows/1/cells/wait/numbers');
  });

  it('C1 is missing when an option gives numbers for harms but not for benefits', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      cellAt(draft, 'movement', 'exercises').numbers = [];
    });
    const missing = criterion(aid, 'C1');
    expect(missing.explanation).toContain('Exercises gives numbers for its harms but not');
    expect(missing.pointer).toBe('/rows/0/cells/exercises/numbers');
  });

  it('C2 names the option and question whose number cites no source', () => {
    expect(criterion(stiffWristAid(), 'C2').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (cellAt(draft, 'problems', 'exercises').sourceIds = [])),
      'C2',
    );
    expect(missing).toMatchObject({ status: 'missing', requiredToPublish: true });
    expect(missing.explanation).toContain('Exercises on “What can go wrong?” cites no source');
    expect(missing.pointer).toBe('/rows/1/cells/exercises/sourceIds');
  });

  it('C2 is missing when a number cites a source that is not listed', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (cellAt(draft, 'movement', 'wait').sourceIds = ['gone'])),
      'C2',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('not in the list of sources');
    expect(missing.pointer).toBe('/rows/0/cells/wait/sourceIds');
  });

  it('C2 calls a question without wording by its position', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        const row = rowById(draft, 'problems');
        row.question = '';
        row.label = '';
        cellAt(draft, 'problems', 'splint').sourceIds = [];
      }),
      'C2',
    );
    expect(missing.explanation).toContain('Splint on Question 2');
  });

  it('C3 is met by the evidence review date and missing without it', () => {
    expect(criterion(stiffWristAid(), 'C3').explanation).toContain('2025-01-15');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => delete draft.evidenceReviewedOn),
      'C3',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/evidenceReviewedOn' });
  });

  it('C4 points at the review-by date first, then the update policy', () => {
    expect(criterion(stiffWristAid(), 'C4').status).toBe('met');
    const bothMissing = criterion(
      changed(stiffWristAid(), (draft) => {
        delete draft.reviewBy;
        draft.updatePolicy = ' ';
      }),
      'C4',
    );
    expect(bothMissing).toMatchObject({ status: 'missing', pointer: '/reviewBy' });
    const policyMissing = criterion(
      changed(stiffWristAid(), (draft) => (draft.updatePolicy = '')),
      'C4',
    );
    expect(policyMissing).toMatchObject({ status: 'missing', pointer: '/updatePolicy' });
  });

  it('C5 accepts a range or a certainty, and is missing with neither', () => {
    expect(criterion(stiffWristAid(), 'C5').status).toBe('met');
    const rangeOnly = changed(stiffWristAid(), (draft) => {
      delete cellAt(draft, 'movement', 'splint').certainty;
    });
    expect(criterion(rangeOnly, 'C5').status).toBe('met');
    const certaintyOnly = changed(stiffWristAid(), (draft) => {
      delete cellAt(draft, 'movement', 'splint').numbers[0]!.range;
    });
    expect(criterion(certaintyOnly, 'C5').status).toBe('met');
    const missing = criterion(
      changed(certaintyOnly, (draft) => delete cellAt(draft, 'movement', 'splint').certainty),
      'C5',
    );
    expect(missing).toMatchObject({ status: 'missing', requiredToPublish: true });
    expect(missing.explanation).toContain('Splint on “How many people get full movement back?”');
    expect(missing.pointer).toBe('/rows/0/cells/splint/certainty');
  });

  it('C5 is met when there are no numbers to qualify', () => {
    expect(criterion(withoutNumbers(stiffWristAid()), 'C5')).toMatchObject({
      status: 'met',
      explanation: 'There are no numbers to qualify.',
    });
  });

  it('C6 is missing without funding, and says "None" is fine for conflicts', () => {
    expect(criterion(stiffWristAid(), 'C6').status).toBe('met');
    expect(
      criterion(
        changed(stiffWristAid(), (draft) => (draft.funding = '')),
        'C6',
      ),
    ).toMatchObject({ status: 'missing', pointer: '/funding' });
    const noConflicts = criterion(
      changed(stiffWristAid(), (draft) => (draft.conflictsOfInterest = '  ')),
      'C6',
    );
    expect(noConflicts).toMatchObject({ status: 'missing', pointer: '/conflictsOfInterest' });
    expect(noConflicts.explanation).toContain('“None”');
  });

  describe.each([
    { id: 'C7', rowId: 'measures', rowIndex: 3, topicName: 'What it measures' },
    { id: 'C8', rowId: 'positive', rowIndex: 4, topicName: 'If positive' },
    { id: 'C9', rowId: 'negative', rowIndex: 5, topicName: 'If negative' },
    { id: 'C10', rowId: 'overdetection', rowIndex: 6, topicName: 'Overdetection' },
  ])('$id', ({ id, rowId, rowIndex, topicName }) => {
    it('is met and required when a test aid answers it for every option', () => {
      expect(criterion(screeningAid(), id)).toMatchObject({
        status: 'met',
        requiredToPublish: true,
      });
    });

    it('is missing when the test aid has no such question', () => {
      const aid = changed(screeningAid(), (draft) => {
        draft.rows = draft.rows.filter((row) => row.id !== rowId);
      });
      const missing = criterion(aid, id);
      expect(missing).toMatchObject({ status: 'missing', pointer: '/rows' });
      expect(missing.explanation).toContain(topicName);
      expect(ids(publishBlockers(checkIpdas(aid, { today: TODAY })))).toEqual([id]);
    });

    it('is missing when an option is left unanswered, naming it', () => {
      const missing = criterion(
        changed(screeningAid(), (draft) => (cellAt(draft, rowId, 'no-scan').text = '')),
        id,
      );
      expect(missing.status).toBe('missing');
      expect(missing.explanation).toContain('No scan on “');
      expect(missing.pointer).toBe(`/rows/${rowIndex}/cells/no-scan/text`);
    });

    it('does not apply, nor block, when the aid is not about a test', () => {
      expect(criterion(stiffWristAid(), id)).toMatchObject({
        status: 'not-applicable',
        requiredToPublish: false,
      });
    });
  });
});

describe('quality criteria', () => {
  it('B1 is met when the wait option says what happens', () => {
    expect(criterion(stiffWristAid(), 'B1')).toMatchObject({
      status: 'met',
      requiredToPublish: false,
    });
    expect(criterion(stiffWristAid(), 'B1').explanation).toContain('Wait and see');
  });

  it('B1 is missing without an option of taking no action', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => (draft.options[2]!.isNoAction = false)),
      'B1',
    );
    expect(missing).toMatchObject({ status: 'missing', pointer: '/options' });
  });

  it('B1 is missing when the wait option has no answers, pointing at its first cell', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        for (const row of draft.rows) row.cells['wait']!.text = '';
      }),
      'B1',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Wait and see has no answers');
    expect(missing.pointer).toBe('/rows/0/cells/wait/text');
  });

  it('B3 is met by numbers and missing without any', () => {
    expect(criterion(stiffWristAid(), 'B3').explanation).toContain('6 answers');
    const missing = criterion(withoutNumbers(stiffWristAid()), 'B3');
    expect(missing).toMatchObject({
      status: 'missing',
      requiredToPublish: false,
      pointer: '/rows/0/cells/splint/numbers',
    });
  });

  it('B4 is missing when a number does not say who it is about', () => {
    expect(criterion(stiffWristAid(), 'B4').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        cellAt(draft, 'problems', 'wait').numbers[0]!.referenceClass = ' ';
      }),
      'B4',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Wait and see on “What can go wrong?”');
    expect(missing.pointer).toBe('/rows/1/cells/wait/numbers/0/referenceClass');
    expect(criterion(withoutNumbers(stiffWristAid()), 'B4').status).toBe('not-applicable');
  });

  it('B5 is met whenever there are numbers, as they are stored as x in N', () => {
    expect(criterion(stiffWristAid(), 'B5').status).toBe('met');
    expect(criterion(withoutNumbers(stiffWristAid()), 'B5').status).toBe('not-applicable');
  });

  it('B6 treats 12 months and 1 year as the same time period', () => {
    expect(criterion(stiffWristAid(), 'B6').status).toBe('met');
    const aid = changed(stiffWristAid(), (draft) => {
      cellAt(draft, 'movement', 'wait').numbers[0]!.timeFrame = { value: 12, unit: 'months' };
    });
    expect(criterion(aid, 'B6').status).toBe('met');
  });

  it('B6 is missing when options on a row cover different time periods', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        cellAt(draft, 'problems', 'exercises').numbers[0]!.timeFrame = { value: 5, unit: 'years' };
      }),
      'B6',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Exercises on “What can go wrong?”');
    expect(missing.explanation).toContain('covers 5 years');
    expect(missing.pointer).toBe('/rows/1/cells/exercises/numbers/0/timeFrame');
  });

  it('B6 is missing when a number has no time period', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        delete cellAt(draft, 'movement', 'wait').numbers[0]!.timeFrame;
      }),
      'B6',
    );
    expect(missing.explanation).toContain('Wait and see');
    expect(missing.pointer).toBe('/rows/0/cells/wait/numbers/0/timeFrame');
    expect(criterion(withoutNumbers(stiffWristAid()), 'B6').status).toBe('not-applicable');
  });

  it('B7 is missing when options on a row use different denominators', () => {
    expect(criterion(stiffWristAid(), 'B7').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        const number = cellAt(draft, 'movement', 'exercises').numbers[0]!;
        number.denominator = 1000;
      }),
      'B7',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Exercises on “How many people get full movement back?”');
    expect(missing.explanation).toContain('1000');
    expect(missing.pointer).toBe('/rows/0/cells/exercises/numbers/0/denominator');
    expect(criterion(withoutNumbers(stiffWristAid()), 'B7').status).toBe('not-applicable');
  });

  it('B7 allows different denominators on different rows', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      for (const cell of Object.values(rowById(draft, 'problems').cells)) {
        cell.numbers[0]!.denominator = 1000;
      }
    });
    expect(criterion(aid, 'B7').status).toBe('met');
  });

  it('B8 is met when numbers are shown, and does not apply without them', () => {
    expect(criterion(stiffWristAid(), 'B8').status).toBe('met');
    expect(criterion(withoutNumbers(stiffWristAid()), 'B8').status).toBe('not-applicable');
  });

  it('B12–B17 are one statement each, given only with how it was done', () => {
    const given = criterion(stiffWristAid(), 'B12');
    expect(given.status).toBe('met');
    expect(given.explanation).toContain('8 adults with a stiff wrist were interviewed');
    expect(given.explanation).toContain('software cannot check it');
    expect(criterion(stiffWristAid(), 'B15').status).toBe('met');
    const notConfirmed = criterion(
      changed(stiffWristAid(), (draft) => {
        draft.attestations.fieldTestedWithPatients.done = false;
      }),
      'B16',
    );
    expect(notConfirmed).toMatchObject({
      status: 'missing',
      pointer: '/attestations/fieldTestedWithPatients',
      requiredToPublish: false,
    });
    const ticked = criterion(
      changed(stiffWristAid(), (draft) => {
        draft.attestations.patientNeeds.detail = ' ';
      }),
      'B12',
    );
    expect(ticked).toMatchObject({
      status: 'missing',
      pointer: '/attestations/patientNeeds/detail',
    });
    expect(ticked.explanation).toContain('does not say how it was done');
  });

  it('B18 is missing when the evidence methods are blank', () => {
    expect(criterion(stiffWristAid(), 'B18').status).toBe('met');
    expect(
      criterion(
        changed(stiffWristAid(), (draft) => (draft.evidenceMethods = ' ')),
        'B18',
      ),
    ).toMatchObject({ status: 'missing', pointer: '/evidenceMethods' });
  });

  it('B19 is missing when a written answer has no certainty', () => {
    expect(criterion(stiffWristAid(), 'B19').status).toBe('met');
    const missing = criterion(
      changed(stiffWristAid(), (draft) => delete cellAt(draft, 'time', 'exercises').certainty),
      'B19',
    );
    expect(missing.status).toBe('missing');
    expect(missing.explanation).toContain('Exercises on “How much time does it take?”');
    expect(missing.pointer).toBe('/rows/2/cells/exercises/certainty');
  });

  it('B19 does not ask for a certainty on an empty answer', () => {
    const aid = changed(stiffWristAid(), (draft) => {
      const cell = cellAt(draft, 'time', 'exercises');
      cell.text = '';
      delete cell.certainty;
    });
    expect(criterion(aid, 'B19').status).toBe('met');
  });

  it('B20 is missing without authors, or with an author lacking credentials', () => {
    expect(criterion(stiffWristAid(), 'B20').status).toBe('met');
    expect(
      criterion(
        changed(stiffWristAid(), (draft) => (draft.authors = [])),
        'B20',
      ),
    ).toMatchObject({ status: 'missing', pointer: '/authors' });
    const noCredentials = criterion(
      changed(stiffWristAid(), (draft) => (draft.authors[0]!.credentials = '')),
      'B20',
    );
    expect(noCredentials.explanation).toContain('Dr Ada Lane has no credentials');
    expect(noCredentials.pointer).toBe('/authors/0/credentials');
    const noName = criterion(
      changed(stiffWristAid(), (draft) => (draft.authors[0]!.name = ' ')),
      'B20',
    );
    expect(noName.pointer).toBe('/authors/0/name');
  });

  it('B21 is met because the editor measures reading level', () => {
    expect(criterion(stiffWristAid(), 'B21')).toMatchObject({
      status: 'met',
      requiredToPublish: false,
    });
  });

  it('B24-B28 is met when a test aid explains false results', () => {
    expect(criterion(screeningAid(), 'B24-B28')).toMatchObject({
      status: 'met',
      title: 'Explains false positive and false negative results',
    });
  });

  it('B24-B28 is missing when a test aid has no false-negative question', () => {
    const aid = changed(screeningAid(), (draft) => {
      draft.rows = draft.rows.filter((row) => row.topic !== 'false-negatives');
    });
    const missing = criterion(aid, 'B24-B28');
    expect(missing).toMatchObject({ status: 'missing', pointer: '/rows' });
    expect(missing.explanation).toContain('False negatives');
    expect(missing.explanation).not.toContain('False positives');
    expect(publishBlockers(checkIpdas(aid, { today: TODAY }))).toEqual([]);
  });

  it('B24-B28 does not apply to an aid that is not about a test', () => {
    expect(criterion(stiffWristAid(), 'B24-B28').status).toBe('not-applicable');
  });
});

describe('long lists of problems', () => {
  it('shows the first three and counts the rest', () => {
    const missing = criterion(
      changed(stiffWristAid(), (draft) => {
        for (const row of draft.rows)
          for (const cell of Object.values(row.cells)) delete cell.certainty;
      }),
      'B19',
    );
    expect(missing.explanation).toContain('There are 9 more like this.');
    expect(missing.pointer).toBe('/rows/0/cells/splint/certainty');
  });
});
