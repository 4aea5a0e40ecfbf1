import { syllable } from 'syllable';
import type { AidContent } from '../aid/schema';
import { isBlank } from '../aid/cells';
import { toPointer } from '../pointer';
import { JARGON, LONG_WORD_SYLLABLES } from './jargon';
import { patientTexts } from './patient-texts';
import {
  READABILITY_TARGET,
  type AidReadability,
  type HardWord,
  type MeasuredText,
  type TextReadability,
} from './results';

/**
 * Grade formulas mean little on a few words ("Infection" alone scores grade 20
 * on Flesch–Kincaid and 8.8 on SMOG): shorter texts in an aid, such as names
 * and labels, are counted but not graded. They still count in the overall grade.
 */
export const MIN_WORDS_TO_GRADE = 10;

/**
 * SMOG is built on samples of 30 sentences. On a sentence or two it mostly
 * counts long words: one "operation" in one sentence is already grade 8.8. So
 * a text is gated on the stricter of the two grades from 10 sentences (the
 * whole aid), and on Flesch–Kincaid below that (a cell). Both are reported.
 */
export const MIN_SENTENCES_FOR_SMOG = 10;

interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
  polysyllables: number;
}

/**
 * A full stop after these does not end a sentence. "etc." and "no." are left out
 * on purpose: they often do end one.
 */
const abbreviations = new Set([
  'dr.',
  'mr.',
  'mrs.',
  'ms.',
  'prof.',
  'st.',
  'vs.',
  'approx.',
  'cf.',
  'fig.',
  'al.',
  'ca.',
  'incl.',
]);
/** Dotted initialisms such as "e.g.", "i.e.", "a.m.". */
const dottedInitialism = /^(?:\p{L}\.){2,}$/u;

