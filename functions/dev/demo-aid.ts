import { Attestations, type AidContent, type TimeFrame } from '#shared/aid/schema';
import { demoAuthors, demoCell, demoFunding, type DemoNumber } from './demo-builders';

/**
 * The seeded demonstration aid. Every number and source here is invented to
 * show how the tool works: the aid is flagged as demonstration content, so
 * every screen labels it "not for clinical use" and its numbers "illustrative".
 */
const EXERCISE = 'exercise';
const SURGERY = 'surgery';
const WAIT = 'wait';

const PEOPLE = 'people with knee osteoarthritis like you';

/** Numbers about people like the reader, from the one demonstration source. */
const fromSourceA = (...numbers: DemoNumber[]) => ({
  who: PEOPLE,
  source: 'demo-source-a',
  numbers,
});

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
        [EXERCISE]: demoCell(
          'About 40 in 100 people have much less pain after 1 year.',
          'same',
          'moderate',
          fromSourceA(['have much less pain', 40, [30, 50], ONE_YEAR]),
        ),
        [SURGERY]: demoCell(
          'About 80 in 100 people have much less pain after 1 year. Most can walk further and sleep better.',
          'better',
          'moderate',
          fromSourceA(['have much less pain', 80, [72, 87], ONE_YEAR]),
        ),
        [WAIT]: demoCell(
          'About 15 in 100 people have much less pain after 1 year.',
          'worse',
          'low',
          fromSourceA(['have much less pain', 15, [8, 24], ONE_YEAR]),
        ),
      },
    },
    {
      id: 'serious-problems',
      question: 'What could go wrong?',
      label: 'Avoiding serious problems',
      kind: 'harm',
      cells: {
        [EXERCISE]: demoCell(
          'About 1 in 100 people get a muscle or joint injury that needs care within 3 months.',
          'better',
          'moderate',
          fromSourceA(['get an injury that needs care', 1, [0, 3], THREE_MONTHS]),
        ),
        [SURGERY]: demoCell(
          'About 3 in 100 people have a serious problem within 3 months. This could be a blood clot or an infection in the new knee.',
          'worse',
          'high',
          fromSourceA([
            'have a serious problem such as a blood clot or infection',
            3,
            [2, 4],
            THREE_MONTHS,
          ]),
        ),
        [WAIT]: demoCell(
          'Waiting itself does not cause serious problems. Pain relief can upset your stomach.',
          'better',
          'moderate',
          fromSourceA(['have a serious problem caused by waiting', 0, [0, 1], THREE_MONTHS]),
        ),
      },
    },
    {
      id: 'recovery',
      question: 'How long until I am back to normal?',
      label: 'Getting back to normal quickly',
      kind: 'physical',
      cells: {
        [EXERCISE]: demoCell(
          'You keep doing most things while you exercise. Your knee may ache for a day after a session.',
          'better',
          'moderate',
        ),
        [SURGERY]: demoCell(
          'You stay in hospital for 1 to 3 days and use crutches for a few weeks. Full recovery takes 6 months to a year.',
          'worse',
          'high',
        ),
        [WAIT]: demoCell(
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
        [EXERCISE]: demoCell(
          'You need time most weeks for exercise, at home or at a clinic.',
          'worse',
          'high',
        ),
        [SURGERY]: demoCell(
          'You need help at home for a few weeks. You cannot drive for about 6 weeks.',
          'worse',
          'high',
        ),
        [WAIT]: demoCell('No extra time is needed now.', 'better', 'high'),
      },
    },
    {
      id: 'mood',
      question: 'How might I feel about it?',
      label: 'Feeling in control',
      kind: 'psychological',
      cells: {
        [EXERCISE]: demoCell(
          'Being active can lift your mood. Keeping it up week after week can be hard.',
          'depends',
          'low',
        ),
        [SURGERY]: demoCell(
          'You may feel worried before the operation, and relieved when the pain eases.',
          'depends',
          'low',
        ),
        [WAIT]: demoCell(
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
  authors: demoAuthors,
  funding: demoFunding,
  conflictsOfInterest: 'None.',
  evidenceMethods:
    'None: this is demonstration content. The numbers are invented to show how the tool works.',
  evidenceReviewedOn: '2026-11-01',
  reviewBy: '2027-11-01',
  updatePolicy:
    'We check the evidence every year. We check it sooner if a big new study comes out.',
  attestations: Attestations.parse({}),
};
