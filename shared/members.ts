import * as z from 'zod';
import { Id } from './ids';
import { typedText } from './text';

/**
 * The members of an organisation: the clinicians who may sign in to it. An
 * admin also manages the members (ADR 17); every member uses the aids,
 * invitations and records alike.
 */

export const memberRoles = ['admin', 'clinician'] as const;
export const MemberRole = z
  .enum(memberRoles, { error: 'Choose "Admin" or "Clinician".' })
  .meta({ id: 'MemberRole' });
export type MemberRole = z.infer<typeof MemberRole>;

/** Invited until their first sign-in links their account; active from then on. */
export const MemberStatus = z.enum(['invited', 'active']).meta({ id: 'MemberStatus' });
export type MemberStatus = z.infer<typeof MemberStatus>;

export const memberLimits = { name: 100, email: 254 } as const;

/** The one spelling of an email address that uniqueness and sign-in compare. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const MemberEmail = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(memberLimits.email, `Keep the email address to ${memberLimits.email} characters or fewer.`)
  .pipe(z.email('Enter an email address such as name@clinic.example.'));

export const Member = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    role: MemberRole,
    status: MemberStatus,
    /** When they were invited (null for members provisioned before invitations). */
    invitedAt: z.iso.datetime().nullable(),
    /** Their first sign-in (null while invited, and for members provisioned before invitations). */
    joinedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberPage = z
  .object({ items: z.array(Member), nextCursor: z.string().nullable() })
  .meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof MemberPage>;

/** An invitation to join the organisation: their account is made at the identity provider. */
export const NewMember = z
  .object({
    email: MemberEmail,
    name: typedText('Enter the name.')
      .trim()
      .min(1, 'Enter the name.')
      .max(memberLimits.name, `Keep the name to ${memberLimits.name} characters or fewer.`),
    role: MemberRole,
  })
  .meta({ id: 'NewMember' });
export type NewMember = z.input<typeof NewMember>;

export const MemberRoleChange = z.object({ role: MemberRole }).meta({ id: 'MemberRoleChange' });
export type MemberRoleChange = z.infer<typeof MemberRoleChange>;

export const memberEventTypes = [
  'member-invited',
  'member-joined',
  'member-role-changed',
  'member-removed',
] as const;
export const MemberEventType = z.enum(memberEventTypes);
export type MemberEventType = z.infer<typeof MemberEventType>;

/**
 * A change to the members, as the audit keeps it: ids only, no names or email
 * addresses (a removed member's stay unreadable once they are gone).
 */
export const MemberEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    type: MemberEventType,
    /** Who made the change (the member themself when they join). */
    actorId: Id,
    memberId: Id,
    /** The role given: on an invitation and a change of role; null otherwise. */
    role: MemberRole.nullable(),
  })
  .meta({ id: 'MemberEvent' });
export type MemberEvent = z.infer<typeof MemberEvent>;

/** How many of the newest changes to the members their page shows; kept in one item (ADR 28). */
export const recentMemberChangesShown = 20;

export const MemberEventPage = z
  .object({ items: z.array(MemberEvent), nextCursor: z.string().nullable() })
  .meta({ id: 'MemberEventPage' });
export type MemberEventPage = z.infer<typeof MemberEventPage>;
