import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  PORTAL_TEST_CONFIG,
  portalTestBackend,
  PortalTestBackend,
  USERS,
  windowIn,
} from '../__testUtils__/portalTestBackend';

/*
 * The registered actions as an AI assistant reaches them: Backstage's actions
 * service (what the MCP server calls) invokes them over HTTP on behalf of a
 * user, through the plugin's actions registry.
 */
const kit = portalTestBackend();

const CHECKOUT = 'component:default/checkout-service';

/** A backend module that hands the test Backstage's actions service. */
function actionsClient() {
  const client: { actions?: ActionsService } = {};
  const feature = createBackendModule({
    pluginId: 'release-coordination',
    moduleId: 'test-actions-client',
    register(env) {
      env.registerInit({
        deps: { actions: actionsServiceRef },
        async init({ actions }) {
          client.actions = actions;
        },
      });
    },
  });
  return { feature, client };
}

jest.setTimeout(60_000);

describe('release-coordination actions (actions registry)', () => {
  let backend: PortalTestBackend;
  let actions: ActionsService;

  beforeAll(async () => {
    const { feature, client } = actionsClient();
    backend = await kit.start({
      config: {
        ...PORTAL_TEST_CONFIG,
        backend: { actions: { pluginSources: ['release-coordination'] } },
      },
      features: [feature],
    });
    actions = client.actions!;
  });

  const invoke = async (name: string, input: JsonObject, user: string) =>
    (
      await actions.invoke({
        id: `release-coordination:${name}`,
        input,
        credentials: mockCredentials.user(user),
      })
    ).output as any;

  const plan = (user: string, overrides: JsonObject = {}) =>
    invoke(
      'create-release-plan',
      {
        title: 'Checkout service 9.0',
        version: '9.0.0',
        entityRefs: [CHECKOUT],
        window: windowIn(72),
        ...overrides,
      },
      user,
    );

  it('lists the six operations with their schemas and read-only hints', async () => {
    const { actions: listed } = await actions.list({
      credentials: mockCredentials.user(USERS.owner),
    });
    const byName = Object.fromEntries(listed.map(a => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual([
      'create-release-plan',
      'get-deploy-gate',
      'get-impact',
      'get-release-readiness',
      'list-upcoming-releases',
      'record-release-issue',
    ]);
    expect(byName['get-deploy-gate'].attributes.readOnly).toBe(true);
    expect(byName['create-release-plan'].attributes.readOnly).toBe(false);
    expect(byName['get-deploy-gate'].schema.input).toMatchObject({
      required: ['entityRef'],
    });
  });

  it('plans a release as the caller, which the API then serves', async () => {
    const { release } = await plan(USERS.owner);
    expect(release).toMatchObject({
      state: 'draft',
      ownerRef: 'group:default/checkout-team',
      url: expect.stringContaining(
        `/release-coordination/releases/${release.id}`,
      ),
    });
    const { body } = await backend
      .as('owner')
      .get(`/releases/${release.id}`)
      .expect(200);
    expect(body.createdBy).toBe(USERS.owner);
  });

  it('refuses a caller the plugin refuses, and writes nothing', async () => {
    const count = async () =>
      (await backend.knex('releases').count({ n: '*' }))[0].n;
    const before = await count();
    // nora is in no group: releases are owned by groups
    await expect(plan(USERS.noGroup)).rejects.toMatchObject({
      statusCode: 403,
      body: {
        error: {
          message: expect.stringContaining('not a member of any group'),
        },
      },
    });
    // bob may not plan for checkout-team, which he is not a member of
    await expect(
      plan(USERS.otherTeam, { ownerRef: 'group:default/checkout-team' }),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect(await count()).toBe(before);
  });

  it('validates input with the API schema, naming the field', async () => {
    const error = await plan(USERS.owner, {
      window: { start: windowIn(5).end, end: windowIn(5).start },
    }).catch(e => e);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'window.end: must be after window.start',
    );
  });

  it('hides a draft from those who may not see it', async () => {
    const { release } = await plan(USERS.owner);
    const readiness = await invoke(
      'get-release-readiness',
      { releaseId: release.id },
      USERS.owner,
    );
    expect(readiness.verdict).toBe('not-ready');
    expect(readiness.items.length).toBeGreaterThan(0);
    await expect(
      invoke(
        'get-release-readiness',
        { releaseId: release.id },
        USERS.otherTeam,
      ),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      invoke(
        'record-release-issue',
        { releaseId: release.id, title: 'Oops', severity: 'sev3' },
        USERS.otherTeam,
      ),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reads upcoming releases, impact and the gate of an entity', async () => {
    const { release } = await plan(USERS.owner, { title: 'Upcoming 1' });
    await backend
      .as('owner')
      .post(`/releases/${release.id}/transition`)
      .send({ to: 'planned' })
      .expect(200);

    const upcoming = await invoke(
      'list-upcoming-releases',
      { entityRef: CHECKOUT },
      USERS.otherTeam,
    );
    expect(upcoming.releases.map((r: any) => r.release.id)).toContain(
      release.id,
    );

    const impact = await invoke(
      'get-impact',
      { releaseId: release.id },
      USERS.otherTeam,
    );
    expect(impact.changed).toEqual([CHECKOUT]);
    expect(impact.riskLevel).toEqual(expect.any(String));
    const planned = await invoke(
      'get-impact',
      { entityRefs: ['component:default/payments-service'] },
      USERS.otherTeam,
    );
    expect(planned.changed).toEqual(['component:default/payments-service']);

    const gate = await invoke(
      'get-deploy-gate',
      { entityRef: CHECKOUT },
      USERS.otherTeam,
    );
    // the planned release is not approved yet: nothing covers a deploy
    expect(gate).toMatchObject({
      allowed: false,
      status: 'prevented',
      blockedBy: [],
    });
  });

  it('records an issue on a release the caller can see', async () => {
    const { release } = await plan(USERS.owner);
    const recorded = await invoke(
      'record-release-issue',
      { releaseId: release.id, title: 'Latency up', severity: 'sev2' },
      USERS.owner,
    );
    expect(recorded).toMatchObject({ releaseId: release.id, status: 'open' });
    const { body } = await backend
      .as('owner')
      .get(`/releases/${release.id}/issues`)
      .expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        id: recorded.issueId,
        title: 'Latency up',
        severity: 'sev2',
        ownerRef: USERS.owner,
      }),
    ]);
  });
});
