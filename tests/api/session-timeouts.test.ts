import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '#functions/store/keys';
import { hashToken, sessionIdleSeconds } from '#functions/store/sessions';
import { freshTable } from '../support/store';

const MINUTE = 60_000;
const start = new Date('2026-11-26T09:00:00Z').getTime();

/** A table whose clock the test moves. */
async function tableWithClock() {
  let now = start;
  const table = await freshTable(() => new Date(now));
  return { ...table, advance: (ms: number) => (now += ms) };
}

const clinician = { orgId: 'demo-clinic', clinicianId: 'demo-clinician' };

describe('sessions end when left idle, and at their expiry whatever happens', () => {
  it('keeps a clinician session alive while it is used, and ends it after half an hour unused', async () => {
    const { store, db, advance } = await tableWithClock();
    const session = await store.sessions.create(clinician, new Date(start + 8 * 60 * MINUTE));

    // Used every 25 minutes, for well over the idle limit in total.
    for (let i = 0; i < 4; i += 1) {
      advance(25 * MINUTE);
      expect(await store.sessions.resolve(session.id)).toEqual(clinician);
    }

    advance(sessionIdleSeconds.clinician * 1000);
    expect(await store.sessions.resolve(session.id)).toBeNull();
    // Ended on the server, not only refused: the item is gone.
    const { Item } = await db.send(
      new GetCommand({ TableName: db.tableName, Key: keys.session(hashToken(session.id)) }),
    );
    expect(Item).toBeUndefined();
  });

  it('ends a session at its expiry even when it is used all the time', async () => {
    const { store, advance } = await tableWithClock();
    const session = await store.sessions.create(clinician, new Date(start + 60 * MINUTE));
    advance(25 * MINUTE);
    expect(await store.sessions.resolve(session.id)).toEqual(clinician);
    advance(25 * MINUTE);
    expect(await store.sessions.resolve(session.id)).toEqual(clinician);
    advance(10 * MINUTE);
    expect(await store.sessions.resolve(session.id)).toBeNull();
  });

  it('gives a patient an hour of pause before asking them to open their link again', async () => {
    const { store, advance } = await tableWithClock();
    const holder = { orgId: 'demo-clinic', recordId: 'r1', invitationId: 'i1' };
    const session = await store.patientSessions.create(holder, new Date(start + 24 * 60 * MINUTE));
    advance(sessionIdleSeconds.patient * 1000 - MINUTE);
    expect(await store.patientSessions.resolve(session.id)).toEqual(holder);
    advance(sessionIdleSeconds.patient * 1000);
    expect(await store.patientSessions.resolve(session.id)).toBeNull();
  });

  it("keeps a patient's session opened before sessions named their invitation", async () => {
    const { store, db } = await tableWithClock();
    const olderId = 'older-patient-session-id-0123456789';
    await db.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.patientSessionBefore(hashToken(olderId)),
          holder: { orgId: 'demo-clinic', recordId: 'r1' },
          createdAt: new Date(start).toISOString(),
          lastSeenAt: Math.floor(start / 1000),
          expiresAt: Math.floor(start / 1000) + 3600,
        },
      }),
    );
    expect(await store.patientSessions.resolve(olderId)).toEqual({
      orgId: 'demo-clinic',
      recordId: 'r1',
      invitationId: '',
    });
  });

  it("keeps a patient's session beside their record, still finds one kept where sessions were before, and ends either on sign-out", async () => {
    const { store, db } = await tableWithClock();
    const holder = { orgId: 'demo-clinic', recordId: 'r2', invitationId: 'i2' };
    const stored = async (key: { pk: string; sk: string }) =>
      (await db.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;

    const session = await store.patientSessions.create(holder, new Date(start + 60 * MINUTE));
    const hash = hashToken(session.id);
    expect(await stored(keys.patientSession('demo-clinic', 'r2', hash))).toBeDefined();
    expect(await stored(keys.patientSessionBefore(hash))).toBeUndefined();
    expect(await store.patientSessions.resolve(session.id)).toEqual(holder);
    // The same secret under another record's name finds nothing.
    const secret = session.id.split('.').at(-1)!;
    expect(await store.patientSessions.resolve(`demo-clinic.r3.i2.${secret}`)).toBeNull();

    // One opened before ADR 25: its id names its holder, its item is where sessions were.
    const earlierId = `demo-clinic.r2.i2.${'e'.repeat(43)}`;
    await db.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.patientSessionBefore(hashToken(earlierId)),
          holder,
          createdAt: new Date(start).toISOString(),
          lastSeenAt: Math.floor(start / 1000),
          expiresAt: Math.floor(start / 1000) + 3600,
        },
      }),
    );
    expect(await store.patientSessions.resolve(earlierId)).toEqual(holder);

    for (const id of [session.id, earlierId]) {
      await store.patientSessions.revoke(id);
      expect(await store.patientSessions.resolve(id)).toBeNull();
    }
  });

  it('never brings back a session signed out while a request was using it', async () => {
    const { store, advance } = await tableWithClock();
    const session = await store.sessions.create(clinician, new Date(start + 8 * 60 * MINUTE));
    await store.sessions.revoke(session.id);
    advance(10 * MINUTE);
    expect(await store.sessions.resolve(session.id)).toBeNull();
  });
});
