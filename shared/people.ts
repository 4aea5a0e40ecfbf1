import * as z from 'zod';
import { Id } from './ids';

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
  })
  .meta({ id: 'Clinician' });
export type Clinician = z.infer<typeof Clinician>;

/** The signed-in clinician and their organisation. */
export const Me = z
  .object({
    clinician: Clinician.pick({ id: true, name: true, email: true }),
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

/** The service and its data store answer. */
export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
