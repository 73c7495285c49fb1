import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { ApprovalInboxItem } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  as,
  BOB,
  createApp,
  createRelease,
  DAVE,
  decide,
  eachDatabase,
  MALLORY,
  MANAGERS,
  move,
  PAT,
  RITA,
  TEAM_A,
  TEAM_B,
  TEAM_C,
  TINA,
} from './__testUtils__/approvalRoutesApp';

jest.setTimeout(60_000);

type App = Awaited<ReturnType<typeof createApp>>['app'];

const inbox = (app: App, user: string, query: object = {}) =>
  request(app)
    .get('/approvals/inbox')
    .query(query)
    .set('Authorization', as(user));

/** The releases in the user's inbox, following every cursor. */
async function wholeInbox(app: App, user: string, limit = 50) {
  const items: ApprovalInboxItem[] = [];
  let cursor: string | undefined;
  do {
    const res = await inbox(app, user, { limit, ...(cursor && { cursor }) });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe.each(eachDatabase())('GET /approvals/inbox on %s', databaseId => {
  const app = (options: Parameters<typeof createApp>[0] = {}) =>
    createApp({ ...options, databaseId: databaseId as TestDatabaseId });

  it("lists the releases an owning group of the caller still has to decide, with the group's entities and the deadline", async () => {
    const { app: server } = await app();
    const release = await createRelease(server);

    const [item] = await wholeInbox(server, BOB);
    expect(item.release.id).toBe(release.id);
    expect(item.groups).toEqual([
      {
        groupRef: TEAM_B,
        reason: 'owner',
        entityRefs: ['component:default/search'],
        phase: 'before',
        status: 'pending',
        paths: [],
      },
    ]);
    expect(item.deadline).toBe('2026-12-01T10:00:00.000Z');
    expect(item.approvals.mayDecide).toEqual([TEAM_B]);

    // the creator's own team waits too, but self-approval is prevented
    const [own] = await wholeInbox(server, DAVE);
    expect(own.groups.map(g => g.groupRef)).toEqual([TEAM_A]);
    expect(own.approvals.mayDecide).toEqual([]);
  });

  it('drops a release once the group decided, and never lists it to users outside the groups', async () => {
    const { app: server } = await app();
    const release = await createRelease(server);
    expect((await decide(server, release.id, BOB)).status).toBe(201);

    expect(await wholeInbox(server, BOB)).toEqual([]);
    expect((await wholeInbox(server, ALICE)).map(i => i.release.id)).toEqual([
      release.id,
    ]);
    expect(await wholeInbox(server, MALLORY)).toEqual([]);
    expect(await wholeInbox(server, RITA)).toEqual([]);
  });

  it('lists owners of affected dependents with the dependency path to their entities', async () => {
    const { app: server } = await app({
      impact: {
        level: 'critical',
        owners: [{ groupRef: TEAM_C, entityRefs: ['component:default/cart'] }],
      },
    });
    const release = await createRelease(server);

    const [item] = await wholeInbox(server, TINA);
    expect(item.release.id).toBe(release.id);
    expect(item.groups).toEqual([
      expect.objectContaining({
        groupRef: TEAM_C,
        reason: 'affected-dependent',
        entityRefs: ['component:default/cart'],
        paths: [
          {
            entityRef: 'component:default/cart',
            path: ['component:default/checkout', 'component:default/cart'],
            via: 'dependsOn',
          },
        ],
      }),
    ]);
  });

  it('lists finished emergency releases whose owners still approve afterwards, due by the follow-up deadline', async () => {
    const { app: server } = await app();
    const emergency = await createRelease(server, {
      type: 'emergency',
      entityRefs: ['component:checkout'],
    });
    expect(
      (await wholeInbox(server, RITA)).map(i => i.groups[0].groupRef),
    ).toEqual([MANAGERS]);
    expect((await decide(server, emergency.id, RITA)).status).toBe(201);
    await move(server, emergency.id, 'approved');
    await move(server, emergency.id, 'in_progress', {
      override: { reason: 'outage' },
    });
    await move(server, emergency.id, 'released');
    await move(server, emergency.id, 'verified');

    const [item] = await wholeInbox(server, ALICE);
    expect(item.release).toMatchObject({ id: emergency.id, state: 'verified' });
    expect(item.groups).toEqual([
      expect.objectContaining({ groupRef: TEAM_A, phase: 'after' }),
    ]);
    expect(item.deadline).toBe(item.approvals.followUpDeadline);
    expect(item.deadline).toBeDefined();
    expect(await wholeInbox(server, RITA)).toEqual([]);
  });

  it('pages by window start with the cursor, each release once', async () => {
    const { app: server } = await app();
    const ids: string[] = [];
    for (const day of ['03', '01', '02']) {
      const release = await createRelease(server, {
        window: {
          start: `2026-12-${day}T10:00:00Z`,
          end: `2026-12-${day}T12:00:00Z`,
        },
      });
      ids[Number(day) - 1] = release.id;
    }
    const first = await inbox(server, BOB, { limit: 1 });
    expect(
      first.body.items.map((i: ApprovalInboxItem) => i.release.id),
    ).toEqual([ids[0]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await wholeInbox(server, BOB, 1)).map(i => i.release.id)).toEqual(
      ids,
    );
  });

  it("lists, for a group's page, only what that group of the caller's still has to decide, and nothing for another group", async () => {
    const { app: server } = await app();
    const release = await createRelease(server);
    const groupsIn = async (user: string, query: object = {}) => {
      const res = await inbox(server, user, query);
      expect(res.status).toBe(200);
      return res.body.items.map((item: ApprovalInboxItem) => [
        item.release.id,
        item.groups.map(g => g.groupRef),
      ]);
    };

    expect(await groupsIn(PAT)).toEqual([[release.id, [TEAM_A, TEAM_B]]]);
    expect(await groupsIn(PAT, { groupRef: TEAM_B })).toEqual([
      [release.id, [TEAM_B]],
    ]);
    expect(await groupsIn(PAT, { groupRef: 'group:default/Team-A' })).toEqual([
      [release.id, [TEAM_A]],
    ]);
    // Bob's team must decide too, but Bob is not in team A
    expect(await groupsIn(BOB, { groupRef: TEAM_A })).toEqual([]);
    expect(await groupsIn(MALLORY, { groupRef: TEAM_B })).toEqual([]);
    expect((await decide(server, release.id, BOB)).status).toBe(201);
    expect(await groupsIn(PAT, { groupRef: TEAM_B })).toEqual([]);
  });

  it('refuses bad queries with a 400 naming the field, and anonymous callers with a 401 and services with a 403', async () => {
    const { app: server } = await app();
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 51 }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [
        { cursor: Buffer.from('{"segment":9}').toString('base64url') },
        'cursor',
      ],
      [{ owner: TEAM_A }, 'owner'],
      [{ groupRef: BOB }, 'groupRef'],
    ] as const) {
      const res = await inbox(server, BOB, query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const anonymous = await request(server)
      .get('/approvals/inbox')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    // a service has no groups: the inbox is for users
    const service = await request(server)
      .get('/approvals/inbox')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });
});
