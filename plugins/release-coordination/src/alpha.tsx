import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import EventIcon from '@material-ui/icons/Event';
import { releaseCoordinationApiRef, ReleaseCoordinationClient } from './api';
import { releaseRouteRef, rootRouteRef } from './routes';

/**
 * The client of the release-coordination backend.
 *
 * @alpha
 */
export const releaseCoordinationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: releaseCoordinationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseCoordinationClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The organisation's releases at `/release-coordination` and the page of each
 * release below it.
 *
 * @alpha
 */
export const releaseCoordinationPage = PageBlueprint.make({
  params: {
    path: '/release-coordination',
    routeRef: rootRouteRef,
    title: 'Releases',
    icon: <EventIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ReleaseCoordinationPage').then(m => (
        <m.NfsReleaseCoordinationPage />
      )),
  },
});

/**
 * The Releases tab of components, APIs, resources, systems, domains and groups.
 *
 * @alpha
 */
export const releaseCoordinationEntityContent = EntityContentBlueprint.make({
  name: 'releases',
  params: {
    path: 'releases',
    title: 'Releases',
    filter: {
      kind: {
        $in: ['component', 'api', 'resource', 'system', 'domain', 'group'],
      },
    },
    loader: () =>
      import('./components/EntityReleasesContent').then(m => (
        <m.EntityReleasesContent />
      )),
  },
});

/**
 * The Impact tab of components, APIs, resources and systems: the blast radius
 * and risk of the entity's next release, or of a hypothetical change to it.
 *
 * @alpha
 */
export const releaseCoordinationImpactEntityContent =
  EntityContentBlueprint.make({
    name: 'impact',
    params: {
      path: 'impact',
      title: 'Impact',
      filter: {
        kind: { $in: ['component', 'api', 'resource', 'system'] },
      },
      loader: () =>
        import('./components/Impact').then(m => <m.EntityImpactContent />),
    },
  });

/**
 * The Release impact tab of systems and domains: every upcoming release
 * touching them or anything they depend on, grouped by release window.
 *
 * @alpha
 */
export const releaseCoordinationReleaseImpactEntityContent =
  EntityContentBlueprint.make({
    name: 'release-impact',
    params: {
      path: 'release-impact',
      title: 'Release impact',
      filter: { kind: { $in: ['system', 'domain'] } },
      loader: () =>
        import('./components/Impact').then(m => (
          <m.EntityReleaseImpactContent />
        )),
    },
  });

/**
 * The Readiness tab of components, systems, domains and groups: the go / no-go
 * verdict and approvals of their upcoming releases, each with its checklist
 * and Approve / Reject.
 *
 * @alpha
 */
export const releaseCoordinationReadinessEntityContent =
  EntityContentBlueprint.make({
    name: 'readiness',
    params: {
      path: 'readiness',
      title: 'Readiness',
      filter: {
        kind: { $in: ['component', 'system', 'domain', 'group'] },
      },
      loader: () =>
        import('./components/Readiness').then(m => (
          <m.EntityReadinessContent />
        )),
    },
  });

/**
 * The Metrics tab of systems, domains and groups: delivery metrics of their
 * releases as trend charts.
 *
 * @alpha
 */
export const releaseCoordinationMetricsEntityContent =
  EntityContentBlueprint.make({
    name: 'metrics',
    params: {
      path: 'metrics',
      title: 'Metrics',
      filter: { kind: { $in: ['system', 'domain', 'group'] } },
      loader: () =>
        import('./components/DeliveryMetrics').then(m => (
          <m.EntityDeliveryMetricsContent />
        )),
    },
  });

/**
 * The homepage widget of the release calendar: the releases and freezes of the
 * next seven days, a legend of its marks and a link to the full calendar. Its id is
 * `home-page-widget:release-coordination/release-calendar` and its name, for the
 * home page's `defaultConfig`, `ReleaseCalendar`.
 *
 * @alpha
 */
export const releaseCalendarHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'release-calendar',
  params: {
    name: 'ReleaseCalendar',
    title: 'Release calendar',
    description: 'Releases and freezes of the next seven days',
    layout: { height: { minRows: 4, defaultRows: 6 } },
    components: () =>
      import('./components/ReleaseCalendar/ReleaseCalendarCard').then(m => ({
        Content: m.ReleaseCalendarCardContent,
      })),
  },
});

/**
 * The homepage widget "Waiting for my team": the releases on which one of
 * the user's groups still has to decide, with Approve and Reject. Its name,
 * for the home page's `defaultConfig`, is `ApprovalInbox`.
 *
 * @alpha
 */
export const approvalInboxHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'approval-inbox',
  params: {
    name: 'ApprovalInbox',
    title: 'Waiting for my team',
    description: 'Releases your teams still have to approve or reject',
    layout: { height: { minRows: 3, defaultRows: 5 } },
    components: () =>
      import('./components/Inbox/ApprovalInboxCard').then(m => ({
        Content: m.ApprovalInboxCardContent,
      })),
  },
});

/**
 * How the search page shows a release plan (documents of type
 * `release-coordination`, indexed by the search collator module): title,
 * state, type, window in the reader's time zone and owner.
 *
 * @alpha
 */
export const releaseSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    icon: <EventIcon />,
    predicate: result => result.type === 'release-coordination',
    component: () =>
      import('./components/Search').then(m => m.ReleaseSearchResultListItem),
  },
});

/**
 * "Releases" among the search page's result types.
 *
 * @alpha
 */
export const releaseSearchResultType = SearchFilterResultTypeBlueprint.make({
  params: {
    value: 'release-coordination',
    name: 'Releases',
    icon: <EventIcon />,
  },
});

/**
 * The release-coordination plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'release-coordination',
  title: 'Releases',
  icon: <EventIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    releaseCoordinationApi,
    releaseCoordinationPage,
    releaseCoordinationEntityContent,
    releaseCoordinationImpactEntityContent,
    releaseCoordinationReleaseImpactEntityContent,
    releaseCoordinationReadinessEntityContent,
    releaseCoordinationMetricsEntityContent,
    releaseCalendarHomePageWidget,
    approvalInboxHomePageWidget,
    releaseSearchResultListItem,
    releaseSearchResultType,
  ],
  routes: { root: rootRouteRef, release: releaseRouteRef },
});
