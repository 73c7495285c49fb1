import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Release,
  ReleaseEvent,
  ReleaseReadiness,
} from '@internal/plugin-release-coordination-common';
import { answerRelease } from '../../../__testUtils__/answers';
import { makeRelease } from '../../../__fixtures__/builders';
import { ContractServer } from '../../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../../routes';
import { ReleasePage } from '../ReleasePage';

/**
 * What the release page tests declare and render, on the contract server of
 * their file: a release r1 with a description, changes and a history.
 */
export function releasePageKit(server: ContractServer) {
  const history: ReleaseEvent[] = [
    {
      id: 'e1',
      releaseId: 'r1',
      action: 'created',
      actorRef: 'user:default/alice',
      createdAt: '2030-02-01T09:00:00.000Z',
      changes: [],
    },
    {
      id: 'e2',
      releaseId: 'r1',
      action: 'updated',
      actorRef: 'user:default/bob',
      createdAt: '2030-02-01T10:00:00.000Z',
      changes: [{ field: 'version', before: '2.0.9', after: '2.1.0' }],
      reason: 'semver',
    },
  ];

  /** Declares the release page's answers about a release r1 with history. */
  function setup(
    overrides: Parameters<typeof makeRelease>[0] = {},
    readiness?: ReleaseReadiness,
  ) {
    const release = makeRelease({
      description: '## Rollout\n\nCanary **first**.',
      changes: [
        { kind: 'feature', title: 'Refunds', link: 'https://example.com/pr/1' },
        { kind: 'fix', title: 'Rounding' },
      ],
      ...overrides,
    });
    answerRelease(server, release, { events: history, readiness });
    return release;
  }

  /** Declares the release and history the backend answers after a change. */
  function changed(release: Release, ...events: ReleaseEvent[]) {
    server.respond('get', '/releases/r1', release);
    server.respond('get', '/releases/r1/events', {
      items: [...history, ...events],
    });
  }

  /** The event of moving r1 from `before` to `after`. */
  const moved = (before: string, after: string): ReleaseEvent => ({
    id: 'e3',
    releaseId: 'r1',
    action: 'transitioned',
    actorRef: 'user:default/alice',
    createdAt: '2030-02-02T09:00:00.000Z',
    changes: [{ field: 'state', before, after }],
  });

  async function render(
    ownershipEntityRefs = ['user:default/alice', 'Group:default/Payments'],
  ) {
    return renderInTestApp(<ReleasePage releaseId="r1" />, {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs,
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
  }

  return { history, setup, changed, moved, render };
}