const openers = /^[("'“‘[]+/u;
const closers = /["'”’)\]]+$/u;
const edgePunctuation = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const hasLetterOrDigit = /[\p{L}\p{N}]/u;
const hasLetter = /\p{L}/u;
const startsInLowerCase = /^\p{Ll}/u;

/** The words of a line: spaces, slashes and dashes between words separate them; hyphens do not. */
function tokensOf(line: string): string[] {
  return line.split(/[\s/—–]+/u).filter((token) => token !== '');
}

function endsSentence(token: string): boolean {
  const core = token.replace(closers, '');
  if (/[!?]$/.test(core)) return true;
  if (!core.endsWith('.')) return false;
  const word = core.replace(openers, '').toLowerCase();
  return !abbreviations.has(word) && !dottedInitialism.test(word);
}

/**
 * Numerals count as one syllable for Flesch–Kincaid: plain-language guides ask
 * for "12 in 100", and reading digits at a glance must not raise the grade.
 */
function syllablesOf(word: string): number {
  return word
    .split(/[-‐‑]+/u)
    .filter((part) => hasLetterOrDigit.test(part))
    .reduce((sum, part) => sum + (hasLetter.test(part) ? Math.max(1, syllable(part)) : 1), 0);
}

const ones = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0 to 999 as spoken: 250 → "two hundred fifty". */
function spokenBelowThousand(n: number): string[] {
  const words: string[] = [];
  if (n >= 100) words.push(ones[Math.floor(n / 100)]!, 'hundred');
  const rest = n % 100;
  if (rest >= 20)
    words.push(tens[Math.floor(rest / 10)]!, ...(rest % 10 ? [ones[rest % 10]!] : []));
  else if (rest >= 10) words.push(teens[rest - 10]!);
  else if (rest > 0 || n === 0) words.push(ones[rest]!);
  return words;
}

/** A numeral as it is read aloud: "4%" → four percent, "1,000" → one thousand, "0.04" → zero point zero four. */
export function spokenNumeral(token: string): string[] {
  const match = /^(\d[\d,]*)(?:\.(\d+))?(%?)$/.exec(token);
  if (!match) return [token];
  const whole = Number((match[1] ?? '').replaceAll(',', ''));
  if (!Number.isSafeInteger(whole) || whole >= 1_000_000_000) return [token];
  const words: string[] = [];
  const millions = Math.floor(whole / 1_000_000);
  const thousands = Math.floor((whole % 1_000_000) / 1000);
  const below = whole % 1000;
  if (millions) words.push(...spokenBelowThousand(millions), 'million');
  if (thousands) words.push(...spokenBelowThousand(thousands), 'thousand');
  if (below || whole === 0) words.push(...spokenBelowThousand(below));
  if (match[2]) words.push('point', ...[...match[2]].map((digit) => ones[Number(digit)]!));
  if (match[3]) words.push('percent');
  return words;
}

/** Words of three or more syllables, as SMOG counts them: numerals as they are spoken. */
function polysyllablesOf(word: string): number {
  if (!/^\d/.test(word)) return syllablesOf(word) >= 3 ? 1 : 0;
  return spokenNumeral(word).filter((spoken) => syllable(spoken) >= 3).length;
}

const endsWithPunctuation = /[.!?:;,]["'”’)\]]*$/u;

/**
 * A block of lines is a list, not a wrapped sentence, when it is introduced by
 * a colon or when two or more lines run on in lower case without one of them
 * ending a sentence ("pain", "swelling", "stiffness").
 */
function isList(lines: readonly string[]): boolean {
  const following = lines.slice(1);
  if (following.length === 0) return false;
  if (/:["'”’)\]]*$/u.test(lines[0] ?? '')) return true;
  return following.length >= 2 && following.every((line) => !/[.!?]["'”’)\]]*$/u.test(line));
}

/**
 * Line breaks in cells are usually bullets or separate points, so each ends a
 * sentence, unless the next line carries on a wrapped sentence (in lower case,
 * after a line left open). A list of lines in lower case stays a list.
 */
function passagesOf(text: string): string[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    );
  return blocks.flatMap((lines) => {
    if (isList(lines)) return lines;
    const passages: string[] = [];
    for (const line of lines) {
      const last = passages.at(-1);
      if (last !== undefined && startsInLowerCase.test(line) && !endsWithPunctuation.test(last)) {
        passages[passages.length - 1] = `${last} ${line}`;
      } else {
        passages.push(line);
      }
    }
    return passages;
  });
}

function countText(text: string): TextCounts {
  const counts: TextCounts = { words: 0, sentences: 0, syllables: 0, polysyllables: 0 };
  for (const passage of passagesOf(text)) {
    let wordsInSentence = 0;
    for (const token of tokensOf(passage)) {
      const word = token.replace(edgePunctuation, '');
      if (hasLetterOrDigit.test(word)) {
        const syllables = syllablesOf(word);
        counts.words += 1;
        counts.syllables += syllables;
        counts.polysyllables += polysyllablesOf(word);
        wordsInSentence += 1;
      }
      if (wordsInSentence > 0 && endsSentence(token)) {
        counts.sentences += 1;
        wordsInSentence = 0;
      }
    }
    // Text with no closing punctuation is still a sentence.
    if (wordsInSentence > 0) counts.sentences += 1;
  }
  return counts;
}

/** Rounds to one decimal; the epsilon stops 2.45 becoming 2.4 through binary fractions. */
function oneDecimal(value: number): number {
  return Math.round((value + Number.EPSILON) * 10) / 10;
}

/** What text without a word or a sentence measures: nothing, and no grade. */
export const nothingToGrade: Readonly<TextReadability> = {
  words: 0,
  sentences: 0,
  syllables: 0,
  polysyllables: 0,
  fleschKincaidGrade: null,
  smogGrade: null,
  grade: null,
};

function gradesOf(counts: TextCounts): TextReadability {
  if (counts.words === 0 || counts.sentences === 0) return { ...nothingToGrade };
  const fleschKincaid =
    0.39 * (counts.words / counts.sentences) + 11.8 * (counts.syllables / counts.words) - 15.59;
  const smog = 1.043 * Math.sqrt((counts.polysyllables * 30) / counts.sentences) + 3.1291;
  const fleschKincaidGrade = oneDecimal(Math.max(0, fleschKincaid));
  const smogGrade = oneDecimal(smog);
  return {
    ...counts,
    fleschKincaidGrade,
    smogGrade,
    grade:
      counts.sentences >= MIN_SENTENCES_FOR_SMOG
        ? Math.max(fleschKincaidGrade, smogGrade)
        : fleschKincaidGrade,
  };
}

/** Reading grade of one text, by Flesch–Kincaid and SMOG. */
export function measureText(text: string): TextReadability {
  return gradesOf(countText(text));
}

const wordPattern = /[\p{L}][\p{L}'’-]*/gu;

/** Long and technical words in one text, each with a plainer way to say it where the list has one. */
export function hardWordsIn(text: string): Array<{ word: string; plainer: string | null }> {
  const lower = text.toLowerCase();
  const found: Array<{ word: string; plainer: string | null; start: number; end: number }> = [];
  // Terms of several words first ("deep vein thrombosis" before "thrombosis").
  const terms = [...JARGON.keys()].sort((a, b) => b.length - a.length);
  for (const term of terms) {
    const pattern = new RegExp(`(?<![\\p{L}-])${term.replaceAll(' ', '\\s+')}(?![\\p{L}-])`, 'gu');
    for (const match of lower.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ word: text.slice(start, end), plainer: JARGON.get(term) ?? null, start, end });
    }
  }
  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((f) => start < f.end && end > f.start)) continue;
    if (syllablesOf(match[0]) >= LONG_WORD_SYLLABLES) {
      found.push({ word: match[0], plainer: null, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ word, plainer }) => ({ word, plainer }));
}

/** The formulas and the word list are built for English: other languages are not graded. */
export const isEnglish = (language: string) => /^en(-|$)/i.test(language);

/** Reading grade of every patient-facing text of an aid, of the aid as a whole, and its hard words. */
export function measureAid(aid: AidContent): AidReadability {
  if (!isEnglish(aid.language)) {
    return {
      measured: false,
      texts: [],
      overall: gradesOf({ words: 0, sentences: 0, syllables: 0, polysyllables: 0 }),
      aboveTarget: [],
      hardWords: [],
      target: READABILITY_TARGET,
    };
  }
  const total: TextCounts = { words: 0, sentences: 0, syllables: 0, polysyllables: 0 };
  const texts: MeasuredText[] = [];
  const hardWords: HardWord[] = [];
  for (const { path, label, text, role } of patientTexts(aid)) {
    if (isBlank(text)) continue;
    const pointer = toPointer(path);
    // Counting each text on its own makes every text at least one sentence in the total.
    const counts = countText(text);
    // Names and labels of a word or two would dilute the whole aid's grade.
    if (role === 'prose') {
      total.words += counts.words;
      total.sentences += counts.sentences;
      total.syllables += counts.syllables;
      total.polysyllables += counts.polysyllables;
    }
    const grades =
      counts.words < MIN_WORDS_TO_GRADE
        ? { ...counts, fleschKincaidGrade: null, smogGrade: null, grade: null }
        : gradesOf(counts);
    texts.push({ pointer, label, ...grades });
    for (const hard of hardWordsIn(text)) {
      // One entry per word, where it first appears: a condition's name is not ten problems.
      const seen = hardWords.find((h) => h.word.toLowerCase() === hard.word.toLowerCase());
      if (seen) seen.occurrences += 1;
      else hardWords.push({ pointer, label, ...hard, occurrences: 1 });
    }
  }
  return {
    measured: true,
    texts,
    overall: gradesOf(total),
    aboveTarget: texts.filter((text) => text.grade !== null && text.grade > READABILITY_TARGET),
    hardWords,
    target: READABILITY_TARGET,
  };
}
