import * as z from 'zod';

/**
 * Characters no one means to type: control characters other than newline and
 * tab, and lone halves of a surrogate pair (broken UTF-16, which cannot be
 * stored or printed faithfully). Pasted text from other programs carries them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unwantedCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Cs}/u;

export const UNWANTED_CHARACTER_MESSAGE =
  'Remove the hidden or broken characters in this text (they often come with text copied from another program).';

/** Line breaks as one "\n" (forms send "\r\n"), and one spelling of each letter (Unicode NFC). */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

export function hasUnwantedCharacter(text: string): boolean {
  return unwantedCharacter.test(text);
}

/**
 * Every text a person types, authored or a patient's: normalised, and refused
 * with a message at the field when it holds characters no one means to type.
 * Chain `.trim()`, `.min()` and `.max()` as for any string.
 */
export function typedText(notText = 'This must be text') {
  return z
    .string({ error: notText })
    .overwrite(normaliseText)
    .refine((text) => !hasUnwantedCharacter(text), UNWANTED_CHARACTER_MESSAGE);
}
