import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Where the browser remembers its choice, so a reload signs in again. */
const CHOICE_KEY = 'release-portal:demo-sign-in';
/** The choice of the guest provider (`auth.providers.guest.userEntityRef`). */
const GUEST = 'guest';
/** The header the backend's `demo` provider reads (packages/backend/src/auth). */
const DEMO_USER_HEADER = 'x-demo-user';

/** Forgets the browser's choice when the user signs out. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(CHOICE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The demo users offered: `auth.providers.demo.users`, in development only
 * (the backend refuses the `demo` provider elsewhere too).
 */
function useDemoUsers(): string[] {
  const config = useApi(configApiRef);
  if (process.env.NODE_ENV !== 'development') return [];
  return config.getOptionalStringArray('auth.providers.demo.users') ?? [];
}

/** The name of `user:default/bob`: bob. */
const userName = (ref: string) => ref.replace(/^.*[:/]/, '');

/**
 * The portal's sign-in page. With demo users configured (development only) it
 * offers the guest (`Enter`, Alice in app-config.yaml) and a button per demo
 * user, signing in through the backend's `demo` provider as that user; the
 * choice is kept for reloads until sign-out. Otherwise it is Backstage's guest
 * sign-in page.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const users = useDemoUsers();
  const [choice, setChoice] = useState(() => {
    const stored = localStorage.getItem(CHOICE_KEY);
    return stored === GUEST || users.includes(stored ?? '')
      ? stored
      : undefined;
  });

  if (users.length === 0) {
    return <SignInPage {...props} providers={['guest']} />;
  }
  const choose = (next: string | undefined) => {
    if (next) localStorage.setItem(CHOICE_KEY, next);
    else localStorage.removeItem(CHOICE_KEY);
    setChoice(next ?? undefined);
  };
  if (choice) {
    return (
      <ProxiedSignInPage
        provider={choice === GUEST ? 'guest' : 'demo'}
        headers={choice === GUEST ? {} : { [DEMO_USER_HEADER]: choice }}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingOnSignOut(identity))
        }
        ErrorComponent={({ error }) => (
          <Box padding={4}>
            <Typography color="error" paragraph>
              Could not sign in as {userName(choice)}: {error?.message}
            </Typography>
            <Button variant="outlined" onClick={() => choose(undefined)}>
              Back to sign-in
            </Button>
          </Box>
        )}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title="Release Portal" subtitle="Demo sign-in" />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <InfoCard
              title="Guest"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => choose(GUEST)}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                The guest user of app-config.yaml: Alice of the checkout team.
              </Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title="Demo users">
              <Typography variant="body1" paragraph>
                Sign in as any user of the demo catalog (examples/org.yaml) to
                see the portal as they do. Development only.
              </Typography>
              <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
                {users.map(user => (
                  <Button
                    key={user}
                    variant="outlined"
                    aria-label={`Sign in as ${userName(user)}`}
                    onClick={() => choose(user)}
                  >
                    {userName(user)}
                  </Button>
                ))}
              </Box>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
