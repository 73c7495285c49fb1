import { ConfigReader } from '@backstage/config';
import {
  DEMO_USER_HEADER,
  demoUserAuthenticator,
  signInAsDemoUser,
} from './demoUserProvider';

type Request = Parameters<typeof demoUserAuthenticator.authenticate>[0]['req'];

const config = new ConfigReader({
  users: ['user:default/alice', 'user:default/bob'],
});

/** A request naming `user` in the demo header (or none). */
const requestFor = (user?: string) =>
  ({
    get: (name: string) =>
      name.toLowerCase() === DEMO_USER_HEADER ? user : undefined,
  } as unknown as Request);

/** Runs `body` with NODE_ENV set as `yarn start` (development) or a build (production) sets it. */
async function inEnvironment<T>(env: string, body: () => Promise<T>) {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = env;
  try {
    return await body();
  } finally {
    process.env.NODE_ENV = previous;
  }
}

const authenticate = (env: string, user?: string) =>
  inEnvironment(env, () =>
    demoUserAuthenticator.authenticate(
      { req: requestFor(user) },
      demoUserAuthenticator.initialize({ config }),
    ),
  );

describe('demo user provider', () => {
  it('authenticates a listed user in development', async () => {
    await expect(
      authenticate('development', 'user:default/bob'),
    ).resolves.toEqual({ result: { userEntityRef: 'user:default/bob' } });
  });

  it('refuses users not on the list, and requests naming none', async () => {
    await expect(
      authenticate('development', 'user:default/mallory'),
    ).rejects.toMatchObject({ name: 'AuthenticationError' });
    await expect(authenticate('development')).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
  });

  it('refuses every sign-in outside development, even of listed users', async () => {
    for (const env of ['production', 'test']) {
      await expect(
        authenticate(env, 'user:default/alice'),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
  });

  it('signs in as the catalog user, so that its groups give ownership', async () => {
    const signInWithCatalogUser = jest.fn(async () => ({ token: 't' }));
    const ctx = { signInWithCatalogUser } as any;
    await expect(
      signInAsDemoUser(
        { profile: {}, result: { userEntityRef: 'user:default/bob' } },
        ctx,
      ),
    ).resolves.toEqual({ token: 't' });
    expect(signInWithCatalogUser).toHaveBeenCalledWith({
      entityRef: 'user:default/bob',
    });
  });
});
