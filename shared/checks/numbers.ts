import type { AidContent, NaturalFrequency } from '../aid/schema';
import { aidLimits } from '../aid/limits';
import { cellOf, isBlank } from '../aid/cells';
import { listOf, optionName, quotedRowName } from '../aid/names';
import { timeFrameKey, timeFrameText } from '../aid/time-frames';
import { toPointer } from '../pointer';
import { patientTexts } from './patient-texts';
import type { NumberIssue } from './results';
import { numbersOfRow } from './row-numbers';
import { chanceOf, findNumbers, findTimeFrames, type FoundNumber } from './text-numbers';

/**
 * The numbers and the wording around them, in every text a patient reads:
 * chances written in ways people misread (percentages, decimals, odds, "1 in
 * 37", numbers needed to treat, relative risk alone, vague words), numbers in a
 * cell's words that disagree with its structured number, and rows whose
 * options cannot be compared (different totals or time frames in the words,
 * or a number for one option and only words for another). The structured
 * numbers' own totals and time frames are the IPDAS criteria B6 and B7.
 */

type WordingIssue = Pick<NumberIssue, 'kind' | 'message' | 'suggestion' | 'excerpt'>;

interface WordingMatch extends WordingIssue {
  start: number;
  end: number;
}

const largestDenominator = aidLimits.denominator;
/** Totals people read as natural frequencies: "1 in 100" is as clear as "12 in 100". */
const naturalDenominators = new Set([10, 100, 1000, 10_000, largestDenominator]);

/**
 * A chance as "about N in T people", with the smallest natural total that
 * leaves at least 1 person; "about" is left out only when asked and exact.
 */
function asNaturalFrequency(chance: number, options: { sayExact?: boolean } = {}): string {
  if (chance <= 0) return '0 in 100 people';
  const total = [100, 1000, 10_000, largestDenominator].find((t) => chance * t >= 1);
  if (total === undefined) return `fewer than 1 in ${largestDenominator} people`;
  const count = Math.round(chance * total);
  const exact = Math.abs(count - chance * total) < 1e-9;
  return `${options.sayExact && exact ? '' : 'about '}${count} in ${total} people`;
}

const percent = String.raw`\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)`;
const multiplier = String.raw`(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|several|many)`;
const riskNoun = String.raw`(?:risk|chance|odds|likelihood)`;
const whose = String.raw`(?:(?:the|your|their|his|her|a|an)\s+)?`;
const someone = String.raw`(?:people|patients|men|women|deaths|cases|events|heart\s+attacks|strokes)`;

/** Wording that compares options without saying how many people are affected. */
const relativeRiskPatterns: RegExp[] = [
  String.raw`\b${multiplier}\s*(?:times|x|×)\s+(?:(?:more|less|as)\s+likely|(?:more|less|higher|lower|greater|the)\s+${riskNoun})`,
  String.raw`\b(?:twice|half)\s+(?:as\s+likely|the\s+${riskNoun})`,
  String.raw`\b(?:doubl|halv)(?:e|es|ed|ing)\s+${whose}${riskNoun}`,
  String.raw`\b(?:cut|cuts|reduce|reduces|lower|lowers|slash|slashes)\s+${whose}${riskNoun}(?:\s+of\s+[^.!?\n]{1,60}?)?\s+(?:in\s+half|by\s+half)`,
  String.raw`\b${percent}\s+(?:more|less)\s+likely`,
  String.raw`\b(?:reduc|increas|lower|rais|cut)\w*\s+${whose}${riskNoun}(?:\s+of\s+[^.!?\n]{1,60}?)?\s+by\s+(?:${percent}|a\s+(?:third|quarter|half|fifth))`,
  String.raw`\b${percent}\s+(?:lower|higher|smaller|greater|bigger|reduced|increased)\s+${riskNoun}`,
  String.raw`\b(?:an?\s+)?${percent}\s+(?:relative\s+)?(?:reduction|increase|drop|rise|fall|decrease)\b(?:\s+in\s+${whose}${riskNoun})?`,
  String.raw`\b${percent}\s+(?:fewer|more)\s+${someone}`,
  String.raw`\b(?:${multiplier}|two|three|four|five)[\s-]?fold\b`,
  String.raw`\b(?:twofold|threefold|fourfold|fivefold|tenfold)\b`,
  String.raw`\b(?:relative\s+risk|risk\s+ratio|odds\s+ratio|hazard\s+ratio)`,
].map((source) => new RegExp(source, 'gi'));

