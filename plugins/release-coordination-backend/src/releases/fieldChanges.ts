import {
  Release,
  ReleaseFieldChange,
} from '@internal/plugin-release-coordination-common';
import { ReleaseFields } from '../database/ReleaseStore';

/** What an optional field absent from a release amounts to, when compared. */
const ABSENT_AS: Partial<Record<keyof ReleaseFields, unknown>> = {
  after: [],
  rollbackPlan: '',
};

/** The fields whose value differs from the release's, as history changes. */
export function fieldChanges(
  current: Release,
  fields: Partial<ReleaseFields>,
): ReleaseFieldChange[] {
  return Object.entries(fields)
    .filter(
      ([field, after]) =>
        JSON.stringify(
          current[field as keyof ReleaseFields] ??
            ABSENT_AS[field as keyof ReleaseFields],
        ) !== JSON.stringify(after),
    )
    .map(([field, after]) => ({
      field,
      before: current[field as keyof ReleaseFields],
      after,
    }));
}
