import { Hono } from 'hono';
import * as z from 'zod';
import { Id, Pagination } from '#shared/ids';
import { Member, MemberEventPage, MemberPage, MemberRoleChange, NewMember } from '#shared/members';
import { describeError } from '#functions/log/logger';
import { MemberEmailTakenError, StoreUnavailableError } from '#functions/store/errors';
import { readsWithSession, requireAdmin, requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { organisationPage } from '../pages';
import { jsonBody, pathParams, queryParams } from '../validate';

const MemberParams = z.object({ memberId: Id });

const adminOnly = 'Not an admin of the organisation: only admins manage its members';
const notFound = 'No such member in your organisation';

/** The organisation's members, managed by its admins (ADR 17). Every change is an audit event. */
export const members = new Hono<ApiEnv>()
  // The audit's first page is one item, asked for with the session (ADR 28).
  .use(
    '/events',
    readsWithSession((store, { orgId }) => [store.members.readRecentChanges(orgId)]),
  )
  .use(requireClinician)
  .use(requireAdmin)
  .get(
    '/',
    describe({
      summary: "The organisation's members, with their role and whether they have signed in yet",
      tag: 'members',
      auth: 'clinician',
      query: true,
      responses: { 200: { description: 'A page of members', schema: MemberPage }, 403: adminOnly },
    }),
    queryParams(Pagination),
    organisationPage<MemberPage>((store, orgId, query) => store.members.list(orgId, query)),
  )
  .post(
    '/',
    describe({
      summary:
        'Invite a clinician by email: their sign-in account is made, and their first sign-in joins them',
      tag: 'members',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'The invited member', schema: Member },
        403: adminOnly,
        409: 'The email address is a member already (here or at another clinic), or the sign-in service has an account with it',
        503: 'The data store or the sign-in service is not answering; nothing was changed (Retry-After)',
      },
    }),
    jsonBody(NewMember),
    async (c) => {
      const input = c.req.valid('json');
      const { store, memberDirectory, log } = c.var.deps;
      const { orgId, clinicianId } = c.var.principal;
      // A quick refusal that leaves the sign-in service alone; the claim in the
      // transaction below is what really keeps the address unique.
      if (await store.members.emailTaken(input.email)) throw new MemberEmailTakenError();
      // The account first, then the member: a refused or failing sign-in service leaves nothing
      // behind in the table. If the member cannot be written, the account made for them is
      // taken back, so that trying again does not meet "already exists".
      const { created } = await memberDirectory.invite({ email: input.email, name: input.name });
      try {
        const member = await store.members.invite(orgId, input, clinicianId);
        return c.json(member satisfies Member, 201);
      } catch (error) {
        // A store that did not answer in time may still have written the member: then the
        // account is theirs, and taking it back would leave them unable to sign in. So it is
        // taken back only once the member is known not to be there.
        const written =
          error instanceof StoreUnavailableError
            ? await store.members.emailTaken(input.email).catch(() => undefined)
            : false;
        if (created && written === false) {
          await memberDirectory.remove(input.email).catch((undo: unknown) =>
            log.error('member account left without a member', {
              requestId: c.var.requestId,
              ...describeError(undo),
            }),
          );
        } else if (created && written === undefined) {
          log.warn('member account kept: not known whether the member was written', {
            requestId: c.var.requestId,
          });
        }
        throw error;
      }
    },
  )
  .get(
    '/events',
    describe({
      summary: 'Who invited, changed or removed which member, and when: newest first, ids only',
      tag: 'members',
      auth: 'clinician',
      query: true,
      responses: {
        200: { description: 'A page of member events', schema: MemberEventPage },
        403: adminOnly,
      },
    }),
    queryParams(Pagination),
    organisationPage<MemberEventPage>((store, orgId, query) => store.members.events(orgId, query)),
  )
  .patch(
    '/:memberId',
    describe({
      summary: "Change a member's role; the last admin stays an admin",
      tag: 'members',
      auth: 'clinician',
      body: true,
      responses: {
        200: { description: 'The member', schema: Member },
        403: adminOnly,
        404: notFound,
        409: 'The last admin cannot stop being one, or the member changed at the same moment',
      },
    }),
    pathParams(MemberParams),
    jsonBody(MemberRoleChange),
    async (c) => {
      const member = await c.var.deps.store.members.changeRole(
        c.var.principal.orgId,
        c.req.valid('param').memberId,
        c.req.valid('json').role,
        c.var.principal.clinicianId,
      );
      return c.json(member satisfies Member);
    },
  )
  .delete(
    '/:memberId',
    describe({
      summary:
        'Remove a member: their sessions and tokens stop working at once, and their sign-in account goes',
      tag: 'members',
      auth: 'clinician',
      responses: {
        204: { description: 'Removed' },
        403: adminOnly,
        404: notFound,
        409: 'The last admin cannot be removed, or the member changed at the same moment',
      },
    }),
    pathParams(MemberParams),
    async (c) => {
      const { store, memberDirectory, log } = c.var.deps;
      // The member first: that is what ends their access, and where the rules hold. Their
      // account is tidied after; if that fails they can still sign in to the provider, but
      // reach nothing here ("not linked to a clinic yet"), and the log says so.
      const removed = await store.members.remove(
        c.var.principal.orgId,
        c.req.valid('param').memberId,
        c.var.principal.clinicianId,
      );
      await memberDirectory.remove(removed.email).catch((error: unknown) =>
        log.warn('member account not removed', {
          requestId: c.var.requestId,
          memberId: removed.id,
          ...describeError(error),
        }),
      );
      return c.body(null, 204);
    },
  );
