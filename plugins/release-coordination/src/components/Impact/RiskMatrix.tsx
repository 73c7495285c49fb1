import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  Release,
  RISK_LEVELS,
  RISK_MATRIX,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import { FormDialog, useSubmission } from '../shared/FormDialog';
import { errorMessage, formatTimestamp } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { ReasonField } from '../shared/ReasonField';

/** Background colours of the risk levels. */
export const RISK_COLORS: Record<RiskLevel, string> = {
  low: '#c8e6c9',
  medium: '#fff59d',
  high: '#ffcc80',
  critical: '#ef9a9a',
};

const useStyles = makeStyles(theme => ({
  matrix: {
    borderCollapse: 'collapse',
    '& td, & th': {
      width: 64,
      height: 32,
      textAlign: 'center',
      fontSize: theme.typography.caption.fontSize,
    },
    '& td': { border: `1px solid ${theme.palette.background.paper}` },
  },
  current: {
    outline: `3px solid ${theme.palette.text.primary}`,
    outlineOffset: -3,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/** A risk level as a chip coloured by level; its label is the level alone. */
export function RiskChip(props: { level: RiskLevel; overridden?: boolean }) {
  const { level, overridden } = props;
  return (
    <Chip
      size="small"
      label={level}
      title={overridden ? 'Risk (overridden)' : 'Risk'}
      data-testid="risk-chip"
      style={{ background: RISK_COLORS[level], color: '#000' }}
    />
  );
}

/** Props of {@link RiskMatrix}. */
export interface RiskMatrixProps {
  risk: RiskAssessment;
  /** The release assessed; without it (a hypothetical change) there is no override. */
  release?: Pick<Release, 'id' | 'ownerRef'>;
  /** Called after the override was set or removed. */
  onChanged?: () => void;
}

/**
 * The 5×5 probability × impact matrix with the assessed cell highlighted, the
 * level, the contributing factors, the hard rules that matched and the
 * override; owners may override the level or remove the override.
 */
export function RiskMatrix(props: RiskMatrixProps) {
  const { risk, release, onChanged } = props;
  const classes = useStyles();
  const api = useApi(releaseCoordinationApiRef);
  const ownership = useOwnsRelease(release, 'override its risk');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const matched = risk.rules.filter(rule => rule.matched);
  const disabledReason = ownership.reason;

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
    <div>
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 8 }}
        marginBottom={2}
      >
        <Typography variant="subtitle1" component="span">
          Risk
        </Typography>
        <RiskChip level={risk.level} overridden={Boolean(risk.override)} />
        <Typography variant="body2" color="textSecondary" component="span">
          probability {risk.probability} × impact {risk.impact}
          {risk.level !== risk.computedLevel &&
            ` (computed: ${risk.computedLevel})`}
        </Typography>
      </Box>
      <table className={classes.matrix} aria-label="Risk matrix">
        <thead>
          <tr>
            <th scope="col">Probability \ Impact</th>
            {[1, 2, 3, 4, 5].map(i => (
              <th key={i} scope="col">
                {i}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map(p => (
            <tr key={p}>
              <th scope="row">{p}</th>
              {[1, 2, 3, 4, 5].map(i => {
                const level = RISK_MATRIX[p - 1][i - 1];
                const current = p === risk.probability && i === risk.impact;
                return (
                  <td
                    key={i}
                    className={current ? classes.current : undefined}
                    style={{ background: RISK_COLORS[level] }}
                    aria-current={current ? 'true' : undefined}
                    aria-label={`probability ${p}, impact ${i}: ${level}${
                      current ? ' (this release)' : ''
                    }`}
                    data-testid={`risk-cell-${p}-${i}`}
                  >
                    {current ? `● ${level}` : level}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <Box marginTop={2}>
        <Typography variant="subtitle2">Factors</Typography>
        {risk.factors.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No contributing factors.
          </Typography>
        ) : (
          <ul className={classes.list} aria-label="Risk factors">
            {risk.factors.map(factor => (
              <li key={factor.id}>
                <Typography variant="body2">
                  <strong>{factor.label}</strong> ({factor.dimension},{' '}
                  {factor.points > 0 ? `+${factor.points}` : factor.points}):{' '}
                  {factor.explanation}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>
      <Box marginTop={2}>
        <Typography variant="subtitle2">Hard rules matched</Typography>
        {matched.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No hard rule raised the level.
          </Typography>
        ) : (
          <ul className={classes.list} aria-label="Hard rules matched">
            {matched.map(rule => (
              <li key={rule.id}>
                <Typography variant="body2">
                  <strong>{rule.label}</strong> (at least {rule.minimumLevel}):{' '}
                  {rule.explanation}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>

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
        <Box marginTop={2} display="flex" style={{ gap: 8 }}>
          <Tooltip title={disabledReason ?? ''}>
            <span>
              <Button
                variant="outlined"
                color="primary"
                disabled={Boolean(disabledReason)}
                onClick={() => setDialogOpen(true)}
              >
                Override risk
              </Button>
            </span>
          </Tooltip>
          {risk.override && (
            <Tooltip title={disabledReason ?? ''}>
              <span>
                <Button
                  variant="outlined"
                  disabled={Boolean(disabledReason) || removing}
                  onClick={removeOverride}
                >
                  Remove override
                </Button>
              </span>
            </Tooltip>
          )}
        </Box>
      )}
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
    </div>
  );
}

/** Asks for the level and the required, written reason of a risk override. */
function RiskOverrideDialog(props: {
  open: boolean;
  initialLevel: RiskLevel;
  onClose: () => void;
  onSubmit: (level: RiskLevel, reason: string) => Promise<void>;
}) {
  const { open, initialLevel, onClose, onSubmit } = props;
  const [level, setLevel] = useState<RiskLevel>(initialLevel);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const submission = useSubmission();
  const { reset } = submission;
  useEffect(() => {
    if (open) {
      setLevel(initialLevel);
      setReason('');
      setTouched(false);
      reset();
    }
  }, [open, initialLevel]); // eslint-disable-line react-hooks/exhaustive-deps
  const missing = reason.trim() === '';
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Override risk"
      submitLabel="Override risk"
      submission={submission}
      maxWidth="sm"
      onSubmit={() => {
        setTouched(true);
        if (!missing) submission.run(() => onSubmit(level, reason.trim()));
      }}
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
      <ReasonField
        id="risk-override-reason"
        value={reason}
        onChange={setReason}
        touched={touched}
        onBlur={() => setTouched(true)}
      />
    </FormDialog>
  );
}
