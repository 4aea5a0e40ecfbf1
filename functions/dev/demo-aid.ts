import {
  Attestations,
  type AidContent,
  type Cell,
  type Certainty,
  type Fit,
  type TimeFrame,
} from '#shared/aid/schema';

/**
 * The seeded demonstration aid. Every number and source here is invented to
 * show how the tool works: the aid is flagged as demonstration content, so
 * every screen labels it "not for clinical use" and its numbers "illustrative".
 */
const EXERCISE = 'exercise';
const SURGERY = 'surgery';
const WAIT = 'wait';

const PEOPLE = 'people with knee osteoarthritis like you';

function cell(
  text: string,
  fit: Fit,
  certainty: Certainty,
  number?: { outcome: string; numerator: number; low: number; high: number; timeFrame: TimeFrame },
): Cell {
  return {
    text,
    fit,
    certainty,
    sourceIds: number ? ['demo-source-a'] : [],
    numbers: number
      ? [
          {
            outcome: number.outcome,
            numerator: number.numerator,
            denominator: 100,
            timeFrame: number.timeFrame,
            referenceClass: PEOPLE,
            range: { low: number.low, high: number.high },
          },
        ]
      : [],
  };
}

const ONE_YEAR: TimeFrame = { value: 1, unit: 'years' };
const THREE_MONTHS: TimeFrame = { value: 3, unit: 'months' };

export const demoAidContent: AidContent = {
  title: 'Knee osteoarthritis: what are my options?',
  condition:
    'Osteoarthritis is when the cartilage in a joint wears thin. In the knee, it can cause pain, stiffness and swelling. It tends to get worse slowly, over years.',
  question: 'What should I do about my knee pain from osteoarthritis?',
  audience: 'Adults with osteoarthritis in the knee, when the pain gets in the way of daily life.',
  language: 'en-GB',
  aboutTest: false,
  options: [
    {
      id: EXERCISE,
      name: 'Exercise and physio',
      description:
        'You work on exercises for your knee with a physio. You go most weeks for about 3 months. Then you keep going at home.',
      isNoAction: false,
    },
    {
      id: SURGERY,
      name: 'Knee replacement',
      description:
        'An operation to replace the worn parts of the knee with metal and plastic parts.',
      isNoAction: false,
    },
    {
      id: WAIT,
      name: 'Wait and review',
      description:
        'Keep going as you are, with pain relief if you need it. Look at the choice again in 6 months.',
      isNoAction: true,
    },
  ],
  rows: [
    {
      id: 'pain',
      question: 'How much will my pain get better?',
      label: 'Having less pain',
      kind: 'benefit',
      cells: {
        [EXERCISE]: cell(
          'About 40 in 100 people have much less pain after 1 year.',
          'same',
          'moderate',
          {
            numerator: 40,
            low: 30,
            high: 50,
            outcome: 'have much less pain',
            timeFrame: ONE_YEAR,
          },
        ),
        [SURGERY]: cell(
          'About 80 in 100 people have much less pain after 1 year. Most can walk further and sleep better.',
          'better',
          'moderate',
          {
            numerator: 80,
            low: 72,
            high: 87,
            outcome: 'have much less pain',
            timeFrame: ONE_YEAR,
          },
        ),
        [WAIT]: cell('About 15 in 100 people have much less pain after 1 year.', 'worse', 'low', {
          numerator: 15,
          low: 8,
          high: 24,
          outcome: 'have much less pain',
          timeFrame: ONE_YEAR,
        }),
      },
    },
    {
      id: 'serious-problems',
      question: 'What could go wrong?',
      label: 'Avoiding serious problems',
      kind: 'harm',
      cells: {
        [EXERCISE]: cell(
          'About 1 in 100 people get a muscle or joint injury that needs care within 3 months.',
          'better',
          'moderate',
          {
            outcome: 'get an injury that needs care',
            numerator: 1,
            low: 0,
            high: 3,
            timeFrame: THREE_MONTHS,
          },
        ),
        [SURGERY]: cell(
          'About 3 in 100 people have a serious problem within 3 months. This could be a blood clot or an infection in the new knee.',
          'worse',
          'high',
          {
            outcome: 'have a serious problem such as a blood clot or infection',
            numerator: 3,
            low: 2,
            high: 4,
            timeFrame: THREE_MONTHS,
          },
        ),
        [WAIT]: cell(
          'Waiting itself does not cause serious problems. Pain relief can upset your stomach.',
          'better',
          'moderate',
          {
            numerator: 0,
            low: 0,
            high: 1,
            outcome: 'have a serious problem caused by waiting',
            timeFrame: THREE_MONTHS,
          },
        ),
      },
    },
    {
      id: 'recovery',
      question: 'How long until I am back to normal?',
      label: 'Getting back to normal quickly',
      kind: 'physical',
      cells: {
        [EXERCISE]: cell(
          'You keep doing most things while you exercise. Your knee may ache for a day after a session.',
          'better',
          'moderate',
        ),
        [SURGERY]: cell(
          'You stay in hospital for 1 to 3 days and use crutches for a few weeks. Full recovery takes 6 months to a year.',
          'worse',
          'high',
        ),
        [WAIT]: cell(
          'Nothing changes straight away. Your knee may slowly get stiffer over time.',
          'depends',
          'low',
        ),
      },
    },
    {
      id: 'daily-life',
      question: 'How will it fit into my life?',
      label: 'Keeping my time free',
      kind: 'practical',
      cells: {
        [EXERCISE]: cell(
          'You need time most weeks for exercise, at home or at a clinic.',
          'worse',
          'high',
        ),
        [SURGERY]: cell(
          'You need help at home for a few weeks. You cannot drive for about 6 weeks.',
          'worse',
          'high',
        ),
        [WAIT]: cell('No extra time is needed now.', 'better', 'high'),
      },
    },
    {
      id: 'mood',
      question: 'How might I feel about it?',
      label: 'Feeling in control',
      kind: 'psychological',
      cells: {
        [EXERCISE]: cell(
          'Being active can lift your mood. Keeping it up week after week can be hard.',
          'depends',
          'low',
        ),
        [SURGERY]: cell(
          'You may feel worried before the operation, and relieved when the pain eases.',
          'depends',
          'low',
        ),
        [WAIT]: cell(
          'You may feel relief at not deciding yet, or you may feel stuck.',
          'depends',
          'not-known',
        ),
      },
    },
  ],
  sources: [
    {
      id: 'demo-source-a',
      citation:
        'Demonstration source A. Invented for this example: it is not a real study, and its numbers are illustrative.',
      date: '2026',
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
  conflictsOfInterest: 'None.',
  evidenceMethods:
    'None: this is demonstration content. The numbers are invented to show how the tool works.',
  evidenceReviewedOn: '2026-11-01',
  reviewBy: '2027-11-01',
  updatePolicy:
    'We check the evidence every year. We check it sooner if a big new study comes out.',
  attestations: Attestations.parse({}),
};
