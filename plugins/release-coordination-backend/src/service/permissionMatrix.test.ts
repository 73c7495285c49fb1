import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  CO_OWNER,
  PortalTestBackend,
  Role,
  portalTestBackend,
  windowIn,
} from '../__testUtils__/portalTestBackend';
import {
  MATRIX_ROLES,
  PERMISSION_MATRIX,
  PermissionMatrixRow,
  README_PATH,
  readmeMatrix,
  renderPermissionMatrix,
  rowKey,
} from '../__testUtils__/permissionMatrix';
import { verificationFixtures } from '../__testUtils__/verificationMatrix';
import { issueFixtures } from '../__testUtils__/issuePermissionRows';
import { rollbackFixtures } from '../__testUtils__/rollbackPermissionRows';
import { reviewFixtures } from '../__testUtils__/reviewPermissionRows';
import { releaseNotesFixtures } from '../__testUtils__/releaseNotesPermissionRows';
import { metricsFixtures } from '../__testUtils__/metricsPermissionRows';
import { annotationFixtures } from '../__testUtils__/annotationPermissionRows';
import { approvalInboxFixtures } from '../__testUtils__/approvalInboxPermissionRows';

jest.setTimeout(120_000);

const portal = portalTestBackend();

const CHECKOUT = 'component:default/checkout-service';
const PAYMENTS = 'component:default/payments-service';
const CHECKOUT_TEAM = 'group:default/checkout-team';
const PAYMENTS_TEAM = 'group:default/payments-team';
const HOUR = 3_600_000;

/** What a request of a row needs: path parameters, query and body. */
interface Prepared {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
}

/** Creates what one (row, role) request needs, fresh, and says how to send it. */
type Fixture = (backend: PortalTestBackend, role: Role) => Promise<Prepared>;

/** Throws with the response's error unless it has the status a fixture step expects. */
function expectStatus(
  res: { status: number; body: any },
  status: number,
  step: string,
) {
  if (res.status !== status) {
    throw new Error(
      `fixture step "${step}" answered ${res.status}: ${JSON.stringify(
        res.body,
      )}`,
    );
  }
  return res.body;
}

// every release, freeze and train of a fixture gets its own time, so they
// neither conflict with nor slow down each other
let sequence = 0;
const nextHours = () => 48 + 3 * sequence++;

/** A draft normal release created by olivia (checkout-team), of checkout-service unless told. */
async function draftRelease(
  backend: PortalTestBackend,
  entityRefs = [CHECKOUT],
) {
  const res = await backend
    .as(CO_OWNER)
    .post('/releases')
    .send({
      title: 'Matrix release',
      version: '1.0.0',
      type: 'normal',
      window: windowIn(nextHours()),
      entityRefs,
    });
  return expectStatus(res, 201, 'create release');
}

/** The usual release: a planned normal release of checkout-service, created by olivia. */
async function plannedRelease(
  backend: PortalTestBackend,
  entityRefs = [CHECKOUT],
) {
  const { id } = await draftRelease(backend, entityRefs);
  const res = await backend
    .as(CO_OWNER)
    .post(`/releases/${id}/transition`)
    .send({ to: 'planned' });
  return expectStatus(res, 200, 'plan release');
}

/** A planned release that alice approved for checkout-team. */
async function approvedByAlice(backend: PortalTestBackend) {
  const release = await plannedRelease(backend);
  const res = await backend
    .as('owner')
    .post(`/releases/${release.id}/approvals`)
    .send({ decision: 'approve', comment: 'fine' });
  expectStatus(res, 201, 'approve');
  return release;
}

/** A planned release that olivia offered to payments-team. */
async function offeredToPayments(backend: PortalTestBackend) {
  const { id } = await plannedRelease(backend);
  const res = await backend
    .as(CO_OWNER)
    .post(`/releases/${id}/handover`)
    .send({ toGroupRef: PAYMENTS_TEAM, reason: 'yours' });
  return expectStatus(res, 200, 'offer hand-over');
}

/** A freeze of cart-service (in no fixture release) far ahead. */
async function freeze(backend: PortalTestBackend) {
  const start = Date.now() + (1000 + nextHours()) * HOUR;
  const res = await backend
    .as('platformAdmin')
    .post('/freezes')
    .send(freezeBody(start));
  return expectStatus(res, 201, 'create freeze');
}

