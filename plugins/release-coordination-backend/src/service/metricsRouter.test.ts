import {
  PortalTestBackend,
  portalTestBackend,
  windowIn,
} from '../__testUtils__/portalTestBackend';

jest.setTimeout(120_000);

const portal = portalTestBackend();
const HOUR = 3_600_000;
const CHECKOUT = 'component:default/checkout-service';
const CART = 'component:default/cart-service';
const PAYMENTS = 'component:default/payments-service';

let backend: PortalTestBackend;
const now = Date.now();
const from = new Date(now - 28 * 24 * HOUR).toISOString();
const to = new Date(now).toISOString();

/**
 * A release of `entityRef` created through the API, then recorded as
 * planned 10 h and released 2 h ago in the delivery tables (the event path
 * that keeps them is covered by the store tests).
 */
async function released(entityRef: string) {
  const created = await backend
    .as('owner')
    .post('/releases')
    .send({
      title: 'Metrics',
      version: '1.0.0',
      type: 'normal',
      window: windowIn(1),
      entityRefs: [entityRef],
    });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await backend.knex('releases').where({ id }).update({ state: 'released' });
  const times = { planned_at: now - 10 * HOUR, released_at: now - 2 * HOUR };
  await backend
    .knex('release_delivery_times')
    .insert({ release_id: id, ...times });
  await backend.knex('release_delivery_entities').insert({
    release_id: id,
    entity_ref: entityRef,
    ...times,
  });
  return id;
}

/** The releases of the three services, in this order. */
let releaseIds: string[];

beforeAll(async () => {
  backend = await portal.start();
  releaseIds = [
    await released(CHECKOUT),
    await released(CART),
    await released(PAYMENTS),
  ];
});

const query = (params: Record<string, string>) =>
  new URLSearchParams({ from, to, ...params }).toString();

describe('GET /metrics', () => {
  it.each([
    ['organisation', 3],
    ['system:default/checkout', 2],
    ['system:default/payments', 1],
    ['group:default/payments-team', 1],
    // the parent group of both teams: what its child groups own
    ['group:default/engineering', 3],
    [CART, 1],
  ])('counts the releases of scope %s', async (scope, deployments) => {
    const res = await backend
      .as('otherTeam')
      .get(`/metrics?${query({ scope })}`);
    expect(res.status).toBe(200);
    expect(res.body.summary.deploymentFrequency.count).toBe(deployments);
    expect(res.body.summary.changeLeadTime).toEqual({
      value: 8,
      count: deployments,
      band: 'elite',
    });
    // 28 days: four or five weeks, by the weekday of today
    expect([4, 5]).toContain(res.body.series.length);
  });

  it('gives every caller the same numbers: drafts are never counted', async () => {
    const draft = await backend
      .as('owner')
      .post('/releases')
      .send({
        title: 'Draft',
        version: '1.0.0',
        type: 'normal',
        window: windowIn(2),
        entityRefs: [CHECKOUT],
      });
    expect(draft.body.state).toBe('draft');
    const scope = 'system:default/checkout';
    const [owner, other] = await Promise.all([
      backend.as('owner').get(`/metrics?${query({ scope })}`),
      backend.as('otherTeam').get(`/metrics?${query({ scope })}`),
    ]);
    expect(owner.body).toEqual(other.body);
  });

  it('shows review completion from the post-release reviews of the scope', async () => {
    const [checkout, cart, payments] = releaseIds;
    const review = (releaseId: string, required: boolean, status: string) =>
      backend.knex('release_reviews').insert({
        release_id: releaseId,
        required,
        required_because: required ? '["rolled-back"]' : '[]',
        finished_at: new Date(now - HOUR),
        status,
        went_well: '',
        went_wrong: '',
        lessons: '',
        revision: 1,
      });
    await review(checkout, true, 'completed');
    await review(cart, true, 'open');
    await review(payments, false, 'completed');
    const metrics = async (scope: string) =>
      (await backend.as('otherTeam').get(`/metrics?${query({ scope })}`)).body;
    const organisation = await metrics('organisation');
    expect(
      organisation.measures.find(
        (m: { id: string }) => m.id === 'reviewCompletion',
      ),
    ).toMatchObject({ available: true, banded: false });
    // two required reviews (the optional one does not count), one completed
    expect(organisation.summary.reviewCompletion).toEqual({
      value: 0.5,
      count: 2,
      band: null,
    });
    // the week the reviewed releases finished in (not always the last one:
    // an hour ago may be last week, early on a Monday)
    const finishedWeek = organisation.series.find(
      (point: { start: string; end: string }) =>
        Date.parse(point.start) <= now - HOUR &&
        now - HOUR < Date.parse(point.end),
    );
    expect(finishedWeek.values.reviewCompletion).toEqual({
      value: 0.5,
      count: 2,
      band: null,
    });
    expect((await metrics(CHECKOUT)).summary.reviewCompletion).toEqual({
      value: 1,
      count: 1,
      band: null,
    });
    expect(
      (await metrics('system:default/payments')).summary.reviewCompletion,
    ).toEqual({ value: null, count: 0, band: null });
  });

  it('exports the series as CSV with a total row', async () => {
    const res = await backend.as('owner').get(
      `/metrics?${query({
        scope: 'system:default/checkout',
        format: 'csv',
        interval: 'month',
      })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="delivery-metrics-system-default-checkout.csv"',
    );
    const lines = res.text.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual([
      'start',
      'end',
      'deploymentFrequency',
      'deploymentFrequencyCount',
      'deploymentFrequencyBand',
    ]);
    const total = lines[lines.length - 1].split(',');
    expect(total[0]).toBe('total');
    expect(total[3]).toBe('2');
  });

  it('answers 404 for a scope entity that is not in the catalog', async () => {
    const res = await backend
      .as('owner')
      .get(`/metrics?${query({ scope: 'system:default/nowhere' })}`);
    expect(res.status).toBe(404);
  });

  it.each([
    [{ scope: '' }, /^scope: /],
    [{ scope: 'organisation', from: 'yesterday' }, /^from: /],
    [{ scope: 'organisation', to: from }, /^to: must be after from/],
    [
      {
        scope: 'organisation',
        from: '2024-01-01T00:00:00Z',
        to: '2027-06-01T00:00:00Z',
      },
      /^to: must be at most 1096 days after from/,
    ],
    [{ scope: 'organisation', interval: 'day' }, /^interval: /],
    [{ scope: 'organisation', tz: 'Mars/Olympus' }, /^tz: not a known IANA/],
    [{ scope: 'organisation', format: 'xml' }, /^format: /],
    [{ scope: 'organisation', colour: 'red' }, /unknown field\(s\): colour/],
  ])('answers 400 naming the field for %p', async (params, message) => {
    const res = await backend
      .as('owner')
      .get(`/metrics?${query(params as Record<string, string>)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 without a scope', async () => {
    const res = await backend
      .as('owner')
      .get(`/metrics?${new URLSearchParams({ from, to })}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^scope: /);
  });
});
