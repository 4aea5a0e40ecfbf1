import { Hono } from 'hono';
import * as z from 'zod';
import { Id, Pagination } from '#shared/ids';
import {
  CreatedInvitation,
  Invitation,
  InvitationPage,
  LinkExtension,
  NewInvitation,
} from '#shared/invitations';
import { NotFoundError, StaleRevisionError } from '../../store/errors';
import { LinkWithdrawnError } from '../../store/invitations';
import { clinicianActor, requireClinician } from '../auth';
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
  {
    method: 'post',
    path: '/invitations/{invitationId}/extend',
    summary:
      'Keep the link working for up to 90 more days from today, such as for a patient to read their decided record',
    tag: 'invitations',
    auth: true,
    params: InvitationParams,
    body: LinkExtension,
    responses: {
      200: { description: 'Extended', schema: Invitation },
      404: { description: 'No such invitation' },
      409: {
        description:
          'The link was withdrawn (that stays final), or someone changed it at the same moment: `current` holds it',
      },
    },
  },
];

function noInvitation(): ProblemError {
  return new ProblemError('not-found', { detail: 'There is no such invitation.' });
}

const DAY_MS = 24 * 3600 * 1000;

export const invitations = new Hono<ApiEnv>()
  .use(requireClinician)
  .get('/', queryParams(Pagination), async (c) => {
    const page = await c.var.deps.store.invitations.list(
      c.var.principal.orgId,
      c.req.valid('query'),
    );
    return c.json(page satisfies InvitationPage);
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
    const { invitation, token } = await store.invitations.create(orgId, {
      aidId: input.aidId,
      aidVersion: input.version,
      aidTitle: version.title,
      clinicReference: input.clinicReference || null,
      expiresAt: new Date(store.now().getTime() + input.expiresInDays * DAY_MS),
      by: await clinicianActor(c),
    });
    const body: CreatedInvitation = { invitation, link: `${publicOrigin}/p/${token}` };
    // The link is a credential: shown once, never cached.
    return c.json(body, 201, { 'Cache-Control': 'no-store' });
  })
  .post('/:invitationId/revoke', pathParams(InvitationParams), async (c) => {
    const { store } = c.var.deps;
    try {
      const invitation = await store.invitations.revoke(
        c.var.principal.orgId,
        c.req.valid('param').invitationId,
        await clinicianActor(c),
      );
      return c.json(invitation satisfies Invitation);
    } catch (error) {
      if (error instanceof NotFoundError) throw noInvitation();
      throw error;
    }
  })
  .post(
    '/:invitationId/extend',
    pathParams(InvitationParams),
    jsonBody(LinkExtension),
    async (c) => {
      const { store } = c.var.deps;
      const { orgId } = c.var.principal;
      const { invitationId } = c.req.valid('param');
      const { days } = c.req.valid('json');
      const current = await store.invitations.get(orgId, invitationId);
      if (!current) throw noInvitation();
      const expiresAt = new Date(store.now().getTime() + days * DAY_MS);
      if (expiresAt <= new Date(current.expiresAt)) {
        throw new ProblemError('validation-failed', {
          detail: 'The link already works for longer; nothing was changed.',
          errors: [
            {
              pointer: '/days',
              detail: `The link already works until ${current.expiresAt.slice(0, 10)}. Choose more days.`,
            },
          ],
        });
      }
      try {
        const invitation = await store.invitations.extend(
          orgId,
          invitationId,
          expiresAt,
          await clinicianActor(c),
        );
        return c.json(invitation satisfies Invitation);
      } catch (error) {
        if (error instanceof NotFoundError) throw noInvitation();
        if (error instanceof LinkWithdrawnError) {
          throw new ProblemError('conflict', {
            detail:
              'This link was withdrawn, and a withdrawn link stays withdrawn. Create a new invitation instead.',
            extensions: { reason: 'withdrawn', current: error.current },
          });
        }
        if (error instanceof StaleRevisionError) {
          throw new ProblemError('conflict', {
            detail: 'Someone changed this link at the same moment. Nothing was saved: look again.',
            extensions: { reason: 'changed', current: error.current },
          });
        }
        throw error;
      }
    },
  );
