import { beforeAll, describe, expect, it } from 'vitest';
import { routeDocOf, type RouteDoc } from '#functions/api/openapi';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem';
import { DEMO, json, seededApi } from '#tests/support/api';

type Api = Awaited<ReturnType<typeof seededApi>>;
let api: Api;
/** Each route's own description, by "METHOD /api/path/:param". */
let docs: Map<string, RouteDoc>;

beforeAll(async () => {
  api = await seededApi();
  docs = new Map(
    api.app.routes.flatMap((route) => {
      const doc = routeDocOf(route.handler);
      return doc ? [[`${route.method} ${route.path.replace(/\/$/, '')}`, doc] as const] : [];
    }),
  );
});

/**
 * The answer is one the route documents: its status is listed, and its body
 * matches the documented schema (or is problem+json where a problem is documented).
 */
async function expectDocumented(method: string, route: string, response: Response) {
  const where = `${method} ${route} → ${response.status}`;
  const doc = docs.get(`${method} ${route}`);
  expect(doc, `${method} ${route} is described`).toBeDefined();
  const common = [401, 422, 500, 503];
  const answer = doc!.responses[response.status];
  if (answer === undefined) {
    expect(common, `${where} is documented`).toContain(response.status);
    return;
  }
  if (typeof answer === 'string') {
    expect(response.headers.get('content-type'), where).toBe(PROBLEM_CONTENT_TYPE);
    return;
  }
  if (answer.contentType) {
    expect(response.headers.get('content-type'), where).toBe(answer.contentType);
    return;
  }
  if (!answer.schema) {
    expect(await response.clone().text(), where).toBe('');
    return;
  }
  const parsed = answer.schema.safeParse(await response.clone().json());
  expect(parsed.success ? [] : parsed.error.issues, where).toEqual([]);
}

