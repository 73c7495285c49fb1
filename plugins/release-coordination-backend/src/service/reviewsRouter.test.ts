import {
  APPROVER,
  call,
  createReviewApp,
  ITEM_OWNER,
  MANAGER,
  OTHER,
  OWNER,
  rollBack,
} from './__testUtils__/reviewRoutesApp';
import { NOW } from './__testUtils__/routerTestKit';
import { expectPlainWords } from '../__testUtils__/plainWords';
import { MAX_ACTION_ITEMS } from '@internal/plugin-release-coordination-common';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;

/** A released release with a sev2 issue, rolled back through the routes. */
async function rolledBackWithIssue() {
  const kit = await createReviewApp();
  const release = await kit.seed();
  const issue = await call(
    kit.app,
    OWNER,
    'post',
    `/releases/${release.id}/issues`,
    {
      title: 'Double postings',
      severity: 'sev2',
    },
  );
  expect(issue.status).toBe(201);
  await rollBack(kit.app, release);
  return { ...kit, release, review: `/releases/${release.id}/review` };
}

describe('review routes', () => {
  it('gives a rolled-back release a required review prefilled with its facts, which everyone reads and its owners may write', async () => {
    const { app, release, review } = await rolledBackWithIssue();
    const read = await call(app, OTHER, 'get', review);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      releaseId: release.id,
      releaseState: 'rolled_back',
      required: true,
      requiredBecause: ['rolled-back', 'severe-issue'],
      status: 'open',
      finishedAt: NOW.toISOString(),
      dueAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
      overdue: false,
      revision: 1,
      canEdit: false,
      facts: {
        timeline: {
          window: release.window,
          states: [
            { state: 'rolling_back', at: NOW.toISOString(), by: OWNER },
            { state: 'rolled_back', at: NOW.toISOString(), by: OWNER },
          ],
          windowMoves: [],
        },
        issues: [
          {
            title: 'Double postings',
            severity: 'sev2',
            status: 'open',
            openMinutes: 0,
          },
        ],
        rollback: {
          reason: 'p99 doubled',
          emergency: false,
          decidedBy: OWNER,
          steps: [
            { title: 'Switch the flag off', status: 'done' },
            { title: 'Redeploy 1.9.0', status: 'done' },
          ],
        },
        criteria: [],
      },
    });
    expect((await call(app, OWNER, 'get', review)).body.canEdit).toBe(true);
    expect(
      (await call(app, OTHER, 'patch', review, { revision: 1, lessons: 'x' }))
        .status,
    ).toBe(403);
  });

  it('lets its owners write and complete a review, its action items be ticked off by their owners, and exports it as Markdown', async () => {
    const { app, review, auditor } = await rolledBackWithIssue();
    const written = await call(app, OWNER, 'patch', review, {
      revision: 1,
      wentWell: 'Fast decision',
      lessons: 'Canary | first',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ revision: 2, updatedBy: OWNER });
    const added = await call(app, OWNER, 'post', `${review}/action-items`, {
      revision: 2,
      title: 'Add a canary stage',
      ownerRef: ITEM_OWNER,
      dueDate: '2026-12-10',
    });
    expect(added.status).toBe(201);
    const [item] = added.body.actionItems;
    expect(item).toMatchObject({
      title: 'Add a canary stage',
      ownerRef: ITEM_OWNER,
      dueDate: '2026-12-10',
      status: 'open',
      createdBy: OWNER,
    });
    const itemPath = `${review}/action-items/${item.id}`;
    // the item's owner may tick it off, not rewrite it
    expect(
      (
        await call(app, ITEM_OWNER, 'patch', itemPath, {
          revision: 3,
          title: 'x',
        })
      ).status,
    ).toBe(403);
    const ticked = await call(app, ITEM_OWNER, 'patch', itemPath, {
      revision: 3,
      status: 'done',
    });
    expect(ticked.status).toBe(200);
    expect(ticked.body.actionItems[0]).toMatchObject({
      status: 'done',
      doneBy: ITEM_OWNER,
    });
    const completed = await call(app, OWNER, 'patch', review, {
      revision: 4,
      status: 'completed',
    });
    expect(completed.body).toMatchObject({
      status: 'completed',
      completedBy: OWNER,
      completedAt: NOW.toISOString(),
      openActionItems: 0,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'release-review-update' }),
    );

    const markdown = await call(app, OTHER, 'get', `${review}/markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.headers['content-disposition']).toBe(
      'attachment; filename="review-release-1-1.0.0.md"',
    );
    expect(markdown.text).toContain('# Post-release review: Release 1 1.0.0');
    expect(markdown.text).toContain(
      'Required because it was rolled back, a sev1/sev2 issue was recorded',
    );
    expect(markdown.text).toContain(
      '- sev2 Double postings (open), open 0 min',
    );
    expect(markdown.text).toContain('1. Switch the flag off — done');
    expect(markdown.text).toContain('## Lessons\n\nCanary | first');
    expect(markdown.text).toContain(
      `- [x] Add a canary stage — ${ITEM_OWNER}, due 2026-12-10`,
    );
  });

  it('refuses bad input with a 400 naming the field and writes nothing', async () => {
    const { app, seed } = await createReviewApp();
    const release = await seed({ type: 'emergency' });
    const review = `/releases/${release.id}/review`;
    expect((await call(app, OWNER, 'get', review)).body.revision).toBe(1);
    const item = {
      revision: 1,
      title: 'Canary',
      ownerRef: OWNER,
      dueDate: '2026-12-01',
    };
    const cases: [string, 'patch' | 'post' | 'get', string, object?][] = [
      [/revision/.source, 'patch', review, {}],
      ['name at least one field', 'patch', review, { revision: 1 }],
      ['status', 'patch', review, { revision: 1, status: 'done' }],
      ['lessons', 'patch', review, { revision: 1, lessons: 5 }],
      [
        'unknown field\\(s\\): extra',
        'patch',
        review,
        { revision: 1, extra: 1 },
      ],
      [
        'status: a review is completed once',
        'patch',
        review,
        { revision: 1, status: 'completed' },
      ],
      ['title', 'post', `${review}/action-items`, { ...item, title: ' ' }],
      [
        'ownerRef: must be a user or group',
        'post',
        `${review}/action-items`,
        { ...item, ownerRef: 'component:default/x' },
      ],
      [
        'dueDate',
        'post',
        `${review}/action-items`,
        { ...item, dueDate: '2026-02-30' },
      ],
      [
        'dueDate',
        'post',
        `${review}/action-items`,
        { ...item, dueDate: '12/01/2026' },
      ],
      [
        'dueDate',
        'post',
        `${review}/action-items`,
        { ...item, dueDate: '1999-12-31' },
      ],
      [
        'itemId',
        'patch',
        `${review}/action-items/${'x'.repeat(37)}`,
        { revision: 1, status: 'done' },
      ],
      [
        'status',
        'patch',
        `${review}/action-items/x`,
        { revision: 1, status: 'completed' },
      ],
      ['limit', 'get', '/reviews?limit=0'],
      ['status', 'get', '/reviews?status=closed'],
      ['entityRef', 'get', '/reviews?entityRef=not%20a%20ref'],
      ['q', 'get', '/reviews?q='],
      ['cursor', 'get', '/reviews?cursor=bad'],
    ];
    for (const [field, method, path, body] of cases) {
      const res = await call(app, OWNER, method, path, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(new RegExp(field));
    }
    expect((await call(app, OWNER, 'get', review)).body).toMatchObject({
      revision: 1,
      wentWell: '',
      wentWrong: '',
      lessons: '',
      status: 'open',
      actionItems: [],
    });
  });

  it('answers 409 for a release that did not go live and for a stale revision, 404 for an unknown action item or release', async () => {
    const { app, seed } = await createReviewApp();
    const planned = await seed({ state: 'planned' });
    const res = await call(app, OWNER, 'get', `/releases/${planned.id}/review`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/once it went live/);
    expectPlainWords(res.body.error.message, planned);
    const notLive = await call(
      app,
      OWNER,
      'patch',
      `/releases/${planned.id}/review`,
      { revision: 1, lessons: 'x' },
    );
    expect(notLive.status).toBe(409);
    expectPlainWords(notLive.body.error.message, planned);
    const released = await seed();
    const review = `/releases/${released.id}/review`;
    const stale = await call(app, OWNER, 'patch', review, {
      revision: 7,
      lessons: 'x',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/revision 1, not 7/);
    expect(stale.body.error.message).toMatch(/^The review of release "/);
    expectPlainWords(stale.body.error.message, released);
    const noItem = await call(
      app,
      OWNER,
      'patch',
      `${review}/action-items/nope`,
      { revision: 1, status: 'done' },
    );
    expect(noItem.status).toBe(404);
    expect(noItem.body.error.message).toMatch(
      /has no action item with the id nope$/,
    );
    expectPlainWords(noItem.body.error.message, released);
    for (let revision = 1; revision <= MAX_ACTION_ITEMS; revision++) {
      const added = await call(app, OWNER, 'post', `${review}/action-items`, {
        revision,
        title: `Item ${revision}`,
        ownerRef: OWNER,
        dueDate: '2026-12-01',
      });
      expect(added.status).toBe(201);
    }
    const tooMany = await call(app, OWNER, 'post', `${review}/action-items`, {
      revision: MAX_ACTION_ITEMS + 1,
      title: 'One too many',
      ownerRef: OWNER,
      dueDate: '2026-12-01',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(
      `title: the review of release "${released.title}" has ${MAX_ACTION_ITEMS} action items`,
    );
    expectPlainWords(tooMany.body.error.message, released);
    expect(
      (await call(app, OWNER, 'get', '/releases/nope/review')).status,
    ).toBe(404);
  });

  it('requires reviews by the configured rules and lets the approving groups and the release managers write them', async () => {
    const { app, seed, services } = await createReviewApp();
    const emergency = await seed({ type: 'emergency' });
    const normal = await seed();
    const get = async (id: string, user = OWNER) =>
      (await call(app, user, 'get', `/releases/${id}/review`)).body;
    expect(await get(emergency.id)).toMatchObject({
      required: true,
      requiredBecause: ['release-type'],
    });
    expect(await get(normal.id)).toMatchObject({
      required: false,
      requiredBecause: [],
      overdue: false,
    });
    expect((await get(normal.id)).dueAt).toBeUndefined();
    const issue = (severity: string) =>
      call(app, OTHER, 'post', `/releases/${normal.id}/issues`, {
        title: `A ${severity} problem`,
        severity,
      });
    await issue('sev3');
    expect((await get(normal.id)).required).toBe(false);
    await issue('sev1');
    expect(await get(normal.id)).toMatchObject({
      required: true,
      requiredBecause: ['severe-issue'],
    });

    expect((await get(normal.id, APPROVER)).canEdit).toBe(false);
    await services.stores.approvalStore.addDecision(normal.id, 1, {
      groupRef: 'group:default/team-other',
      decision: 'approve',
      comment: '',
      by: APPROVER,
      at: NOW.toISOString(),
    });
    expect((await get(normal.id, APPROVER)).canEdit).toBe(true);
    expect((await get(normal.id, MANAGER)).canEdit).toBe(true);
    expect(
      (
        await call(app, APPROVER, 'patch', `/releases/${normal.id}/review`, {
          revision: 1,
          wentWrong: 'Alerts were late',
        })
      ).status,
    ).toBe(200);

    const custom = await createReviewApp({
      config: {
        reviews: {
          requiredTypes: ['hotfix'],
          requiredSeverities: ['sev1'],
          requiredWhenRolledBack: false,
        },
      },
    });
    const hotfix = await custom.seed({ type: 'hotfix' });
    const rolled = await custom.seed();
    await rollBack(custom.app, rolled);
    const customGet = async (id: string) =>
      (await call(custom.app, OWNER, 'get', `/releases/${id}/review`)).body;
    expect((await customGet(hotfix.id)).requiredBecause).toEqual([
      'release-type',
    ]);
    expect((await customGet(rolled.id)).required).toBe(false);
  });

  it('lists and searches reviews per entity, System, Domain and Group', async () => {
    const { app, seed } = await createReviewApp();
    const payments = await seed();
    const ledger = await seed({ entityRefs: ['component:default/ledger'] });
    const web = await seed({
      ownerRef: 'group:default/team-web',
      entityRefs: ['component:default/ledger'],
    });
    for (const release of [payments, ledger, web]) {
      await call(app, OWNER, 'get', `/releases/${release.id}/review`);
    }
    await call(app, OWNER, 'patch', `/releases/${payments.id}/review`, {
      revision: 1,
      lessons: 'Always ship behind a Canary',
    });
    const titles = async (query: string) => {
      const res = await call(app, OTHER, 'get', `/reviews?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((r: any) => r.releaseTitle);
    };
    expect(await titles('system=system:default/payments')).toEqual([
      payments.title,
    ]);
    expect(await titles('domain=domain:default/money')).toEqual([
      payments.title,
    ]);
    expect(await titles('entityRef=component:default/ledger')).toEqual([
      web.title,
      ledger.title,
    ]);
    expect(await titles('group=group:default/team-web')).toEqual([web.title]);
    expect(await titles('q=canary')).toEqual([payments.title]);
    expect(await titles('q=canary&entityRef=component:default/ledger')).toEqual(
      [],
    );
    expect(await titles('status=completed')).toEqual([]);
    const page = await call(app, OTHER, 'get', '/reviews?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]).toMatchObject({
      releaseId: web.id,
      ownerRef: 'group:default/team-web',
      entityRefs: ['component:default/ledger'],
      status: 'open',
      openActionItems: 0,
    });
    const rest = await call(
      app,
      OTHER,
      'get',
      `/reviews?limit=2&cursor=${page.body.nextCursor}`,
    );
    expect(rest.body.items.map((r: any) => r.releaseId)).toEqual([payments.id]);
  });

  it('warns in the readiness of the next release of the same entities while a required review is overdue', async () => {
    const { app, seed, clock } = await createReviewApp();
    const rolled = await seed();
    await rollBack(app, rolled);
    const next = await seed({ state: 'planned' });
    const item = async () =>
      (
        await call(app, OTHER, 'get', `/releases/${next.id}/readiness`)
      ).body.items.find((i: any) => i.id === 'earlier-reviews-completed');
    expect(await item()).toBeUndefined();

    clock.set(new Date(NOW.getTime() + 5 * DAY + 60_000));
    const readiness = await call(
      app,
      OTHER,
      'get',
      `/releases/${next.id}/readiness`,
    );
    expect(
      readiness.body.items.find(
        (i: any) => i.id === 'earlier-reviews-completed',
      ),
    ).toEqual({
      id: 'earlier-reviews-completed',
      label: 'Required reviews of earlier releases completed',
      kind: 'automatic',
      passed: true,
      warning: true,
      facts: [`Overdue review: ${rolled.title} (finished 2026-11-26)`],
    });
    expect(readiness.body.blocking.join()).not.toMatch(/Required reviews/);
    const review = await call(
      app,
      OWNER,
      'get',
      `/releases/${rolled.id}/review`,
    );
    expect(review.body.overdue).toBe(true);

    await call(app, OWNER, 'patch', `/releases/${rolled.id}/review`, {
      revision: 1,
      lessons: 'Canary first',
      status: 'completed',
    });
    expect(await item()).toBeUndefined();
  });
});
