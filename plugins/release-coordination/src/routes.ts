import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The plugin's root page, `/release-coordination` by default.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'release-coordination' });

/**
 * The page of one release, below the root page.
 *
 * @public
 */
export const releaseRouteRef = createSubRouteRef({
  id: 'release-coordination/release',
  parent: rootRouteRef,
  path: '/releases/:id',
});
