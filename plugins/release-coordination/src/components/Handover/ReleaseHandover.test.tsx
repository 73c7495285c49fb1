import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { ReleaseHandover } from './ReleaseHandover';

const release: Release = {
  id: 'r1',
  title: 'Checkout 4',
  version: '4',
  type: 'normal',
  state: 'planned',
  window: { start: '2026-12-10T10:00:00Z', end: '2026-12-10T12:00:00Z' },
  entityRefs: ['component:default/payments-service'],
  ownerRef: 'group:default/checkout-team',
  description: '',
  changes: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  revision: 1,
};

function identity(groups: string[]) {
  return {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/x',
      ownershipEntityRefs: groups,
    }),
  } as any;
}

const server = setupContractServer();

async function render(r: Release, groups: string[]) {
  const onChanged = jest.fn();
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseCoordinationApiRef, server.api],
        [identityApiRef, identity(groups)],
      ]}
    >
      <ReleaseHandover release={r} onChanged={onChanged} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { ...rendered, onChanged };
}

describe('ReleaseHandover', () => {
  it('lets owners offer the release to a group, validating the ref', async () => {
    server.respond('post', '/releases/r1/handover', {
      ...release,
      pendingOwnerRef: 'group:default/payments-team',
      revision: 2,
    });
    const { onChanged } = await render(release, [
      'group:default/checkout-team',
    ]);
    fireEvent.change(screen.getByLabelText('Group'), {
      target: { value: 'user:default/bob' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Offer' }));
    expect(
      await screen.findByText(
        'Enter a group, like group:default/payments-team',
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Group'), {
      target: { value: 'group:default/payments-team' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Offer' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/r1/handover')).toEqual([
      { toGroupRef: 'group:default/payments-team' },
    ]);
  });

  it('lets the offered group accept or decline, and shows nothing to others', async () => {
    const offered = {
      ...release,
      pendingOwnerRef: 'group:default/payments-team',
    };
    server.respond('post', '/releases/r1/handover/accept', {
      ...release,
      ownerRef: 'group:default/payments-team',
      handedOverAt: '2026-12-02T10:00:00Z',
      revision: 2,
    });
    const { onChanged } = await render(offered, [
      'group:default/payments-team',
    ]);
    expect(
      screen.getByText(/until a member of that group accepts/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(
      server.requests('post', '/releases/r1/handover/accept'),
    ).toHaveLength(1);

    const { container } = await render(release, ['group:default/search-team']);
    expect(container).toBeEmptyDOMElement();
  });

  it('asks before the owners withdraw their offer', async () => {
    const offered = {
      ...release,
      pendingOwnerRef: 'group:default/payments-team',
    };
    server.respond('delete', '/releases/r1/handover', release);
    const { onChanged } = await render(offered, [
      'group:default/checkout-team',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw offer' }));
    const keep = await screen.findByRole('dialog', {
      name: 'Withdraw the hand-over offer?',
    });
    fireEvent.click(within(keep).getByRole('button', { name: 'Keep' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests('delete', '/releases/r1/handover')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Withdraw offer' }));
    const confirm = await screen.findByRole('dialog');
    fireEvent.click(
      within(confirm).getByRole('button', { name: 'Withdraw offer' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.requests('delete', '/releases/r1/handover')).toHaveLength(1);
  });
});
