import { parseWhole, wholeNumber as whole } from '../aid/written-numbers';

/**
 * Numbers written in an aid's words: natural frequencies ("4 in 100"),
 * "1 in X", percentages, decimals, odds and numbers needed to treat. The
 * number checks compare them with the structured numbers and with each other;
 * the IPDAS checks ask each one for a source.
 */

export type TextNumber =
  | { kind: 'frequency'; numerator: number; denominator: number }
  | { kind: 'percentage'; percent: number }
  | { kind: 'decimal'; value: number }
  | { kind: 'odds'; value: number }
  | { kind: 'nnt' };

export interface FoundNumber {
  number: TextNumber;
  /** The words as written: "4 in 100". */
  excerpt: string;
  start: number;
  end: number;
}

const patterns: Array<[RegExp, (match: RegExpExecArray) => TextNumber | undefined]> = [
  [
    // "4 in 100", "14 out of 100", "one in twenty", "1-in-50", "1 out of every 200".
    new RegExp(
      String.raw`(?<![\w.,])(${whole})(?:\s*-\s*|\s+)(?:in|out\s+of)(?:\s+every)?(?:\s*-\s*|\s+)(${whole})(?![\w-]|[.,]\d)`,
      'gi',
    ),
    (match) => {
      const numerator = parseWhole(match[1] ?? '');
      const denominator = parseWhole(match[2] ?? '');
      return denominator >= 2 && numerator <= denominator
        ? { kind: 'frequency', numerator, denominator }
        : undefined;
    },
  ],
  [
    /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)/gi,
    (match) => ({ kind: 'percentage', percent: Number(match[1]) }),
  ],
  [
    // A probability as a decimal: "0.04", ".5". Other decimals ("2.5 kg") are not chances.
    /(?<![\w.,])(0?\.\d+)(?![\w%.]|\s*(?:%|percent|per\s+cent))/gi,
    (match) => ({ kind: 'decimal', value: Number(match[1]) }),
  ],
  [
    // "odds of 1 to 4", "3 to 1 odds", "odds are 2:1".
    /\bodds\b[^.!?\d]{0,40}?\b(\d+)\s*(?:to|:)\s*(\d+)\b|\b(\d+)\s*(?:to|:)\s*(\d+)\s+odds\b/gi,
    (match) => {
      const [a, b] = match[1] ? [match[1], match[2]] : [match[3], match[4]];
      return { kind: 'odds', value: Number(a) / Math.max(Number(b), 1) };
    },
  ],
  [/\b(?:numbers?\s+needed\s+to\s+(?:treat|harm|screen)|NNT|NNH)\b/g, () => ({ kind: 'nnt' })],
];

function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    yield match;
  }
}

/** Every number in a text that states a chance, in reading order; one per stretch of words. */
export function findNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const [pattern, read] of patterns) {
    for (const match of matchesOf(pattern, text)) {
      const number = read(match);
      if (number) {
        found.push({
          number,
          excerpt: match[0],
          start: match.index,
          end: match.index + match[0].length,
        });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundNumber[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last === undefined || match.start >= last.end) kept.push(match);
  }
  return kept;
}

/** A chance as a fraction (0 to 1), when the number states one. */
export function chanceOf(number: TextNumber): number | undefined {
  switch (number.kind) {
    case 'frequency':
      return number.numerator / number.denominator;
    case 'percentage':
      return number.percent / 100;
    case 'decimal':
      return number.value <= 1 ? number.value : undefined;
    default:
      return undefined;
  }
}

const timeUnits: Record<string, 'days' | 'weeks' | 'months' | 'years'> = {
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};

/**
 * Time frames written in words beside the numbers: "over 10 years", "within
 * 30 days", "after one year", "in 5 years", as value and unit.
 */
export function findTimeFrames(
  text: string,
): Array<{ value: number; unit: 'days' | 'weeks' | 'months' | 'years'; excerpt: string }> {
  const pattern = new RegExp(
    String.raw`\b(?:over|within|after|in|for|during)\s+(?:the\s+next\s+|the\s+first\s+)?(${whole})[\s-]+(day|week|month|year)s?\b`,
    'gi',
  );
  return [...matchesOf(pattern, text)].flatMap((match) => {
    const value = parseWhole(match[1] ?? '');
    const unit = timeUnits[(match[2] ?? '').toLowerCase()];
    return unit && value >= 1 ? [{ value, unit, excerpt: match[0] }] : [];
  });
}
