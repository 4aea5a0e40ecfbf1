import { Hono } from 'hono';
import { Me } from '#shared/people';
import { requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { ProblemError } from '../problem-error';

export const meOperations: Operation[] = [
  {
    method: 'get',
    path: '/me',
    summary: 'The signed-in clinician and their organisation',
    tag: 'identity',
    auth: true,
    responses: { 200: { description: 'Who is signed in', schema: Me } },
  },
];

export const me = new Hono<ApiEnv>().use(requireClinician).get('/', async (c) => {
  const { store } = c.var.deps;
  const principal = c.var.principal;
  const [clinician, organisation] = await Promise.all([
    store.people.clinician(principal),
    store.people.organisation(principal.orgId),
  ]);
  if (!clinician || !organisation)
    throw new ProblemError('forbidden', { detail: 'This account is no longer active.' });
  const body: Me = {
    clinician: { id: clinician.id, name: clinician.name, email: clinician.email },
    organisation,
  };
  return c.json(body);
});