/** Vague words, each with the kind of number that could replace it. */
const vagueWords: Array<[words: string[], example: string]> = [
  [
    ['very rare', 'extremely rare', 'rare', 'rarely', 'seldom', 'very unusual', 'unusual'],
    'about 1 in 1000 people',
  ],
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
// Longest first, so "very common" wins over "common"; whole words only, so "likelihood" is no
// match; "most likely" and "more likely" say which is likelier, not how likely.
const vagueWordPattern = new RegExp(
  `(?<!\\b(?:most|more|less|as)\\s+)\\b(?:${[...exampleForVagueWord.keys()]
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

function numberIssue(found: FoundNumber): Omit<WordingIssue, 'excerpt'> | undefined {
  const { number, excerpt } = found;
  switch (number.kind) {
    case 'frequency': {
      if (naturalDenominators.has(number.denominator)) return undefined;
      const better = asNaturalFrequency(number.numerator / number.denominator);
      return number.numerator === 1
        ? {
            kind: 'one-in-x',
            message: `"${excerpt}" is hard to compare with the other options' numbers.`,
            suggestion: `Say "${better}" (same total across the row) rather than "${excerpt}".`,
          }
        : {
            kind: 'uncommon-total',
            message: `"${excerpt}" uses a total that is hard to picture and compare.`,
            suggestion: `Say "${better}", out of 100 or 1000 like the other numbers.`,
          };
    }
    case 'percentage':
    case 'decimal': {
      const chance = chanceOf(number);
      const better =
        chance === undefined
          ? 'a number such as "4 in 100 people"'
          : `"${asNaturalFrequency(chance, { sayExact: true })}"`;
      return {
        kind: 'percentage',
        message: `"${excerpt}" is a ${number.kind === 'decimal' ? 'decimal' : 'percentage'}: many people misread chances written this way.`,
        suggestion: `Say ${better} instead.`,
      };
    }
    case 'odds':
      return {
        kind: 'odds',
        message: `"${excerpt}" gives odds, which most people read as a chance and get wrong.`,
        suggestion: 'Give how many people out of 100 (or 1000) it happens to, for each option.',
      };
    case 'nnt':
      return {
        kind: 'number-needed-to-treat',
        message: `"${excerpt}" is a number needed to treat, which few patients can use.`,
        suggestion:
          'Give how many people out of 100 have the outcome with and without the treatment, such as "8 in 100" and "4 in 100".',
      };
  }
}

/**
 * Wording issues in one text. A relative figure is fine beside the absolute
 * numbers (`hasAbsolute`: the text or its cell gives "x in N"); alone, it is not.
 */
export function checkWording(
  text: string,
  options: { hasAbsolute?: boolean } = {},
): WordingIssue[] {
  const found: WordingMatch[] = [];
  const add = (
    at: { start: number; end: number; excerpt: string },
    issue: Omit<WordingIssue, 'excerpt'>,
  ) => found.push({ ...issue, excerpt: at.excerpt, start: at.start, end: at.end });
  const numbers = findNumbers(text);
  const hasAbsolute =
    options.hasAbsolute === true ||
    numbers.some(
      (n) => n.number.kind === 'frequency' && naturalDenominators.has(n.number.denominator),
    );

  const relative = relativeRiskPatterns.flatMap((pattern) =>
    [...matchesOf(pattern, text)].map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      excerpt: match[0],
    })),
  );
  if (!hasAbsolute) {
    for (const match of relative) {
      add(match, {
        kind: 'relative-risk',
        message: `"${match.excerpt}" compares the options without saying how many people are affected.`,
        suggestion:
          'Give the chance with and without treatment, such as "8 in 100 people" and "4 in 100 people"; a relative figure may stay beside them.',
      });
    }
  }
  for (const match of numbers) {
    // The number of a relative figure ("30% fewer", "the relative risk is 0.5") is not a chance.
    const ofRelative = relative.some((r) => match.start < r.end + 12 && match.end > r.start);
    const issue = numberIssue(match);
    if (issue && !(ofRelative && issue.kind === 'percentage')) add(match, issue);
  }
  for (const match of matchesOf(vagueWordPattern, text)) {
    const word = match[0].toLowerCase().replace(/\s+/g, ' ');
    add(
      { start: match.index, end: match.index + match[0].length, excerpt: match[0] },
      {
        kind: 'vague-word',
        message: `"${match[0]}" means different things to different people.`,
        suggestion: `Give a number instead of "${match[0]}", such as "${exampleForVagueWord.get(word) ?? 'about 1 in 100 people'}".`,
      },
    );
  }

  // One issue per stretch of words: "30% fewer people" is relative risk, not also a percentage.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: WordingMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last === undefined || match.start >= last.end) kept.push(match);
  }
  return kept.map(({ kind, message, suggestion, excerpt }) => ({
    kind,
    message,
    suggestion,
    excerpt,
  }));
}

