import { syllable } from 'syllable';
import type { AidContent } from '../aid/schema';
import { cellOf, isBlank } from '../aid/cells';
import { placeAndWords, quotedOptionName, quotedRowName } from '../aid/names';
import { toPointer } from '../problem';
import {
  READABILITY_TARGET,
  type AidReadability,
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
 * Numerals count as one syllable: plain-language guides ask for "12 in 100",
 * and reading digits at a glance must not raise the grade.
 */
function syllablesOf(word: string): number {
  return word
    .split(/[-‐‑]+/u)
    .filter((part) => hasLetterOrDigit.test(part))
    .reduce((sum, part) => sum + (hasLetter.test(part) ? Math.max(1, syllable(part)) : 1), 0);
}

/**
 * Line breaks in cells are usually bullets or separate points, so each ends a
 * sentence, unless the next line carries on in lower case (a wrapped sentence).
 */
function passagesOf(text: string): string[] {
  const passages: string[] = [];
  let current = '';
  let previousBlank = true;
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      previousBlank = true;
      continue;
    }
    if (current !== '' && !previousBlank && startsInLowerCase.test(line)) {
      current += ' ' + line;
    } else {
      if (current !== '') passages.push(current);
      current = line;
    }
    previousBlank = false;
  }
  if (current !== '') passages.push(current);
  return passages;
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
        if (syllables >= 3) counts.polysyllables += 1;
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

function gradesOf(counts: TextCounts): TextReadability {
  if (counts.words === 0 || counts.sentences === 0) {
    return {
      words: 0,
      sentences: 0,
      syllables: 0,
      polysyllables: 0,
      fleschKincaidGrade: null,
      smogGrade: null,
      grade: null,
    };
  }
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

interface PatientText {
  path: ReadonlyArray<string | number>;
  label: string;
  text: string;
}

/** Patient-facing texts in the order a patient reads them, blank ones included. */
function patientTexts(aid: AidContent): PatientText[] {
  const optionName = (index: number) => quotedOptionName(aid.options[index], index);
  const optionTitle = (index: number) =>
    placeAndWords(`Option ${index + 1}`, aid.options[index]?.name ?? '');
  const texts: PatientText[] = [
    { path: ['title'], label: 'Title', text: aid.title },
    { path: ['condition'], label: 'Condition', text: aid.condition },
    { path: ['question'], label: 'Decision question', text: aid.question },
    { path: ['audience'], label: 'Who the aid is for', text: aid.audience },
  ];
  aid.options.forEach((option, o) => {
    texts.push(
      { path: ['options', o, 'name'], label: `Option ${o + 1}: name`, text: option.name },
      {
        path: ['options', o, 'description'],
        label: `${optionTitle(o)}: description`,
        text: option.description,
      },
    );
  });
  aid.rows.forEach((row, r) => {
    const rowTitle = placeAndWords(`Question ${r + 1}`, row.question);
    const rowName = quotedRowName({ question: row.question, label: '' }, r, 'question');
    texts.push(
      { path: ['rows', r, 'question'], label: rowTitle, text: row.question },
      { path: ['rows', r, 'label'], label: `${rowTitle}: consideration`, text: row.label },
    );
    aid.options.forEach((option, o) => {
      texts.push({
        path: ['rows', r, 'cells', option.id, 'text'],
        label: `${rowName} for ${optionName(o)}`,
        text: cellOf(row, option.id).text,
      });
    });
  });
  return texts;
}

/** Reading grade of every patient-facing text of an aid, and of the aid as a whole. */
export function measureAid(aid: AidContent): AidReadability {
  const total: TextCounts = { words: 0, sentences: 0, syllables: 0, polysyllables: 0 };
  const texts: MeasuredText[] = [];
  for (const { path, label, text } of patientTexts(aid)) {
    if (isBlank(text)) continue;
    // Counting each text on its own makes every text at least one sentence in the total.
    const counts = countText(text);
    total.words += counts.words;
    total.sentences += counts.sentences;
    total.syllables += counts.syllables;
    total.polysyllables += counts.polysyllables;
    const grades =
      counts.words < MIN_WORDS_TO_GRADE
        ? { ...counts, fleschKincaidGrade: null, smogGrade: null, grade: null }
        : gradesOf(counts);
    texts.push({ pointer: toPointer(path), label, ...grades });
  }
  return {
    texts,
    overall: gradesOf(total),
    aboveTarget: texts.filter((text) => text.grade !== null && text.grade > READABILITY_TARGET),
    target: READABILITY_TARGET,
  };
}
