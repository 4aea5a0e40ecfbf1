import type { AidOption, AidRow } from './schema';

/**
 * How the parts of an aid are named in sentences, once: by their words, or by
 * their place when the author has not written them yet.
 */

/**
 * A row's name: what patients weigh (its consideration), else the question
 * they ask; or the question first, as authors find rows in the editor. Its
 * place ("Question 2") when both are blank.
 */
export function rowName(
  row: Pick<AidRow, 'label' | 'question'> | undefined,
  index: number,
  first: 'consideration' | 'question' = 'consideration',
): string {
  const label = row?.label.trim() ?? '';
  const question = row?.question.trim() ?? '';
  const name = first === 'consideration' ? label || question : question || label;
  return name || `Question ${index + 1}`;
}

/** A row's name inside a sentence: its words in quotes, its place as it is. */
export function quotedRowName(
  row: Pick<AidRow, 'label' | 'question'> | undefined,
  index: number,
  first: 'consideration' | 'question' = 'consideration',
): string {
  const name = rowName(row, index, first);
  return name === `Question ${index + 1}` ? name : `“${name}”`;
}

/** An option's name, or its place ("Option 2"). */
export function optionName(option: Pick<AidOption, 'name'> | undefined, index: number): string {
  return option?.name.trim() || `Option ${index + 1}`;
}

// Made on first use: the first Intl formatter of a process loads locale data, which a
// cold start that lists nothing would wait for (about 25 ms).
let conjunction: Intl.ListFormat | undefined;

/** "A", "A and B", "A, B and C". */
export const listOf = (items: readonly string[]): string =>
  (conjunction ??= new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' })).format(
    items,
  );

/** An option's name inside a sentence: its words in quotes, its place as it is. */
export function quotedOptionName(
  option: Pick<AidOption, 'name'> | undefined,
  index: number,
): string {
  const name = option?.name.trim();
  return name ? `“${name}”` : `Option ${index + 1}`;
}

/** Where something is, and what it says: "Question 2 “How long is recovery?”". */
export function placeAndWords(place: string, words: string): string {
  const said = words.trim();
  return said ? `${place} “${said}”` : place;
}
