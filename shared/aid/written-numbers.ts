/**
 * Whole numbers as authors write them, in digits or words ("12", "1,000",
 * "twelve", "two hundred and fifty"), read once for the time frames and the
 * number checks. No zod: patient pages may use it in the browser.
 */

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
/** "twenty-five", "a hundred", "two hundred and fifty". */
const numberInWords = `(?:a[\\s-]+)?${numberWord}(?:[\\s-]+(?:and[\\s-]+)?${numberWord})*`;
/** "12", "1,000", "10000". */
const numberInDigits = String.raw`\d{1,3}(?:,\d{3})+|\d+`;
/** A whole number in digits or words, as a regular expression source. */
export const wholeNumber = `(?:${numberInDigits}|${numberInWords})`;

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

/** A whole number written in digits or words. */
export function parseWhole(written: string): number {
  return /\d/.test(written) ? Number(written.replaceAll(',', '')) : parseNumberWords(written);
}
