import { cellOf } from '../aid/cells';
import type { AidContent, NaturalFrequency } from '../aid/schema';
import { timeFrameKey, timeFrameText } from '../aid/time-frames';

/**
 * "One total and one time frame per row", once: for each row, the total and
 * the time frame most of its numbers use, and the numbers that differ. The
 * IPDAS criteria (B6, B7) report from this; the number checks use it to
 * compare numbers written in the answers' words.
 */

export interface NumberAt {
  rowIndex: number;
  optionIndex: number;
  optionId: string;
  /** Its place among the cell's numbers. */
  numberIndex: number;
  number: NaturalFrequency;
}

export interface RowNumbers {
  rowIndex: number;
  numbers: NumberAt[];
  /** The total most numbers use (ties: the larger), and the numbers out of another. */
  total: { shared: number; others: NumberAt[] } | null;
  /** The time frame most numbers use (ties: the first given). */
  timeFrame: {
    /** As words: "10 years". */
    shared: string | null;
    /** Numbers over another length of time ("12 months" is "1 year"). */
    others: NumberAt[];
    /** Numbers with no time frame at all. */
    missing: NumberAt[];
  } | null;
}

/** The value most of them have; ties go to the one `prefer` ranks first. */
function mostCommon<T>(values: readonly T[], prefer: (a: T, b: T) => number): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort(
    ([a, countA], [b, countB]) => countB - countA || prefer(a, b),
  )[0]?.[0];
}

/** Every structured number of one row, in the order of the options. */
export function numbersOfRow(aid: AidContent, rowIndex: number): NumberAt[] {
  const row = aid.rows[rowIndex];
  if (!row) return [];
  return aid.options.flatMap((option, optionIndex) =>
    cellOf(row, option.id).numbers.map((number, numberIndex) => ({
      rowIndex,
      optionIndex,
      optionId: option.id,
      numberIndex,
      number,
    })),
  );
}

export function rowNumbers(aid: AidContent): RowNumbers[] {
  return aid.rows.map((_, rowIndex) => {
    const numbers = numbersOfRow(aid, rowIndex);
    if (numbers.length === 0) return { rowIndex, numbers, total: null, timeFrame: null };

    const total = mostCommon(
      numbers.map((at) => at.number.denominator),
      (a, b) => b - a,
    )!;

    const given = numbers.filter((at) => at.number.timeFrame !== undefined);
    const order = given.map((at) => timeFrameKey(at.number.timeFrame));
    const sharedKey = mostCommon(order, (a, b) => order.indexOf(a) - order.indexOf(b));
    const shared = given.find((at) => timeFrameKey(at.number.timeFrame) === sharedKey);
    return {
      rowIndex,
      numbers,
      total: { shared: total, others: numbers.filter((at) => at.number.denominator !== total) },
      timeFrame: {
        shared: shared ? timeFrameText(shared.number.timeFrame) : null,
        others: given.filter((at) => timeFrameKey(at.number.timeFrame) !== sharedKey),
        missing: numbers.filter((at) => at.number.timeFrame === undefined),
      },
    };
  });
}
