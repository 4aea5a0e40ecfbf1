import { Attestations, type AidContent } from '#shared/aid/schema';
import { demoAuthors, demoCell, demoFunding, type DemoNumber } from './demo-builders';

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

/** The trials compared a statin with none; the cohort study followed people changing their lifestyle. */
const SOURCE = { [STATIN]: 'demo-trials', [LIFESTYLE]: 'demo-cohort', [NO_STATIN]: 'demo-trials' };

type Chance = [numerator: number, range: [low: number, high: number]];

/** Numbers about the people who chose `option`, from that option's source. */
const evidenceFor = (option: OptionId, ...numbers: DemoNumber[]) => ({
  who: WHO[option],
  source: SOURCE[option],
  numbers,
});

/** The first question counts both heart attacks and strokes over 10 years. */
function heartAttackAndStroke(heartAttack: Chance, stroke: Chance): DemoNumber[] {
  return [
    ['have a heart attack', ...heartAttack, TEN_YEARS],
    ['have a stroke', ...stroke, TEN_YEARS],
  ];
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
        [STATIN]: demoCell(
          'Over 10 years, about 6 in 100 have a heart attack and 4 in 100 have a stroke. Without a statin, it would be about 8 in 100 and 6 in 100. So about 4 in 100 people avoid one of them.',
          'better',
          'moderate',
          evidenceFor(STATIN, ...heartAttackAndStroke([6, [5, 7]], [4, [3, 5]])),
        ),
        [LIFESTYLE]: demoCell(
          'Over 10 years, about 7 in 100 have a heart attack and 5 in 100 have a stroke. This is when people keep up the changes. Many find that hard after the first year.',
          'same',
          'low',
          evidenceFor(LIFESTYLE, ...heartAttackAndStroke([7, [6, 8]], [5, [4, 6]])),
        ),
        [NO_STATIN]: demoCell(
          'Over 10 years, about 8 in 100 have a heart attack and 6 in 100 have a stroke. The other 86 in 100 have neither.',
          'worse',
          'moderate',
          evidenceFor(NO_STATIN, ...heartAttackAndStroke([8, [7, 9]], [6, [5, 7]])),
        ),
      },
    },
    {
      id: 'muscle-aches',
      question: 'Could it give me muscle aches?',
      label: 'Avoiding muscle aches',
      kind: 'harm',
      cells: {
        [STATIN]: demoCell(
          'In a year, about 11 in 100 get muscle aches. Most would get them without a statin too. You can stop or change the tablet.',
          'same',
          'moderate',
          evidenceFor(STATIN, ['get muscle aches', 11, [9, 13], ONE_YEAR]),
        ),
        [LIFESTYLE]: demoCell(
          'In a year, about 10 in 100 get muscle aches. Being more active can cause some aches at first.',
          'same',
          'low',
          evidenceFor(LIFESTYLE, ['get muscle aches', 10, [8, 12], ONE_YEAR]),
        ),
        [NO_STATIN]: demoCell(
          'In a year, about 10 in 100 get muscle aches anyway.',
          'same',
          'moderate',
          evidenceFor(NO_STATIN, ['get muscle aches', 10, [8, 12], ONE_YEAR]),
        ),
      },
    },
    {
      id: 'diabetes',
      question: 'Could it give me diabetes?',
      label: 'Avoiding diabetes',
      kind: 'harm',
      cells: {
        [STATIN]: demoCell(
          'Over 10 years, about 4 in 100 get type 2 diabetes. This is about 1 more in 100 than without a statin.',
          'worse',
          'moderate',
          evidenceFor(STATIN, ['get type 2 diabetes', 4, [3, 5], TEN_YEARS]),
        ),
        [LIFESTYLE]: demoCell(
          'Over 10 years, about 2 in 100 get type 2 diabetes. Losing weight and being active make it less likely.',
          'better',
          'low',
          evidenceFor(LIFESTYLE, ['get type 2 diabetes', 2, [1, 3], TEN_YEARS]),
        ),
        [NO_STATIN]: demoCell(
          'Over 10 years, about 3 in 100 get type 2 diabetes.',
          'same',
          'moderate',
          evidenceFor(NO_STATIN, ['get type 2 diabetes', 3, [2, 4], TEN_YEARS]),
        ),
      },
    },
    {
      id: 'what-to-do',
      question: 'What will I have to do?',
      label: 'Less to fit into my day',
      kind: 'practical',
      cells: {
        [STATIN]: demoCell(
          'Take one tablet each day. You have a blood test before you start and another after 3 months.',
          'same',
          'high',
        ),
        [LIFESTYLE]: demoCell(
          'Plan meals, shop and cook in a new way, and find time to be active most days. A nurse checks how you are doing after 6 months.',
          'worse',
          'high',
        ),
        [NO_STATIN]: demoCell(
          'Nothing new to do. You keep your yearly check-up.',
          'better',
          'high',
        ),
      },
    },
    {
      id: 'feelings',
      question: 'How might I feel about it?',
      label: 'Feeling in control of my health',
      kind: 'psychological',
      cells: {
        [STATIN]: demoCell(
          'You may feel safer taking a tablet. Or you may not like the idea of taking one every day for years.',
          'depends',
          'low',
        ),
        [LIFESTYLE]: demoCell(
          'Many changes at once can be hard to keep up. You may feel proud and more in control when you manage it.',
          'depends',
          'low',
        ),
        [NO_STATIN]: demoCell(
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
        [STATIN]: demoCell(
          'It makes little difference to family or work. The tablet is quick to take.',
          'better',
          'moderate',
        ),
        [LIFESTYLE]: demoCell(
          'It may change what the whole family eats. It can help to do it together with someone at home.',
          'depends',
          'moderate',
        ),
        [NO_STATIN]: demoCell('Nothing changes for your family or work.', 'better', 'moderate'),
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
  authors: demoAuthors,
  funding: demoFunding,
  conflictsOfInterest: 'None. No author is paid by a company that makes statins.',
  evidenceMethods:
    'None: this is demonstration content. A real aid would say where the authors searched, which studies they chose and why.',
  evidenceReviewedOn: '2026-11-01',
  reviewBy: '2027-11-01',
  updatePolicy:
    'We check the evidence every year. We check it sooner if a big new study comes out.',
  attestations: Attestations.parse({}),
};
