import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  Release,
  ReleaseRollbackStatus,
  Rollback,
} from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { rootRouteRef } from '../../routes';
import { ReleaseRollback } from './ReleaseRollback';

const release: Release = {
  id: 'r1',
  title: 'Payments 2',
  version: '2.0.0',
  type: 'normal',
  state: 'released',
  window: { start: '2026-12-10T10:00:00Z', end: '2026-12-10T12:00:00Z' },
  entityRefs: ['component:default/ledger', 'component:default/payments'],
  ownerRef: 'group:default/team-pay',
  description: '',
  changes: [],
  createdBy: 'user:default/olga',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  revision: 4,
};

const rollback: Rollback = {
  releaseId: 'r1',
  decision: {
    reason: 'p99 doubled',
    triggeredBy: { criterionIds: [], issueIds: [] },
    scope: 'release',
    emergency: false,
    decidedBy: 'user:default/olga',
    decidedAt: '2026-12-10T13:00:00.000Z',
  },
  steps: [
    {
      index: 0,
      title: 'Flag off',
      ownerRef: 'group:default/team-pay',
      status: 'done',
    },
    {
      index: 1,
      title: 'Redeploy 1.9',
      ownerRef: 'user:default/sam',
      status: 'pending',
    },
  ],
  entityRefs: release.entityRefs,
  failed: false,
  revision: 3,
};

const identity = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/olga',
    ownershipEntityRefs: ['group:default/team-pay'],
  }),
} as any;

const server = setupContractServer();

async function render(r: Release, status: ReleaseRollbackStatus) {
  server.respond('get', `/releases/${r.id}/rollback`, status);
  const onChanged = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseCoordinationApiRef, server.api],
        [identityApiRef, identity],
      ]}
    >
      <ReleaseRollback release={r} onChanged={onChanged} />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/release-coordination': rootRouteRef,
      },
    },
  );
  return onChanged;
}

