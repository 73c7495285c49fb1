import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header in which the demo sign-in page names the chosen user. */
export const DEMO_USER_HEADER = 'x-demo-user';

/** What the demo authenticator found: the user the sign-in page asked for. */
export type DemoUserResult = { userEntityRef: string };

/**
 * Authenticates whoever the sign-in page names in {@link DEMO_USER_HEADER},
 * if `auth.providers.demo.users` lists that user, and only when the backend
 * runs in development (`NODE_ENV=development`, as `yarn start` runs it), like
 * Backstage's guest provider, but without its override: outside development
 * every sign-in is refused.
 */
export const demoUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return {
      users: config.getStringArray('users'),
      development: process.env.NODE_ENV === 'development',
    };
  },
  async authenticate({ req }, { users, development }) {
    if (!development) {
      throw new NotAllowedError(
        'The demo sign-in works only in development (NODE_ENV=development)',
      );
    }
    const userEntityRef = req.get(DEMO_USER_HEADER);
    if (!userEntityRef || !users.includes(userEntityRef)) {
      throw new AuthenticationError(
        `${DEMO_USER_HEADER} must name one of auth.providers.demo.users`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/**
 * Signs in as the catalog user the authenticator found, with the ownership
 * of that user's groups; a user missing from the catalog cannot sign in.
 */
export const signInAsDemoUser: SignInResolver<DemoUserResult> = (
  { result },
  ctx,
) => ctx.signInWithCatalogUser({ entityRef: result.userEntityRef });

/**
 * The `demo` auth provider: the portal's demo sign-in page lets a visitor pick
 * any user of `auth.providers.demo.users` (see README "Signing in"). The
 * provider exists only when that config is present, and refuses every sign-in
 * outside development.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-user-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUserAuthenticator,
            signInResolver: signInAsDemoUser,
          }),
        });
      },
    });
  },
});
