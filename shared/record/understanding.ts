import type { AidContent, AidOption, AidRow, NaturalFrequency } from '../aid/schema';
import { own } from '../own';
import { NOT_SURE } from './rules';

/**
 * A check of understanding, written from the aid's structured numbers: "out of
 * 100 people like you who choose this option, about how many …?". Its answers
 * go into the record as a prompt for teach-back in the consultation, never as
 * a grade: no count of right answers is made anywhere. No zod: patient pages
 * use it in the browser.
 */

/** At most this many questions; an aid without numbers has none. */
export const MAX_UNDERSTANDING_QUESTIONS = 4;

export interface UnderstandingQuestion {
  rowId: string;
  optionId: string;
  /** Where to read again: the row's question, as the aid asks it. */
  rowQuestion: string;
  optionName: string;
  number: NaturalFrequency;
  /** The choices, as numerators, smallest first; "I'm not sure" (`NOT_SURE`) comes after them always. */
  choices: number[];
  /** The numerator the aid gives. */
  answer: number;
}

/** A cell's first number: the one its words are mostly about. */
const mainNumber = (row: AidRow, optionId: string) => own(row.cells, optionId)?.numbers?.[0];

/** The other numbers to choose from: the row's other options first (same total), then near ones. */
function choicesFor(row: AidRow, option: AidOption, n: NaturalFrequency): number[] {
  const others = Object.keys(row.cells).flatMap((optionId) => {
    const other = optionId === option.id ? undefined : mainNumber(row, optionId);
    return other?.denominator === n.denominator ? [other.numerator] : [];
  });
  const near = [
    Math.round(n.numerator / 2),
    Math.min(n.denominator, n.numerator * 2),
    n.denominator - n.numerator,
    Math.min(n.denominator, n.numerator + Math.max(1, Math.round(n.denominator / 10))),
  ];
  // A number inside the guide's own range is not wrong: it is never offered beside the answer.
  const withinRange = (value: number) =>
    n.range !== undefined && value >= n.range.low && value <= n.range.high;
  const choices = new Set([n.numerator]);
  for (const value of [...others, ...near]) {
    if (choices.size >= 4) break;
    if (value >= 0 && value <= n.denominator && !withinRange(value)) choices.add(value);
  }
  return [...choices].sort((a, b) => a - b);
}

/**
 * The questions for an aid: one per row with numbers, in the aid's order, each
 * about the first number of the row's first option with one; rows a second time (the next
 * option) when there are fewer than two rows, up to four questions in all.
 */
export function understandingQuestions(aid: AidContent): UnderstandingQuestion[] {
  const byRow = aid.rows.map((row) =>
    aid.options.flatMap((option) => {
      const n = mainNumber(row, option.id);
      return n ? [{ row, option, n }] : [];
    }),
  );
  const picked: Array<{ row: AidRow; option: AidOption; n: NaturalFrequency }> = [];
  for (let round = 0; picked.length < MAX_UNDERSTANDING_QUESTIONS; round += 1) {
    const more = byRow.flatMap((cells) => cells.slice(round, round + 1));
    if (more.length === 0) break;
    // A second round only while there are fewer than two questions.
    if (round > 0 && picked.length >= 2) break;
    picked.push(...more.slice(0, MAX_UNDERSTANDING_QUESTIONS - picked.length));
  }
  return picked.map(({ row, option, n }) => ({
    rowId: row.id,
    optionId: option.id,
    rowQuestion: row.question,
    optionName: option.name,
    number: n,
    choices: choicesFor(row, option, n),
    answer: n.numerator,
  }));
}

/** A choice as the form sends it: the numerator, or "not-sure". */
export const choiceValue = (choice: number | typeof NOT_SURE) => String(choice);

/** Whether a sent answer is one of a question's choices. */
export function isChoice(question: UnderstandingQuestion, value: string): boolean {
  return value === NOT_SURE || question.choices.some((choice) => String(choice) === value);
}
