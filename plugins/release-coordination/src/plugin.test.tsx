import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import alphaPlugin, {
  releaseCalendarHomePageWidget,
  releaseCoordinationEntityContent,
  releaseCoordinationImpactEntityContent,
  releaseCoordinationPage,
  releaseCoordinationReadinessEntityContent,
  releaseCoordinationReleaseImpactEntityContent,
  releaseSearchResultListItem,
  releaseSearchResultType,
} from './alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { makeRelease } from './__fixtures__/builders';
import { answerCalendar, answerRelease } from './__testUtils__/answers';
import { setupContractServer } from './__testUtils__/contractServer';
import * as legacy from './index';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { DateTime } from 'luxon';

const tomorrowAt = (hour: number) =>
  DateTime.local().plus({ days: 1 }).set({ hour, minute: 0, second: 0 });

describe('release-coordination plugin', () => {
  const server = setupContractServer();

  it('exports a new frontend system plugin with its routes', () => {
    expect(alphaPlugin.pluginId).toBe('release-coordination');
    expect(alphaPlugin.routes.root).toBe(legacy.rootRouteRef);
    expect(alphaPlugin.routes.release).toBe(legacy.releaseRouteRef);
    expect(alphaPlugin.getExtension('api:release-coordination')).toBeDefined();
    expect(alphaPlugin.getExtension('page:release-coordination')).toBeDefined();
    expect(
      alphaPlugin.getExtension('entity-content:release-coordination/releases'),
    ).toBeDefined();
    expect(
      alphaPlugin.getExtension(
        'home-page-widget:release-coordination/release-calendar',
      ),
    ).toBeDefined();
  });

  it('makes a homepage widget showing the next releases', async () => {
    const tester = createExtensionTester(releaseCalendarHomePageWidget);
    const widget = tester.get(HomePageWidgetBlueprint.dataRefs.widget);
    expect(widget.name).toBe('ReleaseCalendar');
    expect(widget.title).toBe('Release calendar');

    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'r9',
          title: 'Ledger 4',
          // tomorrow 10:00–12:00 local time: within one day of the widget,
          // whatever the time the test runs at
          window: {
            start: tomorrowAt(10).toISO()!,
            end: tomorrowAt(12).toISO()!,
          },
        }),
      ],
    });
    renderInTestApp(widget.component, {
      apis: [
        [legacy.releaseCoordinationApiRef, server.api],
        mockApis.identity(),
      ],
      mountedRoutes: { '/release-coordination': legacy.rootRouteRef },
    });
    expect(await screen.findByText('Release calendar')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Ledger 4' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r9');
    expect(
      screen.getByRole('link', { name: 'Open release calendar' }),
    ).toHaveAttribute('href', '/release-coordination');
  });

  it('shows release plans among search results, as a result type of their own', () => {
    const item = createExtensionTester(releaseSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    const document = { title: 'Checkout 3.2', text: '', location: '/' };
    expect(item.predicate?.({ type: 'release-coordination', document })).toBe(
      true,
    );
    expect(item.predicate?.({ type: 'software-catalog', document })).toBe(
      false,
    );
    expect(
      createExtensionTester(releaseSearchResultType).get(
        SearchFilterResultTypeBlueprint.dataRefs.resultType,
      ),
    ).toMatchObject({ value: 'release-coordination', name: 'Releases' });
  });

  it('makes a Releases tab for entity pages', () => {
    const tester = createExtensionTester(releaseCoordinationEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Releases');
    expect(tester.get(coreExtensionData.routePath)).toBe('releases');
  });

  it('makes Impact and Release impact tabs for entity pages', () => {
    expect(
      alphaPlugin.getExtension('entity-content:release-coordination/impact'),
    ).toBeDefined();
    expect(
      alphaPlugin.getExtension(
        'entity-content:release-coordination/release-impact',
      ),
    ).toBeDefined();
    const impact = createExtensionTester(
      releaseCoordinationImpactEntityContent,
    );
    expect(impact.get(EntityContentBlueprint.dataRefs.title)).toBe('Impact');
    expect(impact.get(coreExtensionData.routePath)).toBe('impact');
    const releaseImpact = createExtensionTester(
      releaseCoordinationReleaseImpactEntityContent,
    );
    expect(releaseImpact.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Release impact',
    );
    expect(releaseImpact.get(coreExtensionData.routePath)).toBe(
      'release-impact',
    );
  });

  it('makes a Readiness tab for components, systems, domains and groups', () => {
    expect(
      alphaPlugin.getExtension('entity-content:release-coordination/readiness'),
    ).toBeDefined();
    const tester = createExtensionTester(
      releaseCoordinationReadinessEntityContent,
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Readiness');
    expect(tester.get(coreExtensionData.routePath)).toBe('readiness');
  });

  it('mounts the page at /release-coordination', () => {
    const tester = createExtensionTester(releaseCoordinationPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/release-coordination',
    );
  });

  it('exports the legacy plugin, extensions, api and client', () => {
    expect(legacy.releaseCoordinationPlugin.getId()).toBe(
      'release-coordination',
    );
    expect(legacy.EntityReleasesContent).toBeDefined();
    expect(legacy.ReleaseCoordinationPage).toBeDefined();
    expect(legacy.releaseCoordinationApiRef.id).toBe(
      'plugin.release-coordination.client',
    );
    expect(legacy.ReleaseCoordinationClient).toBeDefined();
    expect(legacy.CreateReleaseDialog).toBeDefined();
    expect(legacy.HomePageReleaseCalendarCard).toBeDefined();
    expect(legacy.ReleaseCalendar).toBeDefined();
    expect(legacy.EntityImpactContent).toBeDefined();
    expect(legacy.EntityReleaseImpactContent).toBeDefined();
    expect(legacy.EntityReadinessContent).toBeDefined();
    expect(legacy.ReleaseReadiness).toBeDefined();
    expect(legacy.ReleaseImpact).toBeDefined();
    expect(legacy.RiskMatrix).toBeDefined();
  });

  it('routes to the organisation list and to release pages', async () => {
    const release = makeRelease({
      id: 'r7',
      title: 'Search 5',
      window: {
        start: new Date(Date.now() + 3600_000).toISOString(),
        end: new Date(Date.now() + 7200_000).toISOString(),
      },
    });
    answerRelease(server, release);
    answerCalendar(server, { releases: [release] });
    renderTestApp({
      features: [alphaPlugin],
      initialRouteEntries: ['/release-coordination/releases/r7'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [legacy.releaseCoordinationApiRef, server.api],
        mockApis.identity({ ownershipEntityRefs: ['group:default/payments'] }),
      ],
    });
    expect(
      await screen.findByRole('heading', { name: 'Search 5 2.1.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Move to planned' }),
    ).toBeEnabled();

    await userEvent.click(screen.getByRole('link', { name: 'All releases' }));
    // The calendar first; the release is on it unless it falls into next month.
    expect(await screen.findByTestId('release-calendar')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'List' }));
    expect(
      await screen.findByRole('link', { name: 'Search 5' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r7');
  });
});
