/** The browser session cookie: an opaque id; the session itself lives in DynamoDB. */
export const SESSION_COOKIE = 'dt_session';
/** Holds the OpenID Connect state and PKCE verifier during sign-in, for ten minutes. */
export const SIGN_IN_COOKIE = 'dt_signin';
/** A patient's session: one record, started from their invitation link. */
export const PATIENT_COOKIE = 'dt_patient';
