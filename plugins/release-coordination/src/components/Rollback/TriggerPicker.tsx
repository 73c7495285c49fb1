import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import {
  Release,
  RollbackTriggers,
} from '@internal/plugin-release-coordination-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

/** A trigger the user may tick: an issue or a success criterion of the release. */
interface TriggerChoice {
  field: keyof RollbackTriggers;
  id: string;
  label: string;
}

/** The release's issues (unresolved first) and its criteria, as choices. */
function useTriggerChoices(releaseId: string, refreshKey?: number) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsync(async (): Promise<TriggerChoice[]> => {
    // either list may be unavailable (e.g. no criteria route): offer the other
    const [issues, verification] = await Promise.all([
      api.listReleaseIssues(releaseId).catch(() => []),
      api.getReleaseVerification(releaseId).catch(() => undefined),
    ]);
    const unresolvedFirst = [...issues].sort(
      (a, b) =>
        Number(a.status === 'resolved') - Number(b.status === 'resolved'),
    );
    return [
      ...unresolvedFirst.map(issue => ({
        field: 'issueIds' as const,
        id: issue.id,
        label: `Issue ${issue.severity} (${issue.status}): ${issue.title}`,
      })),
      ...(verification?.criteria ?? []).map(criterion => ({
        field: 'criterionIds' as const,
        id: criterion.id,
        label: `Criterion${
          criterion.outcome
            ? ` (${criterion.outcome.result.replace('_', ' ')})`
            : ''
        }: ${criterion.text}`,
      })),
    ];
  }, [api, releaseId, refreshKey]);
}

/**
 * Checkboxes choosing the issues and success criteria of the release that
 * triggered its rollback, with the server's error about them.
 */
export function TriggerPicker(props: {
  release: Release;
  /** Changes when the release's issues or criteria may have: reloads them. */
  refreshKey?: number;
  value: RollbackTriggers;
  onChange: (value: RollbackTriggers) => void;
  error?: string;
}) {
  const { release, value, onChange, error } = props;
  const choices = useTriggerChoices(release.id, props.refreshKey);
  const toggle = ({ field, id }: TriggerChoice) =>
    onChange({
      ...value,
      [field]: value[field].includes(id)
        ? value[field].filter(other => other !== id)
        : [...value[field], id],
    });
  return (
    <Box marginTop={1} role="group" aria-label="Triggered by">
      <Typography variant="subtitle2">Triggered by</Typography>
      {choices.loading && (
        <Typography variant="body2" color="textSecondary">
          Loading the release's issues and success criteria…
        </Typography>
      )}
      {choices.value?.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          This release has no issues or success criteria to name.
        </Typography>
      )}
      {choices.value?.map(choice => (
        <Box key={`${choice.field}:${choice.id}`}>
          <FormControlLabel
            control={
              <Checkbox
                checked={value[choice.field].includes(choice.id)}
                onChange={() => toggle(choice)}
              />
            }
            label={choice.label}
          />
        </Box>
      ))}
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
}
