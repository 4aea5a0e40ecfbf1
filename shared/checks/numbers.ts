import { aidLimits, type AidContent, type AidRow } from '../aid/schema';
import { cellOf } from '../aid/cells';
import { listOf, quotedRowName } from '../aid/names';
import { toPointer } from '../problem';
import type { NumberIssue } from './results';
import { rowNumbers, type RowNumbers } from './row-numbers';

type WordingIssue = Pick<NumberIssue, 'kind' | 'message' | 'suggestion' | 'excerpt'>;

interface WordingMatch extends WordingIssue {
  start: number;
  end: number;
}

const largestDenominator = aidLimits.denominator;
/** Totals people read as natural frequencies: "1 in 100" is as clear as "12 in 100". */
const naturalDenominators = new Set([10, 100, 1000, 10_000, largestDenominator]);

const wordValues: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const scaleValues: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

const numberWord = `(?:${[...Object.keys(wordValues).filter((w) => w !== 'a'), ...Object.keys(scaleValues)].join('|')})\\b`;
const numberInWords = `(?:a[\\s-]+)?${numberWord}(?:[\\s-]+(?:and[\\s-]+)?${numberWord})*`;
const numberInDigits = String.raw`\d{1,3}(?:,\d{3})+|\d+`;

/** "1 in 20", "one in twenty", "1-in-50", "1 out of every 200", "one in a thousand". */
const oneInX = new RegExp(
  String.raw`(?<![\w.,])(?:1|one)(?:\s*-\s*|\s+)(?:in|out\s+of)(?:\s+every)?(?:\s*-\s*|\s+)` +
    `(${numberInDigits}|${numberInWords})(?![\\w-]|[.,]\\d)`,
  'gi',
);

/** "twenty-five", "a hundred", "two hundred and fifty" → 25, 100, 250. */
function parseNumberWords(words: string): number {
  let total = 0;
  let current = 0;
  for (const word of words.toLowerCase().split(/[\s-]+/)) {
    const scale = scaleValues[word];
    if (scale === undefined) {
      current += wordValues[word] ?? 0;
    } else if (scale === 100) {
      current = (current || 1) * scale;
    } else {
      total += (current || 1) * scale;
      current = 0;
    }
  }
  return total + current;
}

function parseDenominator(written: string): number {
  return /\d/.test(written) ? Number(written.replaceAll(',', '')) : parseNumberWords(written);
}

/** 1 in 20 → about 5 in 100; 1 in 250 → about 4 in 1000: the smallest total that leaves at least 1 person. */
function asNaturalFrequency(denominator: number): string {
  const total = [100, 1000, 10_000, largestDenominator].find((t) => denominator <= t);
  if (total === undefined) return `fewer than 1 in ${largestDenominator} people`;
  return `about ${Math.round(total / denominator)} in ${total} people`;
}

const percent = String.raw`\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)`;
const multiplier = String.raw`(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|several|many)`;
const riskNoun = String.raw`(?:risk|chance|odds)`;
const whose = String.raw`(?:(?:the|your|their|his|her|a)\s+)?`;

/** Wording that compares options without saying how many people are affected. */
const relativeRiskPatterns: RegExp[] = [
  String.raw`\b${multiplier}\s*(?:times|x|×)\s+(?:(?:more|less|as)\s+likely|(?:more|less|higher|lower|greater|the)\s+${riskNoun})`,
  String.raw`\b(?:twice|half)\s+(?:as\s+likely|the\s+${riskNoun})`,
  String.raw`\b(?:doubl|halv)(?:e|es|ed|ing)\s+${whose}${riskNoun}`,
  String.raw`\b${percent}\s+(?:more|less)\s+likely`,
  String.raw`\b(?:reduc|increas|lower|rais|cut)\w*\s+${whose}${riskNoun}(?:\s+of\s+[^.!?\n]{1,60}?)?\s+by\s+${percent}`,
  String.raw`\b${percent}\s+(?:lower|higher|smaller|greater|bigger|reduced|increased)\s+${riskNoun}`,
  String.raw`\b${percent}\s+(?:reduction|increase|drop|rise|fall)\s+in\s+${whose}${riskNoun}`,
  String.raw`\b(?:relative\s+risk|risk\s+ratio|odds\s+ratio|hazard\s+ratio)`,
].map((source) => new RegExp(source, 'gi'));

/** Vague words, each with the kind of number that could replace it. */
const vagueWords: Array<[words: string[], example: string]> = [
  [['very rare', 'extremely rare', 'rare', 'rarely', 'seldom'], 'about 1 in 1000 people'],
  [['uncommon', 'infrequent', 'infrequently', 'occasionally'], 'about 5 in 1000 people'],
  [
    ['very common', 'common', 'commonly', 'frequent', 'frequently', 'often'],
    'about 20 in 100 people',
  ],
  [['very likely', 'likely', 'most people', 'many people'], 'about 70 in 100 people'],
  [
    [
      'unlikely',
      'some people',
      'a few people',
      'few people',
      'small chance',
      'slight chance',
      'small risk',
      'slight risk',
    ],
    'about 5 in 100 people',
  ],
];
const exampleForVagueWord = new Map(
  vagueWords.flatMap(([words, example]) => words.map((word) => [word, example] as const)),
);
// Longest first, so "very common" wins over "common"; whole words only, so "likelihood" is no match.
const vagueWordPattern = new RegExp(
  `\\b(?:${[...exampleForVagueWord.keys()]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replaceAll(' ', '\\s+'))
    .join('|')})\\b`,
  'gi',
);

