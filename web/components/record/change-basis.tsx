// Kept apart from the decision forms, so that a page with only a button (the screen shown to the
// patient) loads no form library.

/** A change refused because the record changed first, said above the form's button. */
export function Conflict({ message }: { message: string | undefined }) {
  return message ? (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The hidden fields every change carries: what it was based on, and its client token. */
export function ChangeBasis({ revision, clientToken }: { revision: number; clientToken: string }) {
  return (
    <>
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="clientToken" value={clientToken} />
    </>
  );
}
