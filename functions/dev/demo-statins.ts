import {
  Attestations,
  type AidContent,
  type Cell,
  type Certainty,
  type Fit,
  type NaturalFrequency,
} from '#shared/aid/schema';

/**
 * The second demonstration aid, built the way a real one is: three options
 * (one of them no statin), six questions across benefits, harms, practical
 * matters and daily life, every number with its outcome, time frame, range
 * and source. The numbers and sources are invented to show how the tool
 * works; the aid is flagged as demonstration content, so every screen says
 * "not for clinical use" and marks each number "illustrative".
 */
const STATIN = 'statin';
const LIFESTYLE = 'lifestyle';
const NO_STATIN = 'no-statin';

const WHO = {
  [STATIN]: 'people like you who take a statin',
  [LIFESTYLE]: 'people like you who change their diet and activity',
  [NO_STATIN]: 'people like you who do not take a statin',
} as const;
type OptionId = keyof typeof WHO;

const TEN_YEARS = { value: 10, unit: 'years' } as const;
const ONE_YEAR = { value: 1, unit: 'years' } as const;

function number(
  option: OptionId,
  outcome: string,
  numerator: number,
  [low, high]: [number, number],
  timeFrame: NaturalFrequency['timeFrame'],
): NaturalFrequency {
  return {
    outcome,
    numerator,
    denominator: 100,
    timeFrame,
    referenceClass: WHO[option],
    range: { low, high },
  };
}

function cell(
  text: string,
  fit: Fit,
  certainty: Certainty,
  numbers: NaturalFrequency[] = [],
  sourceIds: string[] = [],
): Cell {
  return { text, fit, certainty, numbers, sourceIds };
}

