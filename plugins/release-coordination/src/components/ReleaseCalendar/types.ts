import {
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';

/**
 * Which releases the calendar shows. Every field is optional; the calendar
 * shows all releases when none is set.
 *
 * @public
 */
export interface ReleaseCalendarFilter {
  /** Releases changing any of these entities. */
  entityRef?: string[];
  /** Releases changing an entity that is part of this system. */
  system?: string;
  /** Releases changing an entity that is part of this domain. */
  domain?: string;
  /** Releases owned by this group. */
  owner?: string;
  /** Releases of any of these types. */
  type?: ReleaseType[];
  /** Releases in any of these states. */
  state?: ReleaseState[];
  /** Only releases owned by the user's groups or created by the user. */
  onlyMine?: boolean;
}
