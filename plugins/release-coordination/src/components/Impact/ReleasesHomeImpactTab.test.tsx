import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { makeUpcomingImpact } from '../../__fixtures__/impactFixtures';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasesHome } from '../ReleaseCoordinationPage/ReleasesHome';

const server = setupContractServer();

function render(url: string) {
  return renderInTestApp(<ReleasesHome now="2030-02-01T00:00:00.000Z" />, {
    initialRouteEntries: [url],
    apis: [[releaseCoordinationApiRef, server.api]],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('ReleasesHome: Impact tab', () => {
  it('lists the impact of every upcoming release at ?tab=impact', async () => {
    server.respond('get', '/impact/upcoming', {
      items: [
        makeUpcomingImpact({
          release: makeRelease({ id: 'r5', title: 'Ledger 5' }),
          risk: { level: 'high', computedLevel: 'high' },
        }),
      ],
    });
    await render('/?tab=impact');
    expect(screen.getByRole('tab', { name: 'Impact' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByRole('link', { name: 'Ledger 5' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r5');
    expect(screen.getByTestId('risk-chip')).toHaveTextContent('high');
    expect(server.queries('get', '/impact/upcoming')).toEqual([
      { from: '2030-02-01T00:00:00.000Z' },
    ]);
  });

  it('switches to the Impact tab', async () => {
    server.respond('get', '/freezes', { items: [] });
    answerCalendar(server);
    server.respond('get', '/impact/upcoming', { items: [] });
    await render('/?tab=freezes');
    await userEvent.click(screen.getByRole('tab', { name: 'Impact' }));
    expect(await screen.findByText('No upcoming releases')).toBeInTheDocument();
  });
});
