import { useRouteRef } from '@backstage/core-plugin-api';
import { releaseRouteRef, rootRouteRef } from '../../routes';

/**
 * A function giving the path of a release page, or `undefined` when the app has
 * not mounted the release-coordination page.
 */
export function useReleaseLink(): ((id: string) => string) | undefined {
  let routeFunc: ((params: { id: string }) => string) | undefined;
  try {
    // useRouteRef throws only after all of its hooks ran, when the app has not
    // mounted the route, so catching keeps the hook order stable.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    routeFunc = useRouteRef(releaseRouteRef);
  } catch {
    routeFunc = undefined;
  }
  return routeFunc ? (id: string) => routeFunc!({ id }) : undefined;
}

/** The path of the plugin's root page, or `undefined` when it is not mounted. */
export function useRootLink(): string | undefined {
  try {
    // See useReleaseLink.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}
