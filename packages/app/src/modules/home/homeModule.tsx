import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Release coordination where the engineers are

- **See what ships when**: the [release calendar](/release-coordination) shows every
  planned release and freeze; each component, system, group and domain page has a
  **Releases** tab.
- **Plan a release**: open a component in the [catalog](/catalog), go to **Releases**
  and press **Create release**; move it through its lifecycle from its page.
- **Freezes**: platform admins (the platform team) manage blackout periods; CI asks the
  deploy gate \`/api/release-coordination/gate\` whether it may deploy.

The sign-in page lets you act as any demo user (**Enter** is Alice of the checkout
team); the demo catalog has six teams, six systems and twenty components.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'What the release portal does and how to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
