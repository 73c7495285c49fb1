import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  FakeReleaseCoordinationApi,
  makeRelease,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
import { makeUpcomingImpact } from '../../__fixtures__/impactFixtures';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasesHome } from '../ReleaseCoordinationPage/ReleasesHome';

function render(api: FakeReleaseCoordinationApi, url: string) {
  return renderInTestApp(<ReleasesHome now="2030-02-01T00:00:00.000Z" />, {
    initialRouteEntries: [url],
    apis: [[releaseCoordinationApiRef, api]],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('ReleasesHome: Impact tab', () => {
  it('lists the impact of every upcoming release at ?tab=impact', async () => {
    const api = new FakeReleaseCoordinationApi();
    api.upcomingImpact = [
      makeUpcomingImpact({
        release: makeRelease({ id: 'r5', title: 'Ledger 5' }),
        risk: { level: 'high', computedLevel: 'high' },
      }),
    ];
    await render(api, '/?tab=impact');
    expect(screen.getByRole('tab', { name: 'Impact' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByRole('link', { name: 'Ledger 5' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r5');
    expect(screen.getByTestId('risk-chip')).toHaveTextContent('high');
    expect(api.upcomingImpactCalls).toEqual([
      { from: '2030-02-01T00:00:00.000Z' },
    ]);
  });

  it('switches to the Impact tab', async () => {
    const api = new FakeReleaseCoordinationApi();
    await render(api, '/?tab=freezes');
    await userEvent.click(screen.getByRole('tab', { name: 'Impact' }));
    expect(await screen.findByText('No upcoming releases')).toBeInTheDocument();
  });
});
