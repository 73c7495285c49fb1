import { Content, Header, Page } from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { ReleaseCoordinationRoutes } from './ReleaseCoordinationRoutes';

/**
 * The plugin's root page with its own header, for apps on the old frontend system.
 *
 * @public
 */
export function ReleaseCoordinationPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Releases"
        subtitle="Planned, ongoing and past releases across the organisation"
      />
      <Content>
        <ReleaseCoordinationRoutes />
      </Content>
    </Page>
  );
}

/**
 * The plugin's root page content for the new frontend system, whose page
 * extension supplies the header.
 */
export function NfsReleaseCoordinationPage() {
  return (
    <ReactRouterV6PageRouter>
      <Content>
        <ReleaseCoordinationRoutes />
      </Content>
    </ReactRouterV6PageRouter>
  );
}