function freezeBody(start: number) {
  return {
    title: 'Matrix freeze',
    scope: { entities: ['component:default/cart-service'] },
    start: new Date(start).toISOString(),
    end: new Date(start + 2 * HOUR).toISOString(),
  };
}

/** A daily train of the checkout system whose first slot is days ahead. */
async function train(backend: PortalTestBackend) {
  const start = Math.ceil((Date.now() + nextHours() * HOUR) / HOUR) * HOUR;
  const res = await backend
    .as('platformAdmin')
    .post('/trains')
    .send(trainBody(start));
  return expectStatus(res, 201, 'create train');
}

function trainBody(start: number) {
  return {
    name: 'Matrix train',
    rrule: 'FREQ=DAILY',
    timezone: 'UTC',
    start: new Date(start).toISOString(),
    slotDuration: 'PT2H',
    cutoff: 'PT1H',
    scope: { systems: ['checkout'] },
  };
}

/** A calendar feed of the given user. */
async function calendarFeed(
  backend: PortalTestBackend,
  user: Role | typeof CO_OWNER,
) {
  const res = await backend
    .as(user)
    .post('/calendar-feeds')
    .send({ filters: {} });
  return expectStatus(res, 201, 'create calendar feed');
}

const range = () => ({
  from: new Date(Date.now()).toISOString(),
  to: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
});

const releaseId = async (backend: PortalTestBackend) => ({
  params: { id: (await plannedRelease(backend)).id },
});

