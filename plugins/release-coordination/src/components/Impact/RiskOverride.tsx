import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useId, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  RISK_LEVELS,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import { errorMessage, formatTimestamp } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { useConfirmation } from '../shared/useConfirmation';
import { OverrideDialog } from '../shared/OverrideDialog';
import { Cluster } from '../shared/Cluster';
import { DisabledReason } from '../shared/DisabledReason';
import type { RiskMatrixProps } from './RiskMatrix';

/**
 * The override of a risk level, if any, and for a release the buttons with
 * which its owners override the level or remove the override.
 */
export function RiskOverride(props: {
  risk: RiskAssessment;
  release?: RiskMatrixProps['release'];
  onChanged?: () => void;
}) {
  const { risk, release, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const ownership = useOwnsRelease(release, 'override its risk');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const { confirm, dialog } = useConfirmation();
  const disabledReason = ownership.reason;
  const reasonId = useId();

  const removeOverride = async () => {
    if (!release) return;
    setRemoving(true);
    setRemoveError(undefined);
    try {
      await api.clearRiskOverride(release.id);
      onChanged?.();
    } catch (e) {
      setRemoveError(errorMessage(e));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <>
      {risk.override && (
        <Box marginTop={2}>
          <Alert severity="info">
            Overridden to <strong>{risk.override.level}</strong> (computed{' '}
            {risk.computedLevel}) by{' '}
            <EntityRefLink entityRef={risk.override.by} defaultKind="user" /> on{' '}
            {formatTimestamp(risk.override.at)}: {risk.override.reason}
          </Alert>
        </Box>
      )}
      {removeError && (
        <Box marginTop={2}>
          <Alert severity="error" role="alert">
            {removeError}
          </Alert>
        </Box>
      )}
      {release && (
        <Box marginTop={2}>
          <Cluster>
            <Button
              variant="outlined"
              color="primary"
              disabled={Boolean(disabledReason)}
              aria-describedby={disabledReason ? reasonId : undefined}
              onClick={() => setDialogOpen(true)}
            >
              Override risk
            </Button>
            {risk.override && (
              <Button
                variant="outlined"
                disabled={Boolean(disabledReason) || removing}
                aria-describedby={disabledReason ? reasonId : undefined}
                onClick={() =>
                  confirm({
                    title: 'Remove the risk override?',
                    body: `The computed risk, ${risk.computedLevel}, counts again.`,
                    confirmLabel: 'Remove override',
                    action: removeOverride,
                  })
                }
              >
                Remove override
              </Button>
            )}
            {disabledReason && (
              <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
            )}
          </Cluster>
        </Box>
      )}
      {dialog}
      {release && (
        <RiskOverrideDialog
          open={dialogOpen}
          initialLevel={risk.level}
          onClose={() => setDialogOpen(false)}
          onSubmit={async (level, reason) => {
            await api.overrideRisk(release.id, { level, reason });
            setDialogOpen(false);
            onChanged?.();
          }}
        />
      )}
    </>
  );
}

/** Asks for the level and the required, written reason of a risk override. */
function RiskOverrideDialog(props: {
  open: boolean;
  initialLevel: RiskLevel;
  onClose: () => void;
  onSubmit: (level: RiskLevel, reason: string) => Promise<void>;
}) {
  const { open, initialLevel, onSubmit, ...dialog } = props;
  const [level, setLevel] = useState<RiskLevel>(initialLevel);
  useEffect(() => {
    if (open) setLevel(initialLevel);
  }, [open, initialLevel]);
  return (
    <OverrideDialog
      {...dialog}
      open={open}
      title="Override risk"
      submitLabel="Override risk"
      reasonId="risk-override-reason"
      onSubmit={reason => onSubmit(level, reason)}
    >
      <TextField
        id="risk-override-level"
        select
        label="Level"
        fullWidth
        value={level}
        onChange={event => setLevel(event.target.value as RiskLevel)}
        style={{ marginBottom: 16 }}
      >
        {RISK_LEVELS.map(l => (
          <MenuItem key={l} value={l}>
            {l}
          </MenuItem>
        ))}
      </TextField>
    </OverrideDialog>
  );
}