function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    yield match;
  }
}

function wordingMatches(text: string): WordingMatch[] {
  const found: WordingMatch[] = [];
  const add = (match: RegExpExecArray, issue: Omit<WordingIssue, 'excerpt'>) =>
    found.push({
      ...issue,
      excerpt: match[0],
      start: match.index,
      end: match.index + match[0].length,
    });

  for (const match of matchesOf(oneInX, text)) {
    const denominator = parseDenominator(match[1] ?? '');
    if (denominator < 2 || naturalDenominators.has(denominator)) continue;
    add(match, {
      kind: 'one-in-x',
      message: `"${match[0]}" is hard to compare with the other options' numbers.`,
      suggestion: `Say "${asNaturalFrequency(denominator)}" (same total across the row) rather than "${match[0]}".`,
    });
  }
  for (const pattern of relativeRiskPatterns) {
    for (const match of matchesOf(pattern, text)) {
      add(match, {
        kind: 'relative-risk',
        message: `"${match[0]}" compares the options without saying how many people are affected.`,
        suggestion:
          'Give the chance with and without treatment, such as "8 in 100 people" and "4 in 100 people".',
      });
    }
  }
  for (const match of matchesOf(vagueWordPattern, text)) {
    const word = match[0].toLowerCase().replace(/\s+/g, ' ');
    add(match, {
      kind: 'vague-word',
      message: `"${match[0]}" means different things to different people.`,
      suggestion: `Give a number instead of "${match[0]}", such as "${exampleForVagueWord.get(word) ?? 'about 1 in 100 people'}".`,
    });
  }

  // One issue per stretch of words: "3 times more likely" is relative risk, not also a vague "likely".
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: WordingMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last === undefined || match.start >= last.end) kept.push(match);
  }
  return kept;
}

/** Wording issues in one text. */
export function checkWording(text: string): WordingIssue[] {
  return wordingMatches(text).map(({ kind, message, suggestion, excerpt }) => ({
    kind,
    message,
    suggestion,
    excerpt,
  }));
}

function denominatorIssue(row: AidRow, numbers: RowNumbers): NumberIssue[] {
  const { total, rowIndex } = numbers;
  if (!total || total.others.length === 0) return [];
  const totals = [...new Set(numbers.numbers.map((at) => at.number.denominator))];
  // A worked conversion helps, but only when it stays a whole number.
  const convertible = total.others
    .map((at) => at.number)
    .find((n) => Number.isInteger((n.numerator * total.shared) / n.denominator));
  const example = convertible
    ? `, for example "${(convertible.numerator * total.shared) / convertible.denominator} in ${total.shared}" rather than "${convertible.numerator} in ${convertible.denominator}"`
    : '';
  return [
    {
      kind: 'denominator-mismatch',
      pointer: toPointer(['rows', rowIndex]),
      message: `The numbers in ${quotedRowName(row, rowIndex)} use different totals: ${listOf(totals.map(String))}.`,
      suggestion: `Give every number in this row out of ${total.shared}${example}.`,
    },
  ];
}

function timeFrameIssue(row: AidRow, numbers: RowNumbers): NumberIssue[] {
  const { timeFrame, rowIndex } = numbers;
  if (!timeFrame || timeFrame.written.length < 2) return [];
  const found = timeFrame.written.map((written) =>
    written === '' ? 'no time frame' : `"${written}"`,
  );
  return [
    {
      kind: 'time-frame-mismatch',
      pointer: toPointer(['rows', rowIndex]),
      message: `The numbers in ${quotedRowName(row, rowIndex)} cover different time frames: ${listOf(found)}.`,
      suggestion: `Give every number in this row over the same time frame, such as "${timeFrame.shared ?? ''}".`,
    },
  ];
}

/** Row-level (same denominator, same time frame across a row's numbers) and cell-text wording issues across the aid. */
export function checkNumbers(aid: AidContent): NumberIssue[] {
  const issues: NumberIssue[] = [];
  const wording = (path: ReadonlyArray<string | number>, text: string) => {
    for (const issue of checkWording(text)) issues.push({ ...issue, pointer: toPointer(path) });
  };

  const rows = rowNumbers(aid);
  aid.rows.forEach((row, r) => {
    const numbers = rows[r]!;
    issues.push(...denominatorIssue(row, numbers), ...timeFrameIssue(row, numbers));
    for (const option of aid.options) {
      wording(['rows', r, 'cells', option.id, 'text'], cellOf(row, option.id).text);
    }
  });
  aid.options.forEach((option, o) => wording(['options', o, 'description'], option.description));
  return issues;
}
