import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/** The credentials of a signed-in user. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