/** The fixture of each row, by {@link rowKey}. */
const FIXTURES: Record<string, Fixture> = {
  GetHealth: async () => ({}),
  ListReleases: async () => ({}),
  CreateRelease: async () => ({
    body: {
      title: 'Checkout 2',
      version: '2.0.0',
      type: 'normal',
      window: windowIn(nextHours()),
      entityRefs: [CHECKOUT],
    },
  }),
  'CreateRelease (for checkout-team)': async () => ({
    body: {
      title: 'Checkout 3',
      version: '3.0.0',
      type: 'normal',
      window: windowIn(nextHours()),
      entityRefs: [CHECKOUT],
      ownerRef: CHECKOUT_TEAM,
    },
  }),
  GetRelease: releaseId,
  'GetRelease (draft)': async backend => ({
    params: { id: (await draftRelease(backend)).id },
  }),
  'GetRelease (draft offered to payments-team)': async backend => {
    const { id } = await draftRelease(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/handover`)
      .send({ toGroupRef: PAYMENTS_TEAM });
    expectStatus(res, 200, 'offer hand-over');
    return { params: { id } };
  },
  UpdateRelease: async backend => {
    const { id, revision } = await plannedRelease(backend);
    return { params: { id }, body: { revision, title: 'Renamed' } };
  },
  'UpdateRelease (draft)': async backend => {
    const { id, revision } = await draftRelease(backend);
    return { params: { id }, body: { revision, title: 'Renamed' } };
  },
  'TransitionRelease (to approved, alice approved)': async backend => ({
    params: { id: (await approvedByAlice(backend)).id },
    body: { to: 'approved' },
  }),
  OfferReleaseHandover: async backend => ({
    ...(await releaseId(backend)),
    body: { toGroupRef: PAYMENTS_TEAM, reason: 'yours' },
  }),
  'CancelReleaseHandover (offered to payments-team)': async backend => ({
    params: { id: (await offeredToPayments(backend)).id },
  }),
  'AcceptReleaseHandover (offered to payments-team)': async backend => ({
    params: { id: (await offeredToPayments(backend)).id },
    body: {},
  }),
  ListStandardChanges: async () => ({}),
  ListReleaseEvents: releaseId,
  GetReleaseApprovals: releaseId,
  DecideReleaseApproval: async backend => ({
    ...(await releaseId(backend)),
    body: { decision: 'approve', comment: 'fine' },
  }),
  'WithdrawReleaseApproval (alice approved for checkout-team)':
    async backend => ({
      params: {
        id: (await approvedByAlice(backend)).id,
        groupRef: CHECKOUT_TEAM,
      },
    }),
  ListReadinessVerdicts: async backend => ({
    query: { releaseId: (await plannedRelease(backend)).id },
  }),
  GetReleaseReadiness: releaseId,
  CheckReadinessItem: async backend => ({
    params: { id: (await plannedRelease(backend)).id, itemId: 'rollback-plan' },
    body: { checked: true },
  }),
  ListFreezes: async () => ({}),
  CreateFreeze: async () => ({
    body: freezeBody(Date.now() + (1000 + nextHours()) * HOUR),
  }),
  GetFreeze: async backend => ({ params: { id: (await freeze(backend)).id } }),
  UpdateFreeze: async backend => {
    const { id, revision } = await freeze(backend);
    return { params: { id }, body: { revision, title: 'Renamed freeze' } };
  },
  DeleteFreeze: async backend => ({
    params: { id: (await freeze(backend)).id },
  }),
  EndFreeze: async backend => ({
    params: { id: (await freeze(backend)).id },
    body: { reason: 'Not needed after all' },
  }),
  ListFreezeOccurrences: async () => ({ query: range() }),
  OverrideFreezes: async backend => ({
    ...(await releaseId(backend)),
    body: { reason: 'Agreed fix' },
  }),
  'OverrideFreezes (also of payments-service)': async backend => ({
    params: { id: (await plannedRelease(backend, [CHECKOUT, PAYMENTS])).id },
    body: { reason: 'Agreed fix' },
  }),
  'ClearFreezeOverride (overridden)': async backend => {
    const { id } = await plannedRelease(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/freeze-override`)
      .send({ reason: 'Agreed fix' });
    expectStatus(res, 200, 'override freezes');
    return { params: { id } };
  },
  PlanImpact: async () => ({ body: { entityRefs: [CHECKOUT] } }),
  ListUpcomingImpact: async () => ({ query: { entityRef: CHECKOUT } }),
  GetReleaseImpact: releaseId,
  OverrideRisk: async backend => ({
    ...(await releaseId(backend)),
    body: { level: 'high', reason: 'Touches the payment flow' },
  }),
  'ClearRiskOverride (overridden)': async backend => {
    const { id } = await plannedRelease(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/risk-override`)
      .send({ level: 'high', reason: 'Touches the payment flow' });
    expectStatus(res, 200, 'override risk');
    return { params: { id } };
  },
  ListConflicts: async () => ({ query: range() }),
  SuggestSlots: async () => ({
    query: { entityRef: CHECKOUT, duration: 'PT1H' },
  }),
  GetDeployGate: async () => ({ query: { entityRef: CHECKOUT } }),
  ListTrains: async () => ({}),
  CreateTrain: async () => ({
    body: trainBody(Math.ceil((Date.now() + 50 * HOUR) / HOUR) * HOUR),
  }),
  GetTrain: async backend => ({ params: { id: (await train(backend)).id } }),
  UpdateTrain: async backend => {
    const { id, revision } = await train(backend);
    return { params: { id }, body: { revision, name: 'Renamed train' } };
  },
  DeleteTrain: async backend => ({
    params: { id: (await train(backend)).id },
  }),
  ListTrainSlots: async backend => ({
    params: { id: (await train(backend)).id },
  }),
  GetTrainStats: async backend => ({
    params: { id: (await train(backend)).id },
    query: range(),
  }),
  BookTrainSlot: async backend => {
    const booked = await train(backend);
    return {
      ...(await releaseId(backend)),
      body: { trainId: booked.id, slotStart: booked.start },
    };
  },
  'UnbookTrainSlot (booked)': async backend => {
    const booked = await train(backend);
    const { id } = await plannedRelease(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/train-slot`)
      .send({ trainId: booked.id, slotStart: booked.start });
    expectStatus(res, 200, 'book train slot');
    return { params: { id } };
  },
  GetCalendar: async () => ({}),
  ListCalendarFeeds: async () => ({}),
  CreateCalendarFeed: async () => ({ body: { filters: {} } }),
  'DeleteCalendarFeed (own feed)': async (backend, role) => ({
    params: { id: (await calendarFeed(backend, role)).id },
  }),
  "DeleteCalendarFeed (olivia's feed)": async backend => ({
    params: { id: (await calendarFeed(backend, CO_OWNER)).id },
  }),
  'GetCalendarFeed (own feed, its token)': async (backend, role) => {
    const { id, token } = await calendarFeed(backend, role);
    return { params: { id }, query: { token } };
  },
  "GetCalendarFeed (olivia's feed, its token)": async backend => {
    const { id, token } = await calendarFeed(backend, CO_OWNER);
    return { params: { id }, query: { token } };
  },
  'GetCalendarFeed (own feed, wrong token)': async (backend, role) => {
    const { id } = await calendarFeed(backend, role);
    return { params: { id }, query: { token: 'not-the-token' } };
  },
  ...verificationFixtures({ plannedRelease, expectStatus }),
  ...issueFixtures({ plannedRelease, draftRelease, expectStatus }),
  ...rollbackFixtures({ plannedRelease, expectStatus }),
  ...reviewFixtures({ plannedRelease, draftRelease, expectStatus }),
  ...releaseNotesFixtures({ plannedRelease, draftRelease, expectStatus }),
  ...metricsFixtures(),
  ...annotationFixtures,
  ...approvalInboxFixtures(),
};

