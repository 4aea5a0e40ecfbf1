import * as z from 'zod';
import { Actor } from './aid/aids';
import { Id } from './ids';
import { typedText } from './text';
import type { RecordStatus } from './record/lifecycle';
import { invitationLimits } from './invitation-limits';

export const InvitationStatus = z.enum([
  'not-opened',
  'in-progress',
  'ready',
  'decided',
  'confirmed',
  'expired',
  'revoked',
]);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z
  .object({
    id: Id,
    aidId: Id,
    aidVersion: z.int().min(1),
    aidTitle: z.string(),
    /** The clinic's own note to find the patient again; never the patient's identity. */
    clinicReference: z.string().nullable(),
    status: InvitationStatus,
    createdAt: z.iso.datetime(),
    createdBy: Actor,
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    recordId: Id.nullable(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

/** Keep the link working for this many more days, from today. */
export const LinkExtension = z
  .object({
    days: z
      .int('Use a whole number of days')
      .min(1, 'Use at least 1 day')
      .max(invitationLimits.maxDays, `Use at most ${invitationLimits.maxDays} days`),
  })
  .meta({ id: 'LinkExtension' });
export type LinkExtension = z.infer<typeof LinkExtension>;

export const NewInvitation = z
  .object({
    aidId: Id,
    version: z.int('Choose a published version').min(1, 'Choose a published version'),
    clinicReference: typedText()
      .trim()
      .max(
        invitationLimits.clinicReference,
        `Keep the reference to ${invitationLimits.clinicReference} characters or fewer`,
      )
      .optional(),
    expiresInDays: z
      .int('Use a whole number of days')
      .min(1, 'Use at least 1 day')
      .max(invitationLimits.maxDays, `Use at most ${invitationLimits.maxDays} days`)
      .default(invitationLimits.defaultDays),
    /**
     * The author confirms the evidence is still current. Needed once the
     * version's review-by date has passed; ignored before it.
     */
    evidenceStillCurrent: z.boolean().default(false),
  })
  .meta({ id: 'NewInvitation' });
export type NewInvitation = z.input<typeof NewInvitation>;

/** The answer to creating an invitation: the patient link appears here once and is never stored. */
export const CreatedInvitation = z
  .object({ invitation: Invitation, link: z.url() })
  .meta({ id: 'CreatedInvitation' });
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const InvitationPage = z
  .object({
    items: z.array(Invitation),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'InvitationPage' });
export type InvitationPage = z.infer<typeof InvitationPage>;

/** The status a clinician sees, from the invitation's dates and its record's progress. */
export function invitationStatus(
  invitation: {
    expiresAt: string;
    revokedAt: string | null;
    recordStatus: RecordStatus | null;
  },
  now: Date,
): InvitationStatus {
  // A decision outlives its link: the record is what the clinic acts on.
  if (invitation.recordStatus === 'decided' || invitation.recordStatus === 'confirmed')
    return invitation.recordStatus;
  if (invitation.revokedAt) return 'revoked';
  if (new Date(invitation.expiresAt) <= now) return 'expired';
  if (invitation.recordStatus === 'ready') return 'ready';
  if (invitation.recordStatus === 'in-progress') return 'in-progress';
  return 'not-opened';
}

/** A patient link's token travels in a body, never in a URL the API logs. */
export const LinkToken = z.object({ token: z.string().min(20).max(200) }).meta({ id: 'LinkToken' });

/** What an invitation link opens, without opening it. */
export const PatientLink = z
  .object({
    aidTitle: z.string(),
    organisationName: z.string(),
    expiresAt: z.iso.datetime(),
    demonstration: z.boolean(),
    /** The consultation has happened: the link opens the decided record, to read and confirm. */
    decided: z.boolean(),
  })
  .meta({ id: 'PatientLink' });
export type PatientLink = z.infer<typeof PatientLink>;

/** A patient's session on one device, for one record. */
export const PatientSession = z
  .object({ sessionId: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'PatientSession' });
