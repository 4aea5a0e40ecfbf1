import type { Logger } from '../log';
import type { TokenVerifier } from '../auth/tokens';
import type { Principal } from '../store/principal';
import type { Store } from '../store/store';
import type { PatientAccess } from './patient-access';

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
}

export interface ApiEnv {
  Variables: {
    deps: Required<ApiDeps>;
    requestId: string;
    /** Set by `requireClinician`; only read on routes behind it. */
    principal: Principal;
    /** Set by `requirePatient`: the one record a patient's session may reach. */
    patient: PatientAccess;
  };
}