/** Sends the row's request as the role, on the row's method and path. */
async function send(
  backend: PortalTestBackend,
  row: PermissionMatrixRow,
  role: Role,
) {
  const {
    params = {},
    query,
    body,
  } = await FIXTURES[rowKey(row)](backend, role);
  const path = row.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no fixture value for {${name}}`);
    return encodeURIComponent(params[name]);
  });
  const method = row.method.toLowerCase() as Lowercase<typeof row.method>;
  let req = backend.as(role)[method](path);
  if (query) req = req.query(query);
  return body ? req.send(body) : req;
}

/** Each operation of the OpenAPI document as `METHOD path`, by operation id. */
function documentedOperations(): Map<string, string> {
  const spec = parse(
    readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const operations = new Map<string, string>();
  for (const [path, item] of Object.entries(
    spec.paths as Record<string, Record<string, { operationId?: string }>>,
  )) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters') continue;
      operations.set(
        operation.operationId ?? `(no operationId) ${method} ${path}`,
        `${method.toUpperCase()} ${path}`,
      );
    }
  }
  return operations;
}

describe('permission matrix', () => {
  it('has a row for every operation of the OpenAPI document, on its method and path', () => {
    const documented = documentedOperations();
    const covered = new Set(PERMISSION_MATRIX.map(r => r.operationId));
    expect({
      missing: [...documented.keys()].filter(id => !covered.has(id)),
      undocumented: [...covered].filter(id => !documented.has(id)),
    }).toEqual({ missing: [], undocumented: [] });
    for (const row of PERMISSION_MATRIX) {
      expect({
        row: rowKey(row),
        request: `${row.method} ${row.path}`,
      }).toEqual({
        row: rowKey(row),
        request: documented.get(row.operationId),
      });
    }
  });

  it('has exactly one fixture per row', () => {
    const keys = PERMISSION_MATRIX.map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(FIXTURES).sort()).toEqual([...keys].sort());
  });

  describe('against the running plugin', () => {
    let backend: PortalTestBackend;
    beforeAll(async () => {
      backend = await portal.start();
    });

    it.each(PERMISSION_MATRIX.map(row => [rowKey(row), row] as const))(
      '%s',
      async (_key, row) => {
        const got = {} as Record<Role, number | string>;
        for (const role of MATRIX_ROLES) {
          const res = await send(backend, row, role);
          const error = res.body?.error?.message;
          // a wrong refusal shows its message next to its status
          got[role] =
            res.status !== row.expected[role] && error
              ? `${res.status}: ${error}`
              : res.status;
        }
        expect(got).toEqual(row.expected);
      },
    );
  });

  it('is printed unchanged in the README (run `yarn permission-matrix` in the backend plugin after a change)', () => {
    expect(readmeMatrix(readFileSync(README_PATH, 'utf8'))).toBe(
      renderPermissionMatrix(),
    );
  });
});
