import {
  CO_OWNER,
  PortalTestBackend,
  portalTestBackend,
  Role,
  windowIn,
} from '../__testUtils__/portalTestBackend';

jest.setTimeout(120_000);

const portal = portalTestBackend();

const CHECKOUT = 'component:default/checkout-service';
const CART = 'component:default/cart-service';
const PAYMENTS = 'component:default/payments-service';

let backend: PortalTestBackend;
let hours = 48;

beforeAll(async () => {
  backend = await portal.start();
});

/** A release of checkout-team created by olivia, in `state` (set in the database past its lifecycle). */
async function release(state: 'draft' | 'planned' | 'released' = 'planned') {
  hours += 3;
  const created = await backend
    .as(CO_OWNER)
    .post('/releases')
    .send({
      title: 'Checkout',
      version: '1.0.0',
      type: 'normal',
      window: windowIn(hours),
      entityRefs: [CHECKOUT],
    });
  expect(created.status).toBe(201);
  if (state !== 'draft') {
    await backend
      .knex('releases')
      .where({ id: created.body.id })
      .update({ state });
  }
  return created.body.id as string;
}

async function record(releaseId: string, body: object, as: Role = 'owner') {
  return backend.as(as).post(`/releases/${releaseId}/issues`).send(body);
}

async function issueCount() {
  const [{ n }] = await backend.knex('release_issues').count({ n: '*' });
  return Number(n);
}

describe('POST /releases/:id/issues', () => {
  it('records an issue owned by the caller, affecting the release entities, with its first timeline entry', async () => {
    const id = await release('released');
    const res = await record(
      id,
      {
        title: 'Checkout returns 500s',
        severity: 'sev1',
        links: [{ kind: 'incident', url: 'https://incidents.example/1' }],
      },
      'otherTeam',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      releaseId: id,
      title: 'Checkout returns 500s',
      severity: 'sev1',
      status: 'open',
      ownerRef: 'user:default/bob',
      entityRefs: [CHECKOUT],
      links: [{ kind: 'incident', url: 'https://incidents.example/1' }],
      createdBy: 'user:default/bob',
      revision: 1,
    });
    expect(res.body.timeline).toEqual([
      expect.objectContaining({ action: 'created', by: 'user:default/bob' }),
    ]);
    const listed = await backend.as('noGroup').get(`/releases/${id}/issues`);
    expect(listed.body.items.map((i: any) => i.id)).toEqual([res.body.id]);
  });

  it.each([
    [{ severity: 'sev1' }, 'title: '],
    [{ title: 'x', severity: 'sev9' }, 'severity: '],
    [
      { title: 'x', severity: 'sev2', ownerRef: 'component:default/a' },
      'ownerRef: must be a user or group ref',
    ],
    [
      { title: 'x', severity: 'sev2', ownerRef: 'user:default/ghost' },
      'ownerRef: user:default/ghost is not in the catalog',
    ],
    [
      {
        title: 'x',
        severity: 'sev2',
        entityRefs: [CHECKOUT, 'component:default/ghost'],
      },
      'entityRefs.1: component:default/ghost is not in the catalog',
    ],
    [
      {
        title: 'x',
        severity: 'sev2',
        links: [{ kind: 'incident', url: 'ftp://files.example/1' }],
      },
      'links.0.url: ',
    ],
    [
      {
        title: 'x',
        severity: 'sev2',
        links: [{ kind: 'chat', url: 'https://x.example' }],
      },
      'links.0.kind: ',
    ],
    [{ title: 'x', severity: 'sev2', extra: true }, 'unknown field(s): extra'],
  ])(
    'answers 400 naming the field for %j and writes nothing',
    async (body, message) => {
      const id = await release();
      const before = await issueCount();
      const res = await record(id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(await issueCount()).toBe(before);
    },
  );

  it('answers 404 for a draft the caller cannot see, and writes nothing', async () => {
    const id = await release('draft');
    const before = await issueCount();
    const res = await record(id, { title: 'x', severity: 'sev3' }, 'otherTeam');
    expect(res.status).toBe(404);
    expect(await issueCount()).toBe(before);
  });
});

