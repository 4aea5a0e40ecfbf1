import * as z from 'zod';
import { Id } from './ids';
import { MemberRole } from './members';

export const Organisation = z
  .object({
    id: Id,
    name: z.string(),
    /**
     * The URI that names the organisation's own references (appointment numbers
     * and the like) in FHIR exports; without it, exports carry no Patient.
     */
    patientIdentifierSystem: z.url().nullable().default(null),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

export const Clinician = z
  .object({
    id: Id,
    orgId: Id,
    name: z.string(),
    email: z.email(),
    /** An admin also manages the organisation's members (ADR 17). */
    role: MemberRole,
  })
  .meta({ id: 'Clinician' });
export type Clinician = z.infer<typeof Clinician>;

/** The signed-in clinician and their organisation. */
export const Me = z
  .object({
    clinician: Clinician.pick({ id: true, name: true, email: true, role: true }),
    organisation: Organisation,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** A browser session started from a bearer token; the id goes into the session cookie. */
export const NewSession = z
  .object({
    sessionId: z.string().describe('Put in the session cookie; it is not stored anywhere else'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'NewSession' });
export type NewSession = z.infer<typeof NewSession>;

/** Starts a browser session; at a first sign-in, the ID token links an invited member (ADR 17). */
export const SessionStart = z
  .object({
    idToken: z
      .string()
      .max(16_384)
      .optional()
      .describe("The ID token from sign-in: its verified email links an invited member's account"),
  })
  .meta({ id: 'SessionStart' });
export type SessionStart = z.infer<typeof SessionStart>;

/** The service and its data store answer. */
export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
