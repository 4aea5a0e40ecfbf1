import type { RecordPdfRenderer } from '../exports/record-pdf-renderer';
import type { Actor } from '#shared/aid/aids';
import type { Logger } from '../log/logger';
import type { MemberDirectory } from '../auth/member-directory';
import type { TokenVerifier } from '../auth/tokens';
import type { Principal } from '../store/principal';
import type { Store } from '../store/store';
import type { MemberRole } from '#shared/members';
import type { Organisation } from '#shared/people';
import type { RecordView } from '#shared/record/schema';

/** Who is reading a record: a clinician of its organisation, or the patient its link was given to. */
export type RecordReader = { kind: 'clinician'; principal: Principal } | { kind: 'patient' };

/** A record with everything around it that its readers may see, and who is reading. */
export interface RecordAccess {
  orgId: string;
  view: RecordView;
  organisation: Organisation;
  reader: RecordReader;
}

/** What the API needs from the outside world; tests pass real or fake ones. */
export interface ApiDeps {
  store: Store;
  verifier: TokenVerifier;
  log: Logger;
  /** The address patients open, for the links in invitations: https://decide.example.org */
  publicOrigin: string;
  /** How long a browser session lives. */
  sessionLifetimeSeconds?: number;
  /** Largest accepted request body. */
  bodyLimitBytes?: number;
  /**
   * Loads the PDF renderer when a record is first exported: it stays out of
   * every other request's cold start (ADR 12).
   */
  loadPdfRenderer: () => Promise<RecordPdfRenderer>;
  /**
   * Members' accounts at the identity provider (ADR 17): Cognito in AWS, the
   * development issuer locally. Without one, invitations answer 503.
   */
  memberDirectory?: MemberDirectory;
}

export interface ApiEnv {
  Variables: {
    deps: Required<ApiDeps>;
    requestId: string;
    /** Set by `requireClinician`; only read on routes behind it. */
    principal: Principal;
    /** What the route reads once the clinician is known, asked for with their session (`readsWithSession`). */
    readsAhead?: (principal: Principal) => Array<Promise<unknown>>;
    /** The same clinician as records name them, read when they were authenticated. */
    clinician: Actor;
    /** The signed-in clinician's role, read with them on every request. */
    role: MemberRole;
    /** Set by `requirePatient` and `requireRecordReader`: the record, and who reads it. */
    access: RecordAccess;
  };
}
