import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import {
  Freeze,
  freezeManagePermission,
  FreezeOccurrence,
  MAX_PAGE_SIZE,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { shortRef } from '../ReleaseForm';
import { formatTimestamp } from '../shared/format';
import {
  FormDialog,
  PLAIN_TABLE_OPTIONS,
  useSubmission,
} from '../shared/FormDialog';
import { FreezeDialog } from './FreezeDialog';
import {
  describeFreezeTimes,
  freezeState,
  FreezeState,
  SCOPE_LISTS,
} from './freezeForm';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pages of freezes loaded at most (200 each). */
const MAX_PAGES = 10;

const STATE_LABELS: Record<FreezeState, string> = {
  active: 'Active now',
  upcoming: 'Upcoming',
  ended: 'Ended',
};

/** Props of {@link FreezesTab}. */
export interface FreezesTabProps {
  /** The current time; the clock by default. */
  now?: Date | string | number;
}

interface Row {
  freeze: Freeze;
  state: FreezeState;
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

type Confirming = { action: 'end' | 'delete'; freeze: Freeze };

/** Asks to confirm ending (with an optional reason) or deleting a freeze. */
function ConfirmFreezeAction(props: {
  confirming?: Confirming;
  onClose: () => void;
  onDone: () => void;
}) {
  const { confirming, onClose, onDone } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const freeze = confirming?.freeze;
  const ending = confirming?.action === 'end';
  const close = () => {
    setReason('');
    submission.reset();
    onClose();
  };
  const submit = () =>
    submission.run(async () => {
      if (!freeze) return;
      if (ending) {
        const trimmed = reason.trim();
        await api.endFreeze(freeze.id, trimmed ? { reason: trimmed } : {});
      } else {
        await api.deleteFreeze(freeze.id);
      }
      setReason('');
      onDone();
    });
  return (
    <FormDialog
      open={Boolean(confirming)}
      onClose={close}
      title={
        ending ? `End "${freeze?.title}" now?` : `Delete "${freeze?.title}"?`
      }
      submitLabel={ending ? 'End now' : 'Delete'}
      submission={submission}
      onSubmit={submit}
      maxWidth="sm"
    >
      {ending ? (
        <>
          <Typography variant="body2" paragraph>
            Later occurrences are dropped and a running one stops now.
          </Typography>
          <TextField
            id="freeze-end-reason"
            label="Reason (optional)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            multiline
            minRows={2}
            fullWidth
          />
        </>
      ) : (
        <Typography variant="body2">
          The freeze no longer holds back releases. The deletion is audited; it
          cannot be undone.
        </Typography>
      )}
    </FormDialog>
  );
}

/**
 * The freezes (blackout periods) of the organisation: scope, when, exempt
 * types and state, and, for users allowed to manage freezes, buttons to
 * create, edit, end and delete them.
 */
export function FreezesTab(props: FreezesTabProps) {
  const api = useApi(releaseCoordinationApiRef);
  const permission = usePermission({ permission: freezeManagePermission });
  const canManage = !permission.loading && permission.allowed;
  const [editing, setEditing] = useState<{ freeze?: Freeze }>();
  const [confirming, setConfirming] = useState<Confirming>();
  const [notice, setNotice] = useState<string>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const now = props.now === undefined ? Date.now() : +new Date(props.now);
    const freezes: Freeze[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.listFreezes({ limit: MAX_PAGE_SIZE, cursor });
      freezes.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < MAX_PAGES);
    // The server expands recurring freezes; without it, states are estimates.
    let occurrences: FreezeOccurrence[] | undefined;
    try {
      occurrences = await api.listFreezeOccurrences({
        from: new Date(now).toISOString(),
        to: new Date(now + 365 * DAY_MS).toISOString(),
      });
    } catch {
      occurrences = undefined;
    }
    const rows: Row[] = freezes.map(freeze => ({
      freeze,
      state: freezeState(freeze, now, occurrences),
    }));
    return { rows, more: Boolean(cursor) };
  }, [api, props.now]);

  const done = (message: string) => {
    setEditing(undefined);
    setConfirming(undefined);
    setNotice(message);
    retry();
  };

  const columns: TableColumn<Row>[] = [
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
  if (canManage) {
    columns.push({
      title: 'Actions',
      render: ({ freeze, state }) => (
        <Box display="flex" style={{ gap: 4 }}>
          {state !== 'ended' && (
            <>
              <Button size="small" onClick={() => setEditing({ freeze })}>
                Edit
              </Button>
              <Button
                size="small"
                onClick={() => setConfirming({ action: 'end', freeze })}
              >
                End now
              </Button>
            </>
          )}
          <Button
            size="small"
            color="secondary"
            onClick={() => setConfirming({ action: 'delete', freeze })}
          >
            Delete
          </Button>
        </Box>
      ),
    });
  }

  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;

  return (
    <>
      {notice && (
        <Box marginBottom={2}>
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        </Box>
      )}
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="center"
        marginBottom={2}
        style={{ gap: 8 }}
      >
        {!permission.loading && !permission.allowed ? (
          <Alert severity="info">Only platform admins manage freezes.</Alert>
        ) : (
          <span />
        )}
        {canManage && (
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setEditing({})}
          >
            New freeze
          </Button>
        )}
      </Box>
      <Table<Row>
        title="Freezes"
        columns={columns}
        data={value?.rows ?? []}
        options={PLAIN_TABLE_OPTIONS}
        emptyContent={
          <Box padding={2}>
            <Typography variant="body2" color="textSecondary">
              No freezes.
            </Typography>
          </Box>
        }
      />
      {value?.more && (
        <Typography variant="caption" color="textSecondary">
          Showing the first {MAX_PAGES * MAX_PAGE_SIZE} freezes.
        </Typography>
      )}
      <FreezeDialog
        open={Boolean(editing)}
        freeze={editing?.freeze}
        onClose={() => setEditing(undefined)}
        onSaved={saved =>
          done(
            editing?.freeze
              ? 'Freeze saved.'
              : `Freeze "${saved.title}" created.`,
          )
        }
      />
      <ConfirmFreezeAction
        confirming={confirming}
        onClose={() => setConfirming(undefined)}
        onDone={() =>
          done(
            confirming?.action === 'end' ? 'Freeze ended.' : 'Freeze deleted.',
          )
        }
      />
    </>
  );
}
