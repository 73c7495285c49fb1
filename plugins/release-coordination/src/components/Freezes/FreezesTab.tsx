import {
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import {
  Freeze,
  freezeManagePermission,
  MAX_PAGE_SIZE,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  FormDialog,
  PLAIN_TABLE_OPTIONS,
  useSubmission,
} from '../shared/FormDialog';
import { FreezeDialog } from './FreezeDialog';
import { freezeColumns, FreezeRow } from './freezeTable';
import { MAX_FREEZE_PAGES, useFreezeRows } from './useFreezeRows';
import { ActionReasonField } from '../shared/ReasonField';
import { Cluster } from '../shared/Cluster';

/** Props of {@link FreezesTab}. */
export interface FreezesTabProps {
  /** The current time; the clock by default. */
  now?: Date | string | number;
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
          <ActionReasonField
            id="freeze-end-reason"
            value={reason}
            onChange={setReason}
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
  const permission = usePermission({ permission: freezeManagePermission });
  const canManage = !permission.loading && permission.allowed;
  const [editing, setEditing] = useState<{ freeze?: Freeze }>();
  const [confirming, setConfirming] = useState<Confirming>();
  const [notice, setNotice] = useState<string>();

  const { value, loading, error, retry } = useFreezeRows(props.now);

  const done = (message: string) => {
    setEditing(undefined);
    setConfirming(undefined);
    setNotice(message);
    retry();
  };

  const columns = freezeColumns(
    canManage
      ? {
          onEdit: freeze => setEditing({ freeze }),
          onEnd: freeze => setConfirming({ action: 'end', freeze }),
          onDelete: freeze => setConfirming({ action: 'delete', freeze }),
        }
      : undefined,
  );

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
      <Cluster wrap={false} justifyContent="space-between" marginBottom={2}>
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
      </Cluster>
      <Table<FreezeRow>
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
          Showing the first {MAX_FREEZE_PAGES * MAX_PAGE_SIZE} freezes.
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
