import { Config } from '@backstage/config';
import {
  DEFAULT_FREEZE_EXEMPT_TYPES,
  DEFAULT_LINK_SCHEMES,
  DEFAULT_TIME_HORIZON_YEARS,
  LINK_SCHEMES_CONFIG_KEY,
  linkSchemesProblem,
  RELEASE_TYPES,
  ReleaseType,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';

/** The most years from now request times may lie in, checked at startup. */
const MAX_TIME_HORIZON_YEARS = 100;

/** How far from now request times may lie, checked at startup. */
export function readTimeHorizon(config: Config): TimeHorizon {
  const key = 'releaseCoordination.timeHorizonYears';
  const years = config.getOptionalNumber(key) ?? DEFAULT_TIME_HORIZON_YEARS;
  if (!Number.isInteger(years) || years < 1 || years > MAX_TIME_HORIZON_YEARS) {
    throw new Error(
      `${key}: must be a whole number of years from 1 to ${MAX_TIME_HORIZON_YEARS}, not ${years}`,
    );
  }
  return { years };
}

/** The release types exempt from freezes by default, checked at startup. */
export function readExemptTypes(config: Config): ReleaseType[] {
  const key = 'releaseCoordination.freezes.exemptTypes';
  const types = config.getOptionalStringArray(key);
  if (!types) {
    return [...DEFAULT_FREEZE_EXEMPT_TYPES];
  }
  const unknown = types.filter(
    type => !(RELEASE_TYPES as readonly string[]).includes(type),
  );
  if (unknown.length > 0) {
    throw new Error(
      `${key}: unknown release type(s) ${unknown.join(
        ', ',
      )}; known are ${RELEASE_TYPES.join(', ')}`,
    );
  }
  return types as ReleaseType[];
}

/** The URL schemes user-supplied links may have, checked at startup. */
export function readLinkSchemes(config: Config): readonly string[] {
  const schemes = config.getOptionalStringArray(LINK_SCHEMES_CONFIG_KEY);
  if (!schemes) {
    return DEFAULT_LINK_SCHEMES;
  }
  const problem = linkSchemesProblem(schemes);
  if (problem) {
    throw new Error(`${LINK_SCHEMES_CONFIG_KEY}: ${problem}`);
  }
  return schemes;
}
