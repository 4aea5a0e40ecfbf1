import * as z from 'zod';
import { Id } from './ids';

export const Organisation = z.object({
  id: Id,
  name: z.string(),
  /**
   * The URI that names the organisation's own references (appointment numbers
   * and the like) in FHIR exports; without it, exports carry no Patient.
   */
  patientIdentifierSystem: z.url().nullable().default(null),
});
export type Organisation = z.infer<typeof Organisation>;

export const Clinician = z.object({
  id: Id,
  orgId: Id,
  name: z.string(),
  email: z.email(),
});
export type Clinician = z.infer<typeof Clinician>;

/** The signed-in clinician and their organisation. */
export const Me = z.object({
  clinician: Clinician.pick({ id: true, name: true, email: true }),
  organisation: Organisation,
});
export type Me = z.infer<typeof Me>;