describe('ReleaseRollback', () => {
  it('decides a rollback of some entities with its triggers, checking the reason first', async () => {
    server.respond('post', '/releases/r1/rollback-decision', {
      rollback,
      hotfixes: [],
    });
    const stamp = '2026-12-10T12:30:00.000Z';
    server.respond('get', '/releases/r1/issues', {
      items: ['i-1', 'i-2'].map((id, n) => ({
        id,
        releaseId: 'r1',
        title: `Double charges ${n + 1}`,
        severity: 'sev1',
        status: n ? 'resolved' : 'open',
        ownerRef: 'group:default/team-pay',
        entityRefs: release.entityRefs,
        links: [],
        createdBy: 'user:default/olga',
        createdAt: stamp,
        updatedAt: stamp,
        statusSince: stamp,
        revision: 1,
      })),
    });
    server.respond('get', '/releases/r1/criteria', {
      criteria: [
        {
          id: 'c-1',
          releaseId: 'r1',
          text: 'Error rate below 0.5 %',
          ownerRef: 'group:default/team-pay',
          outcome: {
            result: 'not_met',
            recordedBy: 'user:default/olga',
            recordedAt: stamp,
          },
          createdBy: 'user:default/olga',
          createdAt: stamp,
          updatedAt: stamp,
        },
      ],
      editable: false,
      recordable: true,
      verifiable: false,
      blocking: ['"Error rate below 0.5 %" (not met)'],
    });
    const onChanged = await render(release, { hotfixes: [] });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Decide rollback' }),
    );
    expect(
      await screen.findByText('reason: must not be blank'),
    ).toBeInTheDocument();
    expect(server.requests('post', '/releases/{id}/rollback-decision')).toEqual(
      [],
    );
    expect(screen.queryByLabelText(/Emergency/)).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'p99 doubled' },
    });
    fireEvent.click(screen.getByLabelText('component:payments'));
    fireEvent.click(
      await screen.findByLabelText('Issue sev1 (open): Double charges 1'),
    );
    fireEvent.click(
      screen.getByLabelText('Issue sev1 (resolved): Double charges 2'),
    );
    fireEvent.click(
      screen.getByLabelText('Criterion (not met): Error rate below 0.5 %'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Decide rollback' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/{id}/rollback-decision')).toEqual([
      {
        revision: 4,
        reason: 'p99 doubled',
        triggeredBy: { criterionIds: ['c-1'], issueIds: ['i-1', 'i-2'] },
        scope: { entityRefs: ['component:default/ledger'] },
        emergency: false,
      },
    ]);
  });

  it("shows the server's 400 next to the field it names, and offers the emergency path for hotfixes", async () => {
    server.fail(
      'post',
      '/releases/r1/rollback-decision',
      400,
      'reason: too long',
    );
    server.respond('get', '/releases/r1/issues', { items: [] });
    server.respond('get', '/releases/r1/criteria', {
      criteria: [],
      editable: false,
      recordable: true,
      verifiable: true,
      blocking: [],
    });
    await render({ ...release, type: 'hotfix' }, { hotfixes: [] });
    expect(
      await screen.findByText(
        'This release has no issues or success criteria to name.',
      ),
    ).toBeInTheDocument();
    fireEvent.change(await screen.findByLabelText(/Reason/), {
      target: { value: 'x' },
    });
    fireEvent.click(screen.getByLabelText(/Emergency/));
    fireEvent.click(screen.getByRole('button', { name: 'Decide rollback' }));
    const reason = await screen.findByText('reason: too long');
    expect(reason.id).toMatch(/helper-text/);
    expect(
      server.bodies('post', '/releases/{id}/rollback-decision')[0].emergency,
    ).toBe(true);
  });

  it('shows the steps with their progress, and asks before marking one failed', async () => {
    server.respond('patch', '/releases/r1/rollback/steps/1', {
      rollback,
      hotfixes: [],
    });
    const rolling = { ...release, state: 'rolling_back' as const };
    await render(rolling, { rollback, hotfixes: [] });
    expect(await screen.findByText('1 of 2 step(s) done')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '50',
    );

    const select = screen.getByLabelText('Status of step 2');
    fireEvent.change(select, { target: { value: 'failed' } });
    expect(
      await screen.findByText('Mark step 2 as failed?'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(
        screen.queryByText('Mark step 2 as failed?'),
      ).not.toBeInTheDocument(),
    );
    expect(
      server.requests('patch', '/releases/{id}/rollback/steps/{index}'),
    ).toEqual([]);

    fireEvent.change(select, { target: { value: 'failed' } });
    fireEvent.change(screen.getByLabelText('What went wrong'), {
      target: { value: 'image gone' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Mark failed' }));
    await waitFor(() =>
      expect(
        server.bodies('patch', '/releases/{id}/rollback/steps/{index}'),
      ).toEqual([{ revision: 3, status: 'failed', note: 'image gone' }]),
    );
    fireEvent.change(select, { target: { value: 'done' } });
    await waitFor(() =>
      expect(
        server.bodies('patch', '/releases/{id}/rollback/steps/{index}')[1],
      ).toEqual({ revision: 3, status: 'done' }),
    );
  });

  it('creates the follow-up hotfix and links both ways', async () => {
    const hotfix = {
      ...release,
      id: 'h1',
      title: 'Hotfix for Payments 2',
      version: '2.0.0-hotfix',
      type: 'hotfix' as const,
      state: 'draft' as const,
    };
    server.respond('post', '/releases/r1/hotfix', hotfix);
    const done = { ...release, state: 'rolled_back' as const };
    const completed = {
      ...rollback,
      completedAt: '2026-12-10T14:00:00.000Z',
    };
    await render(done, { rollback: completed, hotfixes: [] });
    // once the hotfix exists, the rollback lists it
    server.respond('get', '/releases/r1/rollback', () => ({
      rollback: completed,
      hotfixes: server.requests('post', '/releases/{id}/hotfix').length
        ? [
            {
              id: 'h1',
              title: 'Hotfix for Payments 2',
              version: '2.0.0-hotfix',
              state: 'draft',
            },
          ]
        : [],
    }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Create follow-up hotfix' }),
    );
    await waitFor(() =>
      expect(server.requests('post', '/releases/{id}/hotfix')).toHaveLength(1),
    );
    const link = await screen.findByRole('link', {
      name: 'Hotfix for Payments 2 2.0.0-hotfix (draft)',
    });
    expect(link).toHaveAttribute('href', '/release-coordination/releases/h1');
  });

  it('links a hotfix back to the release it follows up', async () => {
    const hotfix = {
      ...release,
      id: 'h1',
      type: 'hotfix' as const,
      state: 'draft' as const,
    };
    await render(hotfix, {
      hotfixOf: {
        id: 'r1',
        title: 'Payments 2',
        version: '2.0.0',
        state: 'rolled_back',
      },
      hotfixes: [],
    });
    const back = await screen.findByRole('link', {
      name: 'Payments 2 2.0.0 (rolled back)',
    });
    expect(back).toHaveAttribute('href', '/release-coordination/releases/r1');
  });
});
