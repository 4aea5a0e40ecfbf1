import { Hono } from 'hono';
import * as z from 'zod';
import { Id, Pagination } from '#shared/ids';
import { CreatedInvitation, Invitation, InvitationPage, NewInvitation } from '#shared/invitations';
import { InvalidCursorError } from '../../store/cursor';
import { NotFoundError } from '../../store/errors';
import { requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { ProblemError } from '../problem-error';
import { jsonBody, pathParams, queryParams } from '../validate';

const InvitationParams = z.object({ invitationId: Id });

export const invitationOperations: Operation[] = [
  {
    method: 'get',
    path: '/invitations',
    summary: "The organisation's invitations, newest first, with their status",
    tag: 'invitations',
    auth: true,
    query: Pagination,
    responses: { 200: { description: 'A page of invitations', schema: InvitationPage } },
  },
  {
    method: 'post',
    path: '/invitations',
    summary: 'Invite a patient to a published aid version; the link is in this answer only',
    tag: 'invitations',
    auth: true,
    body: NewInvitation,
    responses: {
      201: { description: 'The invitation and its link (shown once)', schema: CreatedInvitation },
    },
  },
  {
    method: 'post',
    path: '/invitations/{invitationId}/revoke',
    summary: 'Withdraw an invitation: its link and any open session stop working',
    tag: 'invitations',
    auth: true,
    params: InvitationParams,
    responses: {
      200: { description: 'Revoked', schema: Invitation },
      404: { description: 'No such invitation' },
    },
  },
];

const DAY_MS = 24 * 3600 * 1000;

export const invitations = new Hono<ApiEnv>()
  .use(requireClinician)
  .get('/', queryParams(Pagination), async (c) => {
    try {
      const page = await c.var.deps.store.invitations.list(
        c.var.principal.orgId,
        c.req.valid('query'),
      );
      return c.json(page satisfies InvitationPage);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new ProblemError('validation-failed', {
          errors: [
            { pointer: '/cursor', detail: 'This cursor is not valid. Start from the first page.' },
          ],
        });
      }
      throw error;
    }
  })
  .post('/', jsonBody(NewInvitation), async (c) => {
    const input = c.req.valid('json');
    const { store, publicOrigin } = c.var.deps;
    const { orgId } = c.var.principal;
    const version = await store.aids.getVersion(orgId, input.aidId, input.version);
    if (!version) {
      throw new ProblemError('validation-failed', {
        errors: [
          { pointer: '/version', detail: 'Choose a published version of one of your aids.' },
        ],
      });
    }
    const clinician = await store.people.clinician(c.var.principal);
    if (!clinician)
      throw new ProblemError('forbidden', { detail: 'This account is no longer active.' });
    const { invitation, token } = await store.invitations.create(orgId, {
      aidId: input.aidId,
      aidVersion: input.version,
      aidTitle: version.title,
      clinicReference: input.clinicReference || null,
      expiresAt: new Date(store.now().getTime() + input.expiresInDays * DAY_MS),
      by: { id: clinician.id, name: clinician.name },
    });
    const body: CreatedInvitation = { invitation, link: `${publicOrigin}/p/${token}` };
    // The link is a credential: shown once, never cached.
    return c.json(body, 201, { 'Cache-Control': 'no-store' });
  })
  .post('/:invitationId/revoke', pathParams(InvitationParams), async (c) => {
    try {
      const invitation = await c.var.deps.store.invitations.revoke(
        c.var.principal.orgId,
        c.req.valid('param').invitationId,
      );
      return c.json(invitation satisfies Invitation);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new ProblemError('not-found', { detail: 'There is no such invitation.' });
      throw error;
    }
  });
