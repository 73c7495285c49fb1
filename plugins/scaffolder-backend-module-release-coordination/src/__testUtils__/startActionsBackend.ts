/*
 * Test-only: the real release-coordination backend plugin and this module in
 * one test backend, with a small catalog (checkout-team owns
 * checkout-service; bob is in payments-team; nora is in no group), so the
 * actions run against the plugin's own permission checks.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
// test-only: the actions are checked against the real plugin's permissions
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseCoordinationPlugin from '@internal/plugin-release-coordination-backend';
import request from 'supertest';
import { scaffolderModuleReleaseCoordination } from '../module';

const GROUPS: Record<string, string[]> = {
  'user:default/alice': ['group:default/checkout-team'],
  'user:default/bob': ['group:default/payments-team'],
  'user:default/nora': [],
};

const ENTITIES: Entity[] = [
  ...['checkout-team', 'payments-team'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  ...Object.entries(GROUPS).map(([ref, groups]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: groups.map(g => g.split('/')[1]) },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
  },
];

/** The outputs an action produced, by name. */
export type Outputs = Record<string, unknown>;

/** Starts the backend; `run` runs one of the module's actions as a user. */
export async function startActionsBackend() {
  const actions = new Map<string, TemplateAction<any, any, any>>();
  const { server } = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        {
          addActions: (...added: TemplateAction<any, any, any>[]) =>
            added.forEach(a => actions.set(a.id, a)),
        },
      ],
    ],
    features: [
      releaseCoordinationPlugin,
      scaffolderModuleReleaseCoordination,
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://portal.test' } },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const { userEntityRef } = credentials.principal as {
              userEntityRef: string;
            };
            return {
              userEntityRef,
              ownershipEntityRefs: [
                userEntityRef,
                ...(GROUPS[userEntityRef] ?? []),
              ],
            };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
    ],
  });

  return {
    actionIds: () => [...actions.keys()].sort(),
    /** Runs the action as `userRef`, the way the scaffolder does (dry run when told). */
    async run(
      id: string,
      input: JsonObject,
      userRef: string,
      options: { dryRun?: boolean } = {},
    ): Promise<Outputs> {
      const outputs: Outputs = {};
      await actions.get(id)!.handler({
        input,
        logger: mockServices.logger.mock(),
        workspacePath: '/nonexistent',
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
        checkpoint: async ({ fn }: { fn: () => Promise<any> }) => fn(),
        createTemporaryDirectory: async () => '/nonexistent',
        getInitiatorCredentials: async () => mockCredentials.user(userRef),
        task: { id: 'task-1' },
        step: { id: 'step-1' },
        isDryRun: options.dryRun ?? false,
      } as any);
      return outputs;
    },
    /** A GET of the release-coordination API as `userRef`. */
    get: (path: string, userRef: string) =>
      request(server)
        .get(`/api/release-coordination${path}`)
        .set('Authorization', mockCredentials.user.header(userRef)),
  };
}