describe('the API document', () => {
  it('is OpenAPI 3.1, made from the routes: every route and only the routes, bodies as named components', async () => {
    const response = await api.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routed = [...docs.keys()].map((key) => key.replace(/:(\w+)/g, '{$1}'));
    expect(new Set(documented)).toEqual(new Set(routed));
    const everyRoute = api.app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`);
    expect(new Set(everyRoute)).toEqual(new Set(docs.keys()));

    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        const responses = operation['responses'] as Record<string, { content?: object }>;
        expect(
          Object.keys(responses).some((status) => status.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true);
        const body = operation['requestBody'] as
          { content: Record<string, { schema: { $ref?: string } }> } | undefined;
        // A request body is a named component: the same schema its validator checks.
        if (body) {
          expect(body.content['application/json']?.schema.$ref, `${method} ${path}`).toMatch(
            /^#\/components\/schemas\/\w+$/,
          );
        }
      }
    }
    expect(doc.paths['/api/aids'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/NewAid',
    });
    expect(doc.components.schemas.NewAid.required).toEqual(['title', 'condition']);
    expect(doc.components.schemas.RecordView).toBeDefined();
  });

  it('says what the routes really answer: a whole flow, checked answer by answer against the schemas', async () => {
    const clinician = await api.as(DEMO);
    const token = await api.tokenFor(DEMO);
    const check = async (method: string, route: string, response: Response | Promise<Response>) => {
      const answer = await response;
      await expectDocumented(method, route, answer);
      return answer;
    };

    await check('GET', '/api/health', api.app.request('/api/health'));
    await check('GET', '/api/me', clinician('/api/me'));
    await check('GET', '/api/me', api.app.request('/api/me'));
    const session = await check(
      'POST',
      '/api/sessions',
      api.app.request('/api/sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    const { sessionId } = await session.json();
    await check(
      'DELETE',
      '/api/sessions/current',
      api.app.request('/api/sessions/current', {
        method: 'DELETE',
        headers: { cookie: `dt_session=${sessionId}` },
      }),
    );

    await check('GET', '/api/aids', clinician('/api/aids'));
    await check('GET', '/api/aids', clinician('/api/aids?limit=0'));
    const created = await (
      await check(
        'POST',
        '/api/aids',
        clinician('/api/aids', json('POST', { title: 'Hip', condition: 'Hip pain' })),
      )
    ).json();
    await check('POST', '/api/aids', clinician('/api/aids', json('POST', { title: '' })));
    const aidPath = `/api/aids/${created.id}`;
    await check('GET', '/api/aids/:aidId', clinician(aidPath));
    await check('GET', '/api/aids/:aidId', clinician('/api/aids/no-such-aid'));
    /** The draft saved unchanged, on the revision in the body or in `If-Match` (or neither). */
    const saveAid = (basis: { revision?: number } = {}, headers: Record<string, string> = {}) =>
      check(
        'PUT',
        '/api/aids/:aidId',
        clinician(aidPath, json('PUT', { content: created.content, ...basis }, headers)),
      );
    const saved = await (await saveAid({ revision: created.revision })).json();
    await saveAid({ revision: created.revision });
    await saveAid({}, { 'if-match': '"1"' });
    await saveAid();
    await check('GET', '/api/aids/:aidId/checks', clinician(`${aidPath}/checks`));
    await check(
      'POST',
      '/api/aids/:aidId/publish',
      clinician(`${aidPath}/publish`, json('POST', { revision: saved.revision })),
    );
    await check(
      'POST',
      '/api/aids/:aidId/duplicate',
      clinician(`${aidPath}/duplicate`, { method: 'POST' }),
    );
    const exported = await check('GET', '/api/aids/:aidId/export', clinician(`${aidPath}/export`));
    await check(
      'POST',
      '/api/aids/import',
      clinician('/api/aids/import', json('POST', await exported.json())),
    );
    await check(
      'DELETE',
      '/api/aids/:aidId',
      clinician(aidPath, { method: 'DELETE', headers: { 'if-match': `"${saved.revision}"` } }),
    );

    await check('GET', '/api/members', clinician('/api/members'));
    const inviteMember = () =>
      check(
        'POST',
        '/api/members',
        clinician(
          '/api/members',
          json('POST', { email: 'new@clinic.example', name: 'Dr New', role: 'clinician' }),
        ),
      );
    const member = await (await inviteMember()).json();
    await inviteMember();
    await check('POST', '/api/members', clinician('/api/members', json('POST', { email: 'x' })));
    const memberPath = `/api/members/${member.id}`;
    await check(
      'PATCH',
      '/api/members/:memberId',
      clinician(memberPath, json('PATCH', { role: 'admin' })),
    );
    await check(
      'PATCH',
      '/api/members/:memberId',
      clinician('/api/members/no-such-member', json('PATCH', { role: 'admin' })),
    );
    await check('GET', '/api/members/events', clinician('/api/members/events'));
    await check('DELETE', '/api/members/:memberId', clinician(memberPath, { method: 'DELETE' }));
    await check(
      'PATCH',
      '/api/members/:memberId',
      clinician('/api/members/demo-clinician', json('PATCH', { role: 'clinician' })),
    );
    await check(
      'DELETE',
      '/api/members/:memberId',
      clinician('/api/members/demo-clinician', { method: 'DELETE' }),
    );

    const demo = `/api/aids/${DEMO_AID_ID}`;
    await check('GET', '/api/aids/:aidId/versions', clinician(`${demo}/versions`));
    await check('GET', '/api/aids/:aidId/versions/:number', clinician(`${demo}/versions/1`));
    await check('GET', '/api/aids/:aidId/versions/:number', clinician(`${demo}/versions/9`));
    await check(
      'GET',
      '/api/aids/:aidId/versions/:number/insights',
      clinician(`${demo}/versions/1/insights`),
    );
    await check('GET', '/api/aids/:aidId/diff', clinician(`${demo}/diff?from=1`));
    const draft = await (await clinician(demo)).json();
    await check(
      'POST',
      '/api/aids/:aidId/publish',
      clinician(`${demo}/publish`, json('POST', { revision: draft.revision })),
    );

    const invited = await (
      await check(
        'POST',
        '/api/invitations',
        clinician(
          '/api/invitations',
          json('POST', { aidId: DEMO_AID_ID, version: 1, clinicReference: 'Doc 1' }),
        ),
      )
    ).json();
    await check('GET', '/api/invitations', clinician('/api/invitations'));
    const linkToken = invited.link.split('/p/')[1];
    await check(
      'POST',
      '/api/patient/link',
      api.app.request('/api/patient/link', json('POST', { token: linkToken })),
    );
    await check(
      'POST',
      '/api/patient/link',
      api.app.request('/api/patient/link', json('POST', { token: 'x'.repeat(43) })),
    );
    const patientSession = await (
      await check(
        'POST',
        '/api/patient/sessions',
        api.app.request('/api/patient/sessions', json('POST', { token: linkToken })),
      )
    ).json();
    const patient = (path: string, init: RequestInit = {}) =>
      api.app.request(path, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: `dt_patient=${patientSession.sessionId}`,
        },
      });
    const view = await (
      await check('GET', '/api/patient/record', patient('/api/patient/record'))
    ).json();
    /** The values step saved on the record's first revision: the second time, a conflict. */
    const rate = (pain: number) =>
      check(
        'PUT',
        '/api/patient/record/steps/:step',
        patient(
          '/api/patient/record/steps/values',
          json('PUT', { revision: view.record.revision, answers: { ratings: { pain } } }),
        ),
      );
    const step = await (await rate(4)).json();
    await rate(1);
    const ready = await (
      await check(
        'POST',
        '/api/patient/record/ready',
        patient('/api/patient/record/ready', json('POST', { revision: step.revision })),
      )
    ).json();

    const recordPath = `/api/records/${view.record.id}`;
    await check('GET', '/api/records', clinician('/api/records?status=ready'));
    await check('GET', '/api/records/:recordId', clinician(recordPath));
    await check('GET', '/api/records/:recordId', patient(recordPath));
    const decide = (
      as: typeof clinician,
      decision: { revision: number; clientToken: string; optionId: string },
    ) =>
      check(
        'POST',
        '/api/records/:recordId/decision',
        as(
          `${recordPath}/decision`,
          json('POST', {
            revision: decision.revision,
            clientToken: decision.clientToken,
            choice: { kind: 'option', optionId: decision.optionId },
          }),
        ),
      );
    const decided = await (
      await decide(clinician, {
        revision: ready.revision,
        clientToken: 'openapi-decision',
        optionId: 'exercise',
      })
    ).json();
    await decide(clinician, {
      revision: ready.revision,
      clientToken: 'openapi-decision-2',
      optionId: 'wait',
    });
    await decide(patient, { revision: 1, clientToken: 'openapi-patient', optionId: 'wait' });
    const amended = await (
      await check(
        'POST',
        '/api/records/:recordId/amendments',
        clinician(
          `${recordPath}/amendments`,
          json('POST', {
            revision: decided.record.revision,
            clientToken: 'openapi-amend',
            reason: 'Typo',
            changes: { notes: 'Physio' },
          }),
        ),
      )
    ).json();
    await check(
      'POST',
      '/api/records/:recordId/confirmation',
      patient(
        `${recordPath}/confirmation`,
        json('POST', { revision: amended.record.revision, clientToken: 'openapi-confirm' }),
      ),
    );
    await check('GET', '/api/records/:recordId/export.pdf', clinician(`${recordPath}/export.pdf`));
    await check(
      'GET',
      '/api/records/:recordId/export.fhir.json',
      clinician(`${recordPath}/export.fhir.json`),
    );
    const invitationPath = `/api/invitations/${invited.invitation.id}`;
    const extend = () =>
      check(
        'POST',
        '/api/invitations/:invitationId/extend',
        clinician(`${invitationPath}/extend`, json('POST', { days: 90 })),
      );
    await extend();
    await check(
      'POST',
      '/api/invitations/:invitationId/revoke',
      clinician(`${invitationPath}/revoke`, { method: 'POST' }),
    );
    await extend();
    await check('GET', '/api/patient/record', patient('/api/patient/record'));
    await check(
      'DELETE',
      '/api/patient/sessions/current',
      patient('/api/patient/sessions/current', { method: 'DELETE' }),
    );
  });
});
