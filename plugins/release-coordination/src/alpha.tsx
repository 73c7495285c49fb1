import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
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
  ],
  routes: { root: rootRouteRef, release: releaseRouteRef },
});
