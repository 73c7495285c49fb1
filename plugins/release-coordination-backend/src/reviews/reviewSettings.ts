import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_REVIEW_SETTINGS,
  ISSUE_SEVERITIES,
  IssueSeverity,
  RELEASE_TYPES,
  ReleaseType,
  ReviewSettings,
} from '@internal/plugin-release-coordination-common';

function listOf<T extends string>(
  config: Config,
  key: string,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  const values = config.getOptionalStringArray(key);
  if (!values) return fallback;
  const unknown = values.filter(
    v => !(allowed as readonly string[]).includes(v),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `${key}: unknown ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
    );
  }
  return values as T[];
}

/**
 * `releaseCoordination.reviews` with its defaults
 * ({@link DEFAULT_REVIEW_SETTINGS}); a wrong value stops the backend at
 * startup with the key named.
 */
export function readReviewSettings(config: Config): ReviewSettings {
  const key = 'releaseCoordination.reviews';
  const dueDays =
    config.getOptionalNumber(`${key}.dueDays`) ??
    DEFAULT_REVIEW_SETTINGS.dueDays;
  if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 365) {
    throw new InputError(
      `${key}.dueDays must be a whole number of days from 0 to 365, not ${dueDays}`,
    );
  }
  return {
    requiredWhenRolledBack:
      config.getOptionalBoolean(`${key}.requiredWhenRolledBack`) ??
      DEFAULT_REVIEW_SETTINGS.requiredWhenRolledBack,
    requiredTypes: listOf<ReleaseType>(
      config,
      `${key}.requiredTypes`,
      RELEASE_TYPES,
      DEFAULT_REVIEW_SETTINGS.requiredTypes,
    ),
    requiredSeverities: listOf<IssueSeverity>(
      config,
      `${key}.requiredSeverities`,
      ISSUE_SEVERITIES,
      DEFAULT_REVIEW_SETTINGS.requiredSeverities,
    ),
    dueDays,
  };
}
