import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { releaseCoordinationApiRef, ReleaseCoordinationClient } from './api';
import { releaseRouteRef, rootRouteRef } from './routes';
import type { EntityReleasesContentProps } from './components/EntityReleasesContent';
import type {
  EntityImpactContentProps,
  EntityReleaseImpactContentProps,
} from './components/Impact';

/**
 * The release-coordination plugin for apps on the old frontend system.
 *
 * @public
 */
export const releaseCoordinationPlugin = createPlugin({
  id: 'release-coordination',
  apis: [
    createApiFactory({
      api: releaseCoordinationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseCoordinationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, release: releaseRouteRef },
});

/**
 * The organisation's releases and the pages of single releases; mount it at
 * `/release-coordination`.
 *
 * @public
 */
export const ReleaseCoordinationPage: () => JSX.Element =
  releaseCoordinationPlugin.provide(
    createRoutableExtension({
      name: 'ReleaseCoordinationPage',
      component: () =>
        import('./components/ReleaseCoordinationPage').then(
          m => m.ReleaseCoordinationPage,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The Releases tab of an entity page: upcoming and recent releases of the
 * entity, its system or domain parts, or the group's releases.
 *
 * @public
 */
export const EntityReleasesContent: (
  props?: EntityReleasesContentProps,
) => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityReleasesContent',
    component: {
      lazy: () =>
        import('./components/EntityReleasesContent').then(
          m => m.EntityReleasesContent,
        ),
    },
  }),
);

/**
 * The Impact tab of an entity page: the blast radius and risk of the entity's
 * next release, or of a hypothetical change to it. For components, APIs,
 * resources and systems.
 *
 * @public
 */
export const EntityImpactContent: (
  props?: EntityImpactContentProps,
) => JSX.Element | null = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityImpactContent',
    component: {
      lazy: () =>
        import('./components/Impact').then(m => m.EntityImpactContent),
    },
  }),
);

/**
 * The Release impact tab of a System or Domain: every upcoming release
 * touching it or anything it depends on, grouped by release window.
 *
 * @public
 */
export const EntityReleaseImpactContent: (
  props?: EntityReleaseImpactContentProps,
) => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseImpactContent',
    component: {
      lazy: () =>
        import('./components/Impact').then(m => m.EntityReleaseImpactContent),
    },
  }),
);

/**
 * The Readiness tab of a Component, System, Domain or Group: the go / no-go
 * verdict and approvals of its upcoming releases, each with its checklist and
 * Approve / Reject.
 *
 * @public
 */
export const EntityReadinessContent: () => JSX.Element =
  releaseCoordinationPlugin.provide(
    createComponentExtension({
      name: 'EntityReadinessContent',
      component: {
        lazy: () =>
          import('./components/Readiness').then(m => m.EntityReadinessContent),
      },
    }),
  );

/**
 * The homepage card of the release calendar: the releases and freezes of the
 * next seven days, a legend of its marks and a link to the full calendar. Its `name` for the homepage's
 * grid is `HomePageReleaseCalendarCard`.
 *
 * @public
 */
export const HomePageReleaseCalendarCard = releaseCoordinationPlugin.provide(
  createCardExtension<{ days?: number }>({
    name: 'HomePageReleaseCalendarCard',
    title: 'Release calendar',
    description: 'Releases and freezes of the next seven days',
    layout: { height: { minRows: 4, defaultRows: 6 } },
    components: () =>
      import('./components/ReleaseCalendar/ReleaseCalendarCard').then(m => ({
        Content: m.ReleaseCalendarCardContent,
      })),
  }),
);

/**
 * The Metrics tab of a System, Domain or Group page: delivery metrics (the
 * DORA measures, timeline and cadence adherence, approval lead time) of its
 * releases as trend charts, a table and a CSV download.
 *
 * @public
 */
export const EntityDeliveryMetricsContent: () => JSX.Element =
  releaseCoordinationPlugin.provide(
    createComponentExtension({
      name: 'EntityDeliveryMetricsContent',
      component: {
        lazy: () =>
          import('./components/DeliveryMetrics').then(
            m => m.EntityDeliveryMetricsContent,
          ),
      },
    }),
  );

/**
 * The homepage card "Waiting for my team": the releases on which one of the
 * user's groups still has to decide, with Approve and Reject and a link to
 * the whole inbox. Its `name` for the homepage's grid is
 * `HomePageApprovalInboxCard`.
 *
 * @public
 */
export const HomePageApprovalInboxCard = releaseCoordinationPlugin.provide(
  createCardExtension<{ limit?: number }>({
    name: 'HomePageApprovalInboxCard',
    title: 'Waiting for my team',
    description: 'Releases your teams still have to approve or reject',
    layout: { height: { minRows: 3, defaultRows: 5 } },
    components: () =>
      import('./components/Inbox/ApprovalInboxCard').then(m => ({
        Content: m.ApprovalInboxCardContent,
      })),
  }),
);
