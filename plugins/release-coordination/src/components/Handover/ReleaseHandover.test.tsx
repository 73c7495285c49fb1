import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FakeReleaseCoordinationApi } from '../../__fixtures__/FakeReleaseCoordinationApi';
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

async function render(
  r: Release,
  groups: string[],
  api = new FakeReleaseCoordinationApi([r]),
) {
  const onChanged = jest.fn();
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseCoordinationApiRef, api],
        [identityApiRef, identity(groups)],
      ]}
    >
      <ReleaseHandover release={r} onChanged={onChanged} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { ...rendered, api, onChanged };
}

describe('ReleaseHandover', () => {
  it('lets owners offer the release to a group, validating the ref', async () => {
    const { api, onChanged } = await render(release, [
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
    expect((await api.getRelease('r1')).pendingOwnerRef).toBe(
      'group:default/payments-team',
    );
  });

  it('lets the offered group accept or decline, and shows nothing to others', async () => {
    const offered = {
      ...release,
      pendingOwnerRef: 'group:default/payments-team',
    };
    const { onChanged, api } = await render(offered, [
      'group:default/payments-team',
    ]);
    expect(
      screen.getByText(/until a member of that group accepts/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect((await api.getRelease('r1')).ownerRef).toBe(
      'group:default/payments-team',
    );

    const { container } = await render(release, ['group:default/search-team']);
    expect(container).toBeEmptyDOMElement();
  });
});
