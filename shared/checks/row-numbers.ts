import { cellOf } from '../aid/cells';
import type { AidContent, NaturalFrequency } from '../aid/schema';

/**
 * "One total and one time frame per row", once: for each row, the total and
 * the time frame most of its numbers use, and the numbers that differ. The
 * IPDAS criteria (B6, B7) and the number checks both report from this.
 */

export interface NumberAt {
  rowIndex: number;
  optionIndex: number;
  optionId: string;
  number: NaturalFrequency;
}

export interface RowNumbers {
  rowIndex: number;
  numbers: NumberAt[];
  /** The total most numbers use (ties: the larger), and the numbers out of another. */
  total: { shared: number; others: NumberAt[] } | null;
  /** The time frame most numbers use, as first written (ties: the first written). */
  timeFrame: {
    shared: string | null;
    /** Numbers over another time frame. */
    others: NumberAt[];
    /** Numbers with no time frame at all. */
    missing: NumberAt[];
    /** Every time frame of the row, as first written, in order; '' for none. */
    written: string[];
  } | null;
}

/** Time frames compare without case or extra spaces: "Over 10 years" is "over 10  years". */
export const timeFrameKey = (timeFrame: string) =>
  timeFrame.trim().replace(/\s+/g, ' ').toLowerCase();

/** The value most of them have; ties go to the one `prefer` ranks first. */
function mostCommon<T>(values: readonly T[], prefer: (a: T, b: T) => number): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort(
    ([a, countA], [b, countB]) => countB - countA || prefer(a, b),
  )[0]?.[0];
}

export function rowNumbers(aid: AidContent): RowNumbers[] {
  return aid.rows.map((row, rowIndex) => {
    const numbers: NumberAt[] = aid.options.flatMap((option, optionIndex) => {
      const number = cellOf(row, option.id).number;
      return number ? [{ rowIndex, optionIndex, optionId: option.id, number }] : [];
    });
    if (numbers.length === 0) return { rowIndex, numbers, total: null, timeFrame: null };

    const total = mostCommon(
      numbers.map((at) => at.number.denominator),
      (a, b) => b - a,
    )!;

    const written = new Map<string, string>();
    for (const { number } of numbers) {
      const key = timeFrameKey(number.timeFrame);
      if (!written.has(key)) written.set(key, number.timeFrame.trim());
    }
    const order = [...written.keys()];
    const sharedKey = mostCommon(
      numbers.map((at) => timeFrameKey(at.number.timeFrame)).filter((key) => key !== ''),
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
    return {
      rowIndex,
      numbers,
      total: { shared: total, others: numbers.filter((at) => at.number.denominator !== total) },
      timeFrame: {
        shared: sharedKey === undefined ? null : (written.get(sharedKey) ?? null),
        others: numbers.filter((at) => {
          const key = timeFrameKey(at.number.timeFrame);
          return key !== '' && key !== sharedKey;
        }),
        missing: numbers.filter((at) => timeFrameKey(at.number.timeFrame) === ''),
        written: [...written.values()],
      },
    };
  });
}
