/**
 * The signal channel on which the backend announces every change of a release,
 * so open pages can reload it.
 *
 * @public
 */
export const RELEASE_SIGNAL_CHANNEL = 'release-coordination:release';

/**
 * What a release change signal carries.
 *
 * @public
 */
export type ReleaseChangedSignal = {
  id: string;
  revision: number;
  what: string;
};
