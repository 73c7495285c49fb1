import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Freeze, shortRef } from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';
import { describeFreezeTimes, FreezeState, SCOPE_LISTS } from './freezeForm';

const STATE_LABELS: Record<FreezeState, string> = {
  active: 'Active now',
  upcoming: 'Upcoming',
  ended: 'Ended',
};

/** A row of the freezes table: a freeze and its state now. */
export interface FreezeRow {
  freeze: Freeze;
  state: FreezeState;
}

/** What a freeze manager can do to a freeze in the table. */
export interface FreezeRowActions {
  onEdit: (freeze: Freeze) => void;
  onEnd: (freeze: Freeze) => void;
  onDelete: (freeze: Freeze) => void;
}

/** "Everything", or a chip for each domain, system, group and entity. */
function FreezeScopeChips(props: { freeze: Freeze }) {
  const { scope } = props.freeze;
  if (scope.all) {
    return <Chip size="small" color="primary" label="Everything" />;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {SCOPE_LISTS.flatMap(([key]) =>
        scope[key].map(ref => (
          <Chip
            key={`${key}:${ref}`}
            size="small"
            variant="outlined"
            label={shortRef(ref)}
            title={ref}
          />
        )),
      )}
    </Box>
  );
}

/** Edit and End now (for freezes not ended yet) and Delete. */
function FreezeActionButtons(props: FreezeRow & { actions: FreezeRowActions }) {
  const { freeze, state, actions } = props;
  return (
    <Box display="flex" style={{ gap: 4 }}>
      {state !== 'ended' && (
        <>
          <Button size="small" onClick={() => actions.onEdit(freeze)}>
            Edit
          </Button>
          <Button size="small" onClick={() => actions.onEnd(freeze)}>
            End now
          </Button>
        </>
      )}
      <Button
        size="small"
        color="secondary"
        onClick={() => actions.onDelete(freeze)}
      >
        Delete
      </Button>
    </Box>
  );
}

/**
 * The columns of the freezes table: title (with why it ended), scope, when,
 * exempt types and state, plus the action buttons when `actions` is given.
 */
export function freezeColumns(
  actions?: FreezeRowActions,
): TableColumn<FreezeRow>[] {
  const columns: TableColumn<FreezeRow>[] = [
    {
      title: 'Title',
      field: 'freeze.title',
      highlight: true,
      render: ({ freeze }) => (
        <>
          {freeze.title}
          {freeze.endReason && (
            <Typography variant="caption" display="block">
              Ended: {freeze.endReason}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Scope',
      render: ({ freeze }) => <FreezeScopeChips freeze={freeze} />,
    },
    {
      title: 'When',
      render: ({ freeze }) => describeFreezeTimes(freeze),
    },
    {
      title: 'Exempt types',
      render: ({ freeze }) =>
        freeze.exemptTypes.length ? freeze.exemptTypes.join(', ') : 'None',
    },
    {
      title: 'State',
      render: ({ freeze, state }) => (
        <Chip
          size="small"
          label={STATE_LABELS[state]}
          color={state === 'active' ? 'secondary' : 'default'}
          title={
            freeze.endedAt
              ? `Ended ${formatTimestamp(freeze.endedAt)}`
              : undefined
          }
        />
      ),
    },
  ];
  if (actions) {
    columns.push({
      title: 'Actions',
      render: row => <FreezeActionButtons {...row} actions={actions} />,
    });
  }
  return columns;
}
