import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Release } from '@internal/plugin-release-coordination-common';
import createKnex, { Knex } from 'knex';
import { testEntity } from '../catalogGraph/testCatalog';
import { createTestServices } from '../__testUtils__/testServices';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readEscalationPolicy } from '../releaseIssues/escalationPolicy';
import { EscalationTaskOptions, sendIssueEscalations } from './EscalationTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const START = new Date('2026-12-05T08:00:00.000Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);
const SHOP = 'component:default/shop';
const WEB = 'component:default/web';
const TEAM_A = 'group:default/team-a';

const ENTITIES = [
  testEntity('group:default/engineering'),
  testEntity(TEAM_A, { spec: { parent: 'engineering' } }),
  testEntity('group:default/web-team'),
  testEntity('group:default/release-managers'),
  testEntity(SHOP, { spec: { owner: 'team-a' } }),
  testEntity(WEB, {
    spec: { owner: 'web-team' },
    relations: [['dependsOn', SHOP]],
  }),
];

const RELEASE: Release = {
  id: 'r1',
  title: 'Shop',
  version: '2.0.0',
  type: 'normal',
  state: 'released',
  window: { start: START.toISOString(), end: minutes(60).toISOString() },
  entityRefs: [SHOP],
  ownerRef: TEAM_A,
  description: '',
  changes: [],
  createdBy: 'user:default/alice',
  createdAt: START.toISOString(),
  updatedAt: START.toISOString(),
  revision: 1,
};

/** The services of one replica over the database; `clock` is the fake clock of the runs. */
async function replica(knex: Knex, clock: { now: Date }) {
  const sent: NotificationSendOptions[] = [];
  const services = await createTestServices({
    database: mockServices.database({ knex }),
    catalog: catalogServiceMock({ entities: ENTITIES }),
    notifications: { send: async n => void sent.push(n) },
    now: () => clock.now,
  });
  const options: EscalationTaskOptions = {
    rules: services.escalationRules,
    issues: services.stores.releaseIssueStore,
    releases: services.stores.releaseStore,
    impact: services.impact,
    catalog: services.catalog,
    notifier: services.notifier,
    releaseManagerGroup: services.approvalPolicy.releaseManagerGroup,
    credentials: () => mockServices.auth().getOwnServiceCredentials(),
    now: () => clock.now,
  };
  return { services, options, sent };
}

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const clock = { now: START };
  const first = await replica(knex, clock);
  const second =
    id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
  if (second !== knex) opened.push(second);
  const other = await replica(second, clock);
  await first.services.stores.releaseStore.createRelease(RELEASE, []);
  const record = (severity: 'sev1' | 'sev2' | 'sev3') =>
    first.services.issues.recordIssue(
      RELEASE,
      { title: `A ${severity} issue`, severity, status: 'open', links: [] },
      {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/alice' },
      },
    );
  return { clock, first, other, record };
}

const recipients = (sent: NotificationSendOptions[]) =>
  sent.map(n => (n.recipients as { entityRef: string[] }).entityRef);

describe.each(databases.eachSupportedId())('issue escalations on %p', id => {
  it('escalates a sev1 still open after 15 minutes to the release managers and the owners of affected dependents, once', async () => {
    const { clock, first, record } = await setup(id);
    await record('sev1');
    await record('sev3');
    clock.now = minutes(14);
    expect(await sendIssueEscalations(first.options)).toEqual([]);
    clock.now = minutes(15);
    const sent = await sendIssueEscalations(first.options);
    expect(sent).toEqual([
      expect.objectContaining({
        ruleKey: 'sev1:open:PT15M',
        recipients: [
          'group:default/release-managers',
          'group:default/web-team',
        ],
      }),
    ]);
    expect(first.sent).toHaveLength(1);
    expect(first.sent[0].payload).toMatchObject({
      severity: 'critical',
      link: '/release-coordination/releases/r1',
    });
    clock.now = minutes(30);
    expect(await sendIssueEscalations(first.options)).toEqual([]);
    expect(first.sent).toHaveLength(1);
  });

  it('does not escalate a sev1 acknowledged in time', async () => {
    const { clock, first, record } = await setup(id);
    const issue = await record('sev1');
    clock.now = minutes(10);
    await first.services.issues.updateIssue(
      issue.id,
      { revision: 1, status: 'acknowledged' },
      {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/alice' },
      },
    );
    clock.now = minutes(60);
    expect(await sendIssueEscalations(first.options)).toEqual([]);
  });

  it("escalates a sev2 still open after 4 hours to the owning group's parent", async () => {
    const { clock, first, record } = await setup(id);
    await record('sev2');
    clock.now = minutes(239);
    expect(await sendIssueEscalations(first.options)).toEqual([]);
    clock.now = minutes(240);
    await sendIssueEscalations(first.options);
    expect(recipients(first.sent)).toEqual([['group:default/engineering']]);
  });

  it('sends one notification per escalation when two runners race', async () => {
    const { clock, first, other, record } = await setup(id);
    await record('sev1');
    await record('sev2');
    clock.now = minutes(300);
    const runs = await Promise.all([
      sendIssueEscalations(first.options),
      sendIssueEscalations(other.options),
      sendIssueEscalations(first.options),
    ]);
    expect(
      runs
        .flat()
        .map(s => s.ruleKey)
        .sort(),
    ).toEqual(['sev1:open:PT15M', 'sev2:open:PT4H']);
    expect(first.sent.length + other.sent.length).toBe(2);
  });
});

describe('readEscalationPolicy', () => {
  const read = (rules?: unknown) =>
    readEscalationPolicy(
      new ConfigReader(
        rules === undefined
          ? {}
          : { releaseCoordination: { escalation: { rules } } },
      ),
    );

  it('has the documented defaults', () => {
    expect(read()).toEqual([
      {
        severity: 'sev1',
        status: 'open',
        after: 'PT15M',
        afterMs: 15 * 60_000,
        notify: ['releaseManagers', 'affectedDependentOwners'],
        key: 'sev1:open:PT15M',
      },
      {
        severity: 'sev2',
        status: 'open',
        after: 'PT4H',
        afterMs: 4 * 3_600_000,
        notify: ['owningGroupParent'],
        key: 'sev2:open:PT4H',
      },
    ]);
  });

  it.each([
    [
      [
        {
          severity: 'sev1',
          status: 'open',
          after: '15m',
          notify: ['issueOwner'],
        },
      ],
      '0.after: "15m" is not a positive ISO 8601 duration',
    ],
    [
      [
        {
          severity: 'sev5',
          status: 'open',
          after: 'PT1H',
          notify: ['issueOwner'],
        },
      ],
      '0.severity: ',
    ],
    [
      [
        {
          severity: 'sev1',
          status: 'resolved',
          after: 'PT1H',
          notify: ['issueOwner'],
        },
      ],
      '0.status: ',
    ],
    [
      [
        {
          severity: 'sev1',
          status: 'open',
          after: 'PT1H',
          notify: ['everyone'],
        },
      ],
      '0.notify.0: ',
    ],
    [
      [
        {
          severity: 'sev1',
          status: 'open',
          after: 'PT0S',
          notify: ['issueOwner'],
        },
      ],
      '0.after: ',
    ],
    [{ severity: 'sev1' }, 'releaseCoordination.escalation.rules is invalid'],
  ])('refuses %j at startup', (rules, message) => {
    expect(() => read(rules)).toThrow(message);
  });
});