/** Two chances are the same number when they differ by less than half a person in the total. */
const sameChance = (a: number, b: number, total: number) => Math.abs(a - b) * total < 0.5;

export interface NumbersRead {
  structured: number;
  inText: number;
}

/** Every number issue of an aid, and how many numbers were read to find them. */
export function checkNumbers(aid: AidContent): { issues: NumberIssue[]; read: NumbersRead } {
  const issues: NumberIssue[] = [];
  const read: NumbersRead = { structured: 0, inText: 0 };

  for (const text of patientTexts(aid)) {
    // Captions are written from the structured numbers: only the author's own words are read.
    if (text.path.includes('numbers') || isBlank(text.text)) continue;
    const cell = text.cell ? cellOf(aid.rows[text.cell.rowIndex]!, text.cell.optionId) : undefined;
    const found = findNumbers(text.text);
    read.inText += found.length;
    const pointer = toPointer(text.path);
    for (const issue of checkWording(text.text, { hasAbsolute: (cell?.numbers.length ?? 0) > 0 })) {
      issues.push({ ...issue, pointer });
    }
    if (cell && text.cell && cell.numbers.length > 0) {
      const inRow = numbersOfRow(aid, text.cell.rowIndex).map((at) => at.number);
      for (const match of found) {
        const contradiction = contradicts(match, cell.numbers, inRow);
        if (contradiction) issues.push({ ...contradiction, pointer, excerpt: match.excerpt });
      }
    }
  }

  aid.rows.forEach((row, rowIndex) => {
    read.structured += numbersOfRow(aid, rowIndex).length;
    issues.push(...rowIssues(aid, rowIndex));
  });
  return { issues, read };
}

/**
 * Whether a number in a cell's words disagrees with the numbers the row gives.
 * Words may quote the cell's own number, its range, the other side ("86 do
 * not"), or another option's number ("without a statin it would be 8 in 100").
 */
function contradicts(
  match: FoundNumber,
  cellNumbers: readonly NaturalFrequency[],
  rowNumbers: readonly NaturalFrequency[],
): Omit<NumberIssue, 'pointer' | 'excerpt'> | undefined {
  const chance = chanceOf(match.number);
  if (chance === undefined) return undefined;
  // Words are as exact as their total: "3 in 1000" to a person in 1000, "4%" to one in 100.
  const total = match.number.kind === 'frequency' ? match.number.denominator : 100;
  // A frequency out of another total may be about something else: only the same total is compared.
  if (match.number.kind === 'frequency' && !cellNumbers.some((n) => n.denominator === total)) {
    return undefined;
  }
  const within = (n: NaturalFrequency) =>
    n.range !== undefined &&
    chance >= n.range.low / n.denominator &&
    chance <= n.range.high / n.denominator;
  const candidates = rowNumbers.flatMap((n) => [
    n.numerator / n.denominator,
    (n.denominator - n.numerator) / n.denominator,
  ]);
  for (const denominator of new Set(cellNumbers.map((n) => n.denominator))) {
    const together = cellNumbers
      .filter((n) => n.denominator === denominator)
      .reduce((sum, n) => sum + n.numerator, 0);
    candidates.push(together / denominator, (denominator - together) / denominator);
  }
  const agrees =
    cellNumbers.some(within) ||
    candidates.some((candidate) => sameChance(chance, candidate, total));
  if (agrees) return undefined;
  const given = listOf(cellNumbers.map((n) => `${n.numerator} in ${n.denominator}`));
  return {
    kind: 'contradicts-number',
    message: `The words say "${match.excerpt}", but this answer's number says ${given}.`,
    suggestion: 'Make the words and the number agree, or take the number out of the words.',
  };
}

