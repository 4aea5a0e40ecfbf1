import { randomUUID } from 'node:crypto';

/** A client token for the forms of one page load: sent twice (a double click, a resent form), a change is made once. */
export const newClientToken = () => randomUUID();