describe('PATCH /issues/:issueId', () => {
  /** An issue recorded by bob on a released checkout-team release, owned by `ownerRef`. */
  async function issue(ownerRef = 'group:default/payments-team') {
    const id = await release('released');
    const res = await record(
      id,
      { title: 'Slow checkout', severity: 'sev2', ownerRef },
      'otherTeam',
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  it.each([
    [
      'the issue owner (a member of the owning group of the issue)',
      'otherTeam' as Role,
      200,
    ],
    ['a member of the release owning group', 'owner' as Role, 200],
    ['a release manager', 'releaseManager' as Role, 200],
    ['a member of another team', 'platformAdmin' as Role, 403],
    ['a user in no group', 'noGroup' as Role, 403],
  ])('%s gets %i', async (_who, role, status) => {
    const { id, revision } = await issue();
    const res = await backend
      .as(role)
      .patch(`/issues/${id}`)
      .send({ revision, status: 'acknowledged' });
    expect(res.status).toBe(status);
    const stored = await backend.knex('release_issues').where({ id }).first();
    expect(stored.status).toBe(status === 200 ? 'acknowledged' : 'open');
  });

  it('lets a user who owns the issue change it', async () => {
    const { id, revision } = await issue('user:default/nora');
    const res = await backend
      .as('noGroup')
      .patch(`/issues/${id}`)
      .send({ revision, status: 'mitigated' });
    expect(res.status).toBe(200);
  });

  it('records who changed which field when in the timeline, and refuses a stale revision (409) without writing', async () => {
    const { id, revision } = await issue();
    const changed = await backend
      .as('owner')
      .patch(`/issues/${id}`)
      .send({
        revision,
        status: 'acknowledged',
        ownerRef: 'user:default/alice',
        links: [{ kind: 'ticket', url: 'https://tickets.example/7' }],
      });
    expect(changed.status).toBe(200);
    expect(changed.body.revision).toBe(revision + 1);
    expect(changed.body.timeline[1]).toMatchObject({
      action: 'changed',
      by: 'user:default/alice',
      changes: [
        { field: 'status', before: 'open', after: 'acknowledged' },
        {
          field: 'ownerRef',
          before: 'group:default/payments-team',
          after: 'user:default/alice',
        },
        {
          field: 'links',
          before: [],
          after: [{ kind: 'ticket', url: 'https://tickets.example/7' }],
        },
      ],
    });
    const stale = await backend
      .as('owner')
      .patch(`/issues/${id}`)
      .send({ revision, status: 'resolved' });
    expect(stale.status).toBe(409);
    const stored = await backend.knex('release_issues').where({ id }).first();
    expect(stored.status).toBe('acknowledged');
  });

  it.each([
    [{ status: 'done' }, 'status: '],
    [{}, 'name at least one field'],
    [{ severity: 'sev1', revision: 0 }, 'revision: '],
    [{ links: [{ kind: 'ticket', url: 'ftp://x' }] }, 'links.0.url: '],
  ])(
    'answers 400 naming the field for %j and changes nothing',
    async (body, message) => {
      const { id, revision } = await issue();
      const res = await backend
        .as('owner')
        .patch(`/issues/${id}`)
        .send({ revision, ...body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const stored = await backend.knex('release_issues').where({ id }).first();
      expect(stored.revision).toBe(revision);
    },
  );

  it('answers 404 for an unknown issue', async () => {
    const res = await backend
      .as('owner')
      .patch('/issues/nope')
      .send({ revision: 1, status: 'resolved' });
    expect(res.status).toBe(404);
  });
});

describe('GET /issues', () => {
  it('filters by status, severity, entity and owner, pages with a cursor, and hides the issues of drafts the caller cannot see', async () => {
    const released = await release('released');
    const draft = await release('draft');
    const sev1 = await record(released, {
      title: 'A',
      severity: 'sev1',
      entityRefs: [CART],
    });
    const sev3 = await record(released, {
      title: 'B',
      severity: 'sev3',
      ownerRef: 'group:default/payments-team',
    });
    const hidden = await record(draft, {
      title: 'Secret',
      severity: 'sev1',
      entityRefs: [CART],
    });
    expect([sev1.status, sev3.status, hidden.status]).toEqual([201, 201, 201]);

    const ids = async (role: Role, query: string) => {
      const res = await backend.as(role).get(`/issues?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.id);
    };
    // newest first; issues of the same millisecond in id order
    expect((await ids('owner', `entityRef=${CART}`)).sort()).toEqual(
      [hidden.body.id, sev1.body.id].sort(),
    );
    expect(await ids('otherTeam', `entityRef=${CART}`)).toEqual([sev1.body.id]);
    expect(await ids('otherTeam', 'severity=sev1&status=open')).not.toContain(
      hidden.body.id,
    );
    expect(
      await ids('otherTeam', 'ownerRef=group:default/payments-team'),
    ).toEqual(expect.arrayContaining([sev3.body.id]));
    expect(
      await ids(
        'otherTeam',
        `entityRef=${CHECKOUT}&severity=sev3&ownerRef=group:default/payments-team`,
      ),
    ).toEqual([sev3.body.id]);
    expect(await ids('otherTeam', `entityRef=${PAYMENTS}`)).toEqual([]);
    const hiddenOne = await backend
      .as('otherTeam')
      .get(`/issues/${hidden.body.id}`);
    expect(hiddenOne.status).toBe(404);

    const first = await backend
      .as('owner')
      .get(`/issues?entityRef=${CART}&limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await backend
      .as('owner')
      .get(`/issues?entityRef=${CART}&limit=1&cursor=${first.body.nextCursor}`);
    expect(
      [...first.body.items, ...second.body.items].map((i: any) => i.id).sort(),
    ).toEqual([hidden.body.id, sev1.body.id].sort());
    expect(second.body.nextCursor).toBeUndefined();
  });

  it.each([
    ['status=closed', 'status.0: '],
    ['severity=high', 'severity.0: '],
    ['limit=0', 'limit: '],
    ['cursor=bogus', 'cursor: '],
    ['entityRef=', 'entityRef: '],
    ['colour=red', 'unknown field(s): colour'],
  ])('answers 400 naming the field for %s', async (query, message) => {
    const res = await backend.as('owner').get(`/issues?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    // plain words: no endpoint path
    expect(res.body.error.message).not.toMatch(/\b(GET|POST) \/|\/issues/);
  });
});

describe('readiness', () => {
  it('turns a released release with an unresolved sev1/sev2 issue red, suggests a rollback decision and counts its open issues', async () => {
    const id = await release('released');
    await record(id, { title: 'Minor glitch', severity: 'sev4' });
    const severe = await record(id, {
      title: 'Payments fail',
      severity: 'sev2',
    });
    const readiness = await backend
      .as('noGroup')
      .get(`/releases/${id}/readiness`);
    expect(readiness.body.openIssues).toEqual({
      sev1: 0,
      sev2: 1,
      sev3: 0,
      sev4: 1,
      worst: 'sev2',
    });
    expect(readiness.body.verdict).toBe('not-ready');
    expect(readiness.body.blocking).toContain(
      'No unresolved sev1/sev2 issue: sev2 open: Payments fail; Consider a rollback decision',
    );
    const verdicts = await backend
      .as('noGroup')
      .get(`/readiness?releaseId=${id}`);
    expect(verdicts.body.items[0]).toMatchObject({
      verdict: 'not-ready',
      openIssues: { sev2: 1, worst: 'sev2' },
    });

    await backend
      .as('owner')
      .patch(`/issues/${severe.body.id}`)
      .send({ revision: 1, status: 'resolved' });
    const after = await backend.as('noGroup').get(`/releases/${id}/readiness`);
    expect(after.body.openIssues).toEqual({
      sev1: 0,
      sev2: 0,
      sev3: 0,
      sev4: 1,
      worst: 'sev4',
    });
    expect(after.body.items).toContainEqual(
      expect.objectContaining({ id: 'no-severe-open-issues', passed: true }),
    );
  });

  it('does not add the issue item before the release is released', async () => {
    const id = await release('planned');
    await record(id, { title: 'Found in staging', severity: 'sev1' });
    const readiness = await backend
      .as('owner')
      .get(`/releases/${id}/readiness`);
    expect(readiness.body.openIssues.worst).toBe('sev1');
    expect(readiness.body.items.map((i: any) => i.id)).not.toContain(
      'no-severe-open-issues',
    );
  });
});