interface RowTextNumbers {
  optionIndex: number;
  optionId: string;
  denominators: number[];
  timeFrames: Array<{ key: string; words: string }>;
  hasChance: boolean;
  hasWords: boolean;
  vague: string | undefined;
}

function rowIssues(aid: AidContent, rowIndex: number): NumberIssue[] {
  const row = aid.rows[rowIndex]!;
  const rowName = quotedRowName(row, rowIndex);
  const pointer = toPointer(['rows', rowIndex]);
  const perOption: RowTextNumbers[] = aid.options.map((option, optionIndex) => {
    const cell = cellOf(row, option.id);
    const found = findNumbers(cell.text);
    const vague = checkWording(cell.text).find((issue) => issue.kind === 'vague-word');
    return {
      optionIndex,
      optionId: option.id,
      denominators: found.flatMap((f) =>
        f.number.kind === 'frequency' ? [f.number.denominator] : [],
      ),
      timeFrames: findTimeFrames(cell.text).map((t) => ({
        key: timeFrameKey(t),
        words: timeFrameText(t),
      })),
      hasChance: cell.numbers.length > 0 || found.some((f) => chanceOf(f.number) !== undefined),
      hasWords: !isBlank(cell.text),
      vague: vague?.excerpt,
    };
  });
  const structured = numbersOfRow(aid, rowIndex);
  const issues: NumberIssue[] = [];

  const withNumbers = perOption.filter((o) => o.hasChance);
  // A row of practical matters ("after 3 months") has no chances to compare.
  if (withNumbers.length === 0) return [];

  // Totals and time frames the words add to the structured ones (theirs alone are B6 and B7).
  const structuredTotals = new Set(structured.map((at) => at.number.denominator));
  const allTotals = new Set([...structuredTotals, ...perOption.flatMap((o) => o.denominators)]);
  if (allTotals.size > 1 && structuredTotals.size <= 1) {
    issues.push({
      kind: 'denominator-mismatch',
      pointer,
      message: `The numbers in ${rowName} use different totals in their words: ${listOf([...allTotals].map((t) => `out of ${t}`))}.`,
      suggestion: `Give every number in this row out of the same total, such as ${Math.max(...allTotals) <= 1000 ? 'out of 100' : 'out of 1000'}.`,
    });
  }
  const structuredFrames = new Map(
    structured
      .filter((at) => at.number.timeFrame)
      .map((at) => [timeFrameKey(at.number.timeFrame), timeFrameText(at.number.timeFrame)]),
  );
  const allFrames = new Map(structuredFrames);
  for (const option of perOption) for (const t of option.timeFrames) allFrames.set(t.key, t.words);
  if (allFrames.size > 1 && structuredFrames.size <= 1) {
    issues.push({
      kind: 'time-frame-mismatch',
      pointer,
      message: `The options in ${rowName} are described over different lengths of time: ${listOf([...allFrames.values()].map((w) => `"${w}"`))}.`,
      suggestion: `Give every option in this row over the same time, such as "over ${[...allFrames.values()][0]}".`,
    });
  }

  const wordsOnly = perOption.filter((o) => !o.hasChance && o.hasWords);
  if (wordsOnly.length > 0) {
    for (const option of wordsOnly) {
      const name = optionName(aid.options[option.optionIndex], option.optionIndex);
      issues.push({
        kind: 'number-and-words',
        pointer: toPointer(['rows', rowIndex, 'cells', option.optionId, 'text']),
        message: `${name} on ${rowName} gives only words${option.vague ? ` ("${option.vague}")` : ''}, while ${listOf(withNumbers.map((o) => optionName(aid.options[o.optionIndex], o.optionIndex)))} ${withNumbers.length === 1 ? 'gives a number' : 'give numbers'}.`,
        suggestion: 'Give a number for every option in the row, so patients can compare them.',
        ...(option.vague ? { excerpt: option.vague } : {}),
      });
    }
  }
  return issues;
}
