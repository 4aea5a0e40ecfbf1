import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#functions/store/keys';
import { hashToken } from '#functions/store/sessions';
import { tableDefinition } from '#functions/store/table';
import { freshTable } from '../support/store';

/**
 * One TTL attribute, in epoch seconds, on items that may vanish only
 * (ADR 20): an invitation keeps its link's end as an ISO date under
 * `linkExpiresAt`, and invitations written before, with an ISO `expiresAt`,
 * are read as if renamed and rewritten by their next extension. On DynamoDB
 * Local, with the table's TTL enabled as in AWS.
 */
const by = { id: '01JCLINICIAN00000000000000', name: 'Dr Test' };
const ttl = tableDefinition.timeToLiveAttribute;
let table: Awaited<ReturnType<typeof freshTable>>;

beforeAll(async () => {
  table = await freshTable(() => new Date('2026-11-01T10:00:00.000Z'));
});

const raw = async (key: { pk: string; sk: string }) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item!;

const newInvitation = (orgId: string) =>
  table.store.invitations.create(orgId, {
    aidId: 'aid-1',
    aidVersion: 1,
    aidTitle: 'Knee',
    clinicReference: null,
    expiresAt: new Date('2026-11-15T10:00:00.000Z'),
    by,
  });

describe("an invitation's expiry and the table's TTL", () => {
  it('writes the link end as an ISO date apart from the TTL attribute, and the token item with TTL in epoch seconds', async () => {
    const { invitation, token } = await newInvitation('org-ttl-1');
    expect(invitation.expiresAt).toBe('2026-11-15T10:00:00.000Z');
    const item = await raw(keys.invitation('org-ttl-1', invitation.id));
    expect(item['linkExpiresAt']).toBe('2026-11-15T10:00:00.000Z');
    expect(item).not.toHaveProperty(ttl);
    const tokenItem = await raw(keys.invitationToken(hashToken(token)));
    expect(typeof tokenItem[ttl]).toBe('number');
    expect(tokenItem[ttl]).toBe(Date.parse('2026-11-15T10:00:00.000Z') / 1000 + 90 * 24 * 3600);
  });

  it('reads an invitation written before, with an ISO expiresAt, and moves it out of the TTL attribute when extended', async () => {
    const orgId = 'org-ttl-2';
    const invitationId = '01JLEGACY00000000000000000';
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.invitation(orgId, invitationId),
          orgId,
          invitationId,
          aidId: 'aid-1',
          aidVersion: 1,
          aidTitle: 'Knee',
          clinicReference: null,
          createdAt: '2026-10-01T10:00:00.000Z',
          createdBy: by,
          expiresAt: '2026-10-20T10:00:00.000Z',
        },
      }),
    );
    const legacy = await table.store.invitations.get(orgId, invitationId);
    expect(legacy).toMatchObject({ expiresAt: '2026-10-20T10:00:00.000Z', status: 'expired' });

    const extended = await table.store.invitations.extend(
      orgId,
      invitationId,
      new Date('2026-11-20T10:00:00.000Z'),
      by,
    );
    expect(extended).toMatchObject({ expiresAt: '2026-11-20T10:00:00.000Z', status: 'not-opened' });
    const item = await raw(keys.invitation(orgId, invitationId));
    expect(item['linkExpiresAt']).toBe('2026-11-20T10:00:00.000Z');
    expect(item).not.toHaveProperty(ttl);
    // Extending again is conditioned on the new attribute.
    const again = await table.store.invitations.extend(
      orgId,
      invitationId,
      new Date('2026-11-25T10:00:00.000Z'),
      by,
    );
    expect(again.expiresAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('leaves the TTL attribute on no invitation, and only as a number wherever it is', async () => {
    const { invitation } = await newInvitation('org-ttl-3');
    await table.store.invitations.extend(
      'org-ttl-3',
      invitation.id,
      new Date('2026-12-01T10:00:00.000Z'),
      by,
    );
    await table.store.invitations.revoke('org-ttl-3', invitation.id, by);
    await table.store.sessions.create(
      { clinicianId: 'c-1', orgId: 'org-ttl-3' },
      new Date('2026-11-02T10:00:00.000Z'),
    );
    // A test may read the whole (test) table; the app never scans.
    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    const withTtl = Items.filter((item) => ttl in item);
    expect(withTtl.length).toBeGreaterThan(0);
    for (const item of withTtl) {
      expect(typeof item[ttl], `${item['pk']} ${item['sk']}`).toBe('number');
      expect(String(item['sk'])).not.toMatch(/^INVITATION#/);
    }
  });
});
