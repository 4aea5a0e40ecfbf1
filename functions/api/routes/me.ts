import { Hono } from 'hono';
import { Me } from '#shared/people';
import { requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';

export const me = new Hono<ApiEnv>().get(
  '/',
  describe({
    summary: 'The signed-in clinician (with their role) and their organisation',
    tag: 'identity',
    auth: 'clinician',
    responses: { 200: { description: 'Who is signed in', schema: Me } },
  }),
  requireClinician,
  async (c) => {
    const { store } = c.var.deps;
    const principal = c.var.principal;
    const [clinician, organisation] = await Promise.all([
      store.people.clinician(principal),
      store.people.organisation(principal.orgId),
    ]);
    if (!clinician || !organisation)
      throw new ProblemError('forbidden', { detail: 'This account is no longer active.' });
    const body: Me = {
      clinician: {
        id: clinician.id,
        name: clinician.name,
        email: clinician.email,
        role: clinician.role,
      },
      organisation,
    };
    return c.json(body);
  },
);
