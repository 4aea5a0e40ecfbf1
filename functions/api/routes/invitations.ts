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
import { NotFoundError } from '#functions/store/errors';
import { clinicianActor, requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { organisationPage } from '../pages';
import { ProblemError } from '../problem-error';
import { jsonBody, pathParams, queryParams } from '../validate';

const InvitationParams = z.object({ invitationId: Id });

const DAY_MS = 24 * 3600 * 1000;

export const invitations = new Hono<ApiEnv>()
  .use(requireClinician)
  .get(
    '/',
    describe({
      summary: "The organisation's invitations, newest first, with their status",
      tag: 'invitations',
      auth: 'clinician',
      query: true,
      responses: { 200: { description: 'A page of invitations', schema: InvitationPage } },
    }),
    queryParams(Pagination),
    organisationPage<InvitationPage>((store, orgId, query) => store.invitations.list(orgId, query)),
  )
  .post(
    '/',
    describe({
      summary: 'Invite a patient to a published aid version; the link is in this answer only',
      tag: 'invitations',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'The invitation and its link (shown once)', schema: CreatedInvitation },
      },
    }),
    jsonBody(NewInvitation),
    async (c) => {
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
      const today = store.now().toISOString().slice(0, 10);
      const { reviewBy } = version.content;
      // Past its review-by date, the evidence may be out of date: the author says it is not.
      if (reviewBy && reviewBy < today && !input.evidenceStillCurrent) {
        throw new ProblemError('validation-failed', {
          detail: 'This aid is past its review-by date. Nothing was sent.',
          errors: [
            {
              pointer: '/evidenceStillCurrent',
              detail: `This aid was due for review by ${reviewBy}. Confirm its evidence is still current, or publish an updated version first.`,
            },
          ],
        });
      }
      const { invitation, token } = await store.invitations.create(orgId, {
        aidId: input.aidId,
        aidVersion: input.version,
        aidTitle: version.title,
        clinicReference: input.clinicReference || null,
        expiresAt: new Date(store.now().getTime() + input.expiresInDays * DAY_MS),
        by: clinicianActor(c),
      });
      const body: CreatedInvitation = { invitation, link: `${publicOrigin}/p/${token}` };
      // The link is a credential: shown once, never cached.
      return c.json(body, 201, { 'Cache-Control': 'no-store' });
    },
  )
  .post(
    '/:invitationId/revoke',
    describe({
      summary: 'Withdraw an invitation: its link and any open session stop working',
      tag: 'invitations',
      auth: 'clinician',
      responses: {
        200: { description: 'Revoked', schema: Invitation },
        404: 'No such invitation',
      },
    }),
    pathParams(InvitationParams),
    async (c) => {
      const invitation = await c.var.deps.store.invitations.revoke(
        c.var.principal.orgId,
        c.req.valid('param').invitationId,
        clinicianActor(c),
      );
      return c.json(invitation satisfies Invitation);
    },
  )
  .post(
    '/:invitationId/extend',
    describe({
      summary:
        'Keep the link working for up to 90 more days from today, such as for a patient to read their decided record',
      tag: 'invitations',
      auth: 'clinician',
      body: true,
      responses: {
        200: { description: 'Extended', schema: Invitation },
        404: 'No such invitation',
        409: 'The link was withdrawn (that stays final), or someone changed it at the same moment: `current` holds it',
      },
    }),
    pathParams(InvitationParams),
    jsonBody(LinkExtension),
    async (c) => {
      const { store } = c.var.deps;
      const { orgId } = c.var.principal;
      const { invitationId } = c.req.valid('param');
      const { days } = c.req.valid('json');
      const current = await store.invitations.get(orgId, invitationId);
      if (!current) throw new NotFoundError('invitation');
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
      const invitation = await store.invitations.extend(
        orgId,
        invitationId,
        expiresAt,
        clinicianActor(c),
      );
      return c.json(invitation satisfies Invitation);
    },
  );
