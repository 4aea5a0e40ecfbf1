/**
 * Where things are in the editor's page, by id: the grid's questions and
 * options, a question's details row, a cell's details and each of its
 * numbers. Links, redirects after a button and the checks all use these.
 */
export const rowAnchor = (rowId: string) => `row-${rowId}`;
export const detailsAnchor = (rowId: string) => `details-${rowId}`;
export const cellAnchor = (rowId: string, optionId: string) => `cell-${rowId}-${optionId}`;
export const numberAnchor = (rowId: string, optionId: string, index: number) =>
  `number-${rowId}-${optionId}-${index}`;
export const cellSourcesAnchor = (rowId: string, optionId: string) =>
  `sources-${rowId}-${optionId}`;

/** A cell's list of numbers, as Conform names it: `rows[2].cells.opt-1.numbers`. */
export function numbersListOf(name: string): { row: number; optionId: string } | null {
  const match = /^rows\[(\d+)\]\.cells\.(.+)\.numbers$/.exec(name);
  return match ? { row: Number(match[1]), optionId: match[2]! } : null;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
const truncate = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;

/**
 * How a source is named where a cell cites it, so that two papers by the same
 * group are told apart: its number, first author, year and title ("2. Smith
 * 2021: Statins for people over 75"). The whole citation goes in a tooltip.
 */
export function sourceLabel(number: number, citation: string, date = ''): string {
  const text = clean(citation);
  if (text === '') return `${number}. Untitled source`;
  const year = /^\d{4}/.exec(date)?.[0] ?? /\b(?:19|20)\d{2}\b/.exec(text)?.[0] ?? '';
  // "Smith J, Jones K. Title of the paper. Journal 2021;…": authors, then the title.
  const [authors = '', title = ''] = text.split(/\.\s+/);
  if (title === '' || authors.length > 120) return `${number}. ${truncate(text, 110)}`;
  const firstAuthor = clean(authors.split(/,|;|\bet al\b|\band\b|&/)[0] ?? '')
    .replace(/\s+[A-Z]{1,3}$/, '')
    .trim();
  const who = [truncate(firstAuthor, 40), year].filter(Boolean).join(' ');
  return `${number}. ${who ? `${who}: ` : ''}${truncate(title, 90)}`;
}
