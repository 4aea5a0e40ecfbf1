import type { AidContentInput } from '#shared/aid/schema';

/**
 * The editor's form as the page names it, without its schema: what the page
 * loads first (aid-form.ts brings zod, loaded only with the live checks).
 */
export const EDITOR_FORM_ID = 'editor';

/** The form's data as Conform's `defaultValue` and field metadata see it: the aid itself. */
export type AidFormShape = AidContentInput;

/** The id of a field of the editor, as Conform gives it. */
export const editorFieldId = (name: string) => `${EDITOR_FORM_ID}-${name}`;
