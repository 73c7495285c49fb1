import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import Alert from '@material-ui/lab/Alert';
import {
  Conflict,
  Release,
  Slot,
} from '@internal/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { conflictKindLabel, hasBlocking } from '../shared/conflictDisplay';
import { ExplainedControl } from '../shared/DisabledReason';
import { formatTimestamp, readableText } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { useConfirmation } from '../shared/useConfirmation';
import { useReleaseLink } from '../shared/useReleaseLink';
import { useReleaseTitles } from '../shared/useReleaseTitles';
import { FreezeOverrideDialog } from './FreezeOverrideDialog';
import { SuggestedSlots } from './SuggestedSlots';
import { useReleaseAction } from '../shared/useReleaseAction';

const useStyles = makeStyles(theme => ({
  conflict: {
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:first-child': { paddingTop: 0 },
  },
  blocking: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  blockingChip: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warningChip: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  refs: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** Props of {@link ReleaseConflicts}. @public */
export interface ReleaseConflictsProps {
  release: Release;
  /** Called after the release was moved or its freeze override changed. */
  onChanged: () => void;
}

function Row(props: { label: string; children: ReactNode }) {
  return (
    <Typography variant="body2" component="div">
      <strong>{props.label}:</strong> {props.children}
    </Typography>
  );
}

function ConflictItem(props: {
  conflict: Conflict;
  release: Release;
  titles: Record<string, string>;
  action?: ReactNode;
}) {
  const { conflict, release, titles, action } = props;
  const classes = useStyles();
  const releaseLink = useReleaseLink();
  const blocking = conflict.severity === 'blocking';
  const others = conflict.releaseIds.filter(id => id !== release.id);
  const Icon = blocking ? ErrorIcon : WarningIcon;
  return (
    <li
      className={classes.conflict}
      data-testid="release-conflict"
      data-kind={conflict.kind}
      data-severity={conflict.severity}
    >
      <Icon
        className={blocking ? classes.blocking : classes.warning}
        aria-hidden
      />
      <Box flex={1} minWidth={0}>
        <div className={classes.head}>
          <Chip
            size="small"
            className={blocking ? classes.blockingChip : classes.warningChip}
            label={blocking ? 'Blocking' : 'Warning'}
          />
          <Chip
            size="small"
            variant="outlined"
            label={conflictKindLabel(conflict.kind)}
          />
        </div>
        <Typography variant="body1" style={{ margin: '4px 0' }}>
          {readableText(conflict.message)}
        </Typography>
        {conflict.entityRefs.length > 0 && (
          <Row label="Affected">
            <span className={classes.refs}>
              {conflict.entityRefs.map(ref => (
                <EntityRefLink key={ref} entityRef={ref} />
              ))}
            </span>
          </Row>
        )}
        {others.length > 0 && (
          <Row label="With">
            <span className={classes.refs}>
              {others.map(id =>
                releaseLink ? (
                  <Link key={id} to={releaseLink(id)}>
                    {titles[id] ?? id}
                  </Link>
                ) : (
                  <span key={id}>{titles[id] ?? id}</span>
                ),
              )}
            </span>
          </Row>
        )}
        {conflict.suggestion && (
          <Row label="Suggestion">{readableText(conflict.suggestion)}</Row>
        )}
        {action && <Box marginTop={1}>{action}</Box>}
      </Box>
    </li>
  );
}

/** A button for the release's owners; for others disabled, saying why beside it. */
function OwnerButton(props: {
  disabledReason?: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
  color?: 'primary' | 'secondary';
}) {
  return (
    <ExplainedControl reason={props.disabledReason}>
      {describedBy => (
        <Button
          size="small"
          variant="outlined"
          color={props.color ?? 'primary'}
          disabled={Boolean(props.disabledReason) || props.disabled}
          aria-describedby={describedBy}
          onClick={props.onClick}
        >
          {props.children}
        </Button>
      )}
    </ExplainedControl>
  );
}

/**
 * What the conflicts card does to a release: move it to a slot, override its
 * freezes with a reason (in a dialog) or remove the override; each reports
 * its error and calls `onChanged` on success.
 */
function useConflictActions(release: Release, onChanged: () => void) {
  const api = useApi(releaseCoordinationApiRef);
  const { busy, error, clearError, run } = useReleaseAction(onChanged);
  const [overriding, setOverriding] = useState(false);

  const move = (slot: Slot) =>
    run(() =>
      slot.trainId
        ? api.bookTrainSlot(release.id, {
            trainId: slot.trainId,
            slotStart: slot.start,
          })
        : api.updateRelease(release.id, {
            revision: release.revision,
            window: { start: slot.start, end: slot.end },
          }),
    );

  const override = async (reason: string) => {
    await api.overrideFreeze(release.id, { reason });
    setOverriding(false);
    onChanged();
  };

  return {
    busy,
    error,
    clearError,
    move,
    removeOverride: () => run(() => api.clearFreezeOverride(release.id)),
    overriding,
    startOverride: () => setOverriding(true),
    cancelOverride: () => setOverriding(false),
    override,
  };
}

/**
 * Who overrode the release's freezes, when and why, and under it a button
 * removing the override (with, for others, why they may not in words).
 */
function FreezeOverrideNote(props: {
  freezeOverride: NonNullable<Release['freezeOverride']>;
  action: ReactNode;
}) {
  const { freezeOverride } = props;
  return (
    <Box marginTop={2} data-testid="freeze-override">
      <Alert severity="info">
        Freezes overridden by{' '}
        <EntityRefLink entityRef={freezeOverride.by} defaultKind="user" /> on{' '}
        {formatTimestamp(freezeOverride.at)}. Reason: {freezeOverride.reason}
      </Alert>
      <Box marginTop={1}>{props.action}</Box>
    </Box>
  );
}

/**
 * The conflicts of a release: severity, kind, explanation, every affected
 * entity, the other releases involved and the suggestion. With a blocking
 * conflict it offers the next free windows ("Move here"); with a freeze
 * conflict an override with a written reason. Renders nothing when the
 * release has neither conflicts nor a freeze override.
 *
 * @public
 */
export function ReleaseConflicts(props: ReleaseConflictsProps) {
  const { release, onChanged } = props;
  const conflicts = release.conflicts ?? [];
  const moveRights = useOwnsRelease(release, 'move it');
  const overrideRights = useOwnsRelease(release, 'override its freezes');
  const actions = useConflictActions(release, onChanged);
  const confirmation = useConfirmation();
  const { busy } = actions;
  const otherIds = [...new Set(conflicts.flatMap(c => c.releaseIds))].filter(
    id => id !== release.id,
  );
  const titles = useReleaseTitles(otherIds);

  if (conflicts.length === 0 && !release.freezeOverride) {
    return null;
  }

  const overrideButton = (
    <OwnerButton
      disabledReason={overrideRights.reason}
      disabled={busy}
      onClick={actions.startOverride}
    >
      Override freeze
    </OwnerButton>
  );
  const { freezeOverride } = release;

  return (
    <InfoCard title="Conflicts">
      {actions.error && (
        <Box marginBottom={2}>
          <Alert severity="error" onClose={actions.clearError}>
            {actions.error}
          </Alert>
        </Box>
      )}
      {conflicts.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No conflicts.
        </Typography>
      ) : (
        <ul
          aria-label="Conflicts of this release"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {conflicts.map(conflict => (
            <ConflictItem
              key={conflict.id}
              conflict={conflict}
              release={release}
              titles={titles}
              action={
                conflict.kind === 'freeze' && !freezeOverride
                  ? overrideButton
                  : undefined
              }
            />
          ))}
        </ul>
      )}
      {confirmation.dialog}
      {freezeOverride && (
        <FreezeOverrideNote
          freezeOverride={freezeOverride}
          action={
            <OwnerButton
              disabledReason={overrideRights.reason}
              disabled={busy}
              color="secondary"
              onClick={() =>
                confirmation.confirm({
                  title: 'Remove the freeze override?',
                  body: 'The freezes this release overlaps block it again.',
                  confirmLabel: 'Remove override',
                  action: actions.removeOverride,
                })
              }
            >
              Remove override
            </OwnerButton>
          }
        />
      )}
      {hasBlocking(conflicts) && (
        <SuggestedSlots
          release={release}
          disabledReason={moveRights.reason}
          busy={busy}
          onMove={actions.move}
        />
      )}
      <FreezeOverrideDialog
        open={actions.overriding}
        onClose={actions.cancelOverride}
        onSubmit={actions.override}
      />
    </InfoCard>
  );
}
