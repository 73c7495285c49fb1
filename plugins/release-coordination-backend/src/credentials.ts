import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/** The credentials of a signed-in person: what every change requires. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** A person, or a backend service (the search collator), which sees no draft. */
export type ReaderCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;