export const demoStatinsContent: AidContent = {
  title: 'Heart attack and stroke: should I take a statin?',
  condition:
    'A statin is a tablet that lowers cholesterol. Too much cholesterol can narrow the blood vessels. This makes a heart attack or a stroke more likely. Your chance depends on your age, blood pressure, smoking and other things.',
  question: 'Should I take a statin to lower my chance of a heart attack or stroke?',
  audience:
    'Adults aged 40 to 75 who have not had a heart attack or stroke. Their chance of one in the next 10 years is about 10 to 20 in 100.',
  language: 'en-GB',
  aboutTest: false,
  options: [
    {
      id: STATIN,
      name: 'Take a statin',
      description:
        'You take one tablet a day, for many years. You can stop at any time. You can still change your diet and activity too.',
      isNoAction: false,
    },
    {
      id: LIFESTYLE,
      name: 'Change diet and activity first',
      description:
        'You eat less fat and sugar, stop smoking if you smoke, and are active most days. You look at statins again in 6 months.',
      isNoAction: false,
    },
    {
      id: NO_STATIN,
      name: 'No statin for now',
      description:
        'You carry on as you are. You have your usual check-up each year, and you can think about it again then.',
      isNoAction: true,
    },
  ],
  rows: [
    {
      id: 'heart-attack-stroke',
      question: 'How much does it lower my chance of a heart attack or stroke?',
      label: 'Avoiding a heart attack or stroke',
      kind: 'benefit',
      cells: {
        [STATIN]: cell(
          'Over 10 years, about 6 in 100 have a heart attack and 4 in 100 have a stroke. Without a statin, it would be about 8 in 100 and 6 in 100. So about 4 in 100 people avoid one of them.',
          'better',
          'moderate',
          [
            number(STATIN, 'have a heart attack', 6, [5, 7], TEN_YEARS),
            number(STATIN, 'have a stroke', 4, [3, 5], TEN_YEARS),
          ],
          ['demo-trials'],
        ),
        [LIFESTYLE]: cell(
          'Over 10 years, about 7 in 100 have a heart attack and 5 in 100 have a stroke. This is when people keep up the changes. Many find that hard after the first year.',
          'same',
          'low',
          [
            number(LIFESTYLE, 'have a heart attack', 7, [6, 8], TEN_YEARS),
            number(LIFESTYLE, 'have a stroke', 5, [4, 6], TEN_YEARS),
          ],
          ['demo-cohort'],
        ),
        [NO_STATIN]: cell(
          'Over 10 years, about 8 in 100 have a heart attack and 6 in 100 have a stroke. The other 86 in 100 have neither.',
          'worse',
          'moderate',
          [
            number(NO_STATIN, 'have a heart attack', 8, [7, 9], TEN_YEARS),
            number(NO_STATIN, 'have a stroke', 6, [5, 7], TEN_YEARS),
          ],
          ['demo-trials'],
        ),
      },
    },
    {
      id: 'muscle-aches',
      question: 'Could it give me muscle aches?',
      label: 'Avoiding muscle aches',
      kind: 'harm',
      cells: {
        [STATIN]: cell(
          'In a year, about 11 in 100 get muscle aches. Most would get them without a statin too. You can stop or change the tablet.',
          'same',
          'moderate',
          [number(STATIN, 'get muscle aches', 11, [9, 13], ONE_YEAR)],
          ['demo-trials'],
        ),
        [LIFESTYLE]: cell(
          'In a year, about 10 in 100 get muscle aches. Being more active can cause some aches at first.',
          'same',
          'low',
          [number(LIFESTYLE, 'get muscle aches', 10, [8, 12], ONE_YEAR)],
          ['demo-cohort'],
        ),
        [NO_STATIN]: cell(
          'In a year, about 10 in 100 get muscle aches anyway.',
          'same',
          'moderate',
          [number(NO_STATIN, 'get muscle aches', 10, [8, 12], ONE_YEAR)],
          ['demo-trials'],
        ),
      },
    },
    {
      id: 'diabetes',
      question: 'Could it give me diabetes?',
      label: 'Avoiding diabetes',
      kind: 'harm',
      cells: {
        [STATIN]: cell(
          'Over 10 years, about 4 in 100 get type 2 diabetes. This is about 1 more in 100 than without a statin.',
          'worse',
          'moderate',
          [number(STATIN, 'get type 2 diabetes', 4, [3, 5], TEN_YEARS)],
          ['demo-trials'],
        ),
        [LIFESTYLE]: cell(
          'Over 10 years, about 2 in 100 get type 2 diabetes. Losing weight and being active make it less likely.',
          'better',
          'low',
          [number(LIFESTYLE, 'get type 2 diabetes', 2, [1, 3], TEN_YEARS)],
          ['demo-cohort'],
        ),
        [NO_STATIN]: cell(
          'Over 10 years, about 3 in 100 get type 2 diabetes.',
          'same',
          'moderate',
          [number(NO_STATIN, 'get type 2 diabetes', 3, [2, 4], TEN_YEARS)],
          ['demo-trials'],
        ),
      },
    },
    {
      id: 'what-to-do',
      question: 'What will I have to do?',
      label: 'Less to fit into my day',
      kind: 'practical',
      cells: {
        [STATIN]: cell(
          'Take one tablet each day. You have a blood test before you start and another after 3 months.',
          'same',
          'high',
        ),
        [LIFESTYLE]: cell(
          'Plan meals, shop and cook in a new way, and find time to be active most days. A nurse checks how you are doing after 6 months.',
          'worse',
          'high',
        ),
        [NO_STATIN]: cell('Nothing new to do. You keep your yearly check-up.', 'better', 'high'),
      },
    },
    {
      id: 'feelings',
      question: 'How might I feel about it?',
      label: 'Feeling in control of my health',
      kind: 'psychological',
      cells: {
        [STATIN]: cell(
          'You may feel safer taking a tablet. Or you may not like the idea of taking one every day for years.',
          'depends',
          'low',
        ),
        [LIFESTYLE]: cell(
          'Many changes at once can be hard to keep up. You may feel proud and more in control when you manage it.',
          'depends',
          'low',
        ),
        [NO_STATIN]: cell(
          'You may be glad to avoid a tablet. Or you may worry more about your heart as time goes on.',
          'depends',
          'low',
        ),
      },
    },
    {
      id: 'family-work',
      question: 'How will it affect my family and work?',
      label: 'Keeping family and work life as they are',
      kind: 'social',
      cells: {
        [STATIN]: cell(
          'It makes little difference to family or work. The tablet is quick to take.',
          'better',
          'moderate',
        ),
        [LIFESTYLE]: cell(
          'It may change what the whole family eats. It can help to do it together with someone at home.',
          'depends',
          'moderate',
        ),
        [NO_STATIN]: cell('Nothing changes for your family or work.', 'better', 'moderate'),
      },
    },
  ],
  sources: [
    {
      id: 'demo-trials',
      citation:
        'Demonstration review of statin trials. Invented for this example: it is not a real study, and its numbers are illustrative.',
      date: '2026',
    },
    {
      id: 'demo-cohort',
      citation:
        'Demonstration study of diet and activity changes. Invented for this example: it is not a real study, and its numbers are illustrative.',
      date: '2025',
    },
  ],
  authors: [
    {
      name: 'Decide Together demonstration team',
      credentials:
        'Software developers, not clinicians. This aid shows how the tool works and is not for clinical use.',
    },
  ],
  funding: 'Made by the Decide Together team as a demonstration. No outside funding.',
  conflictsOfInterest: 'None. No author is paid by a company that makes statins.',
  evidenceMethods:
    'None: this is demonstration content. A real aid would say where the authors searched, which studies they chose and why.',
  evidenceReviewedOn: '2026-11-01',
  reviewBy: '2027-11-01',
  updatePolicy:
    'We check the evidence every year. We check it sooner if a big new study comes out.',
  attestations: Attestations.parse({}),
};
