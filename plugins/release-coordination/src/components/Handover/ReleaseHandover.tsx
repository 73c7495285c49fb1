import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_RELEASE_STATES,
  handoverRequestSchema,
  Release,
} from '@internal/plugin-release-coordination-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { useReleaseAction } from '../shared/useReleaseAction';
import { useConfirmation } from '../shared/useConfirmation';
import { ActionReasonField } from '../shared/ReasonField';

/** Props of {@link ReleaseHandover}. @public */
export interface ReleaseHandoverProps {
  release: Release;
  /** Called after the release changed hands (or the offer changed). */
  onChanged: () => void;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * A pending offer: to whom, and the buttons to accept or decline it (for that
 * group's members) or to withdraw it (for the owners).
 */
function PendingHandover(props: {
  ownerRef: string;
  pendingOwnerRef: string;
  offeredToMe: boolean;
  busy: boolean;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const { offeredToMe, busy } = props;
  return (
    <>
      <Typography variant="body2" paragraph>
        Offered to{' '}
        <EntityRefLink entityRef={props.pendingOwnerRef} defaultKind="group" />;
        it stays with{' '}
        <EntityRefLink entityRef={props.ownerRef} defaultKind="group" /> until a
        member of that group accepts.
      </Typography>
      {offeredToMe && (
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={props.onAccept}
        >
          Accept
        </Button>
      )}{' '}
      <Button variant="outlined" disabled={busy} onClick={props.onCancel}>
        {offeredToMe ? 'Decline' : 'Withdraw offer'}
      </Button>
    </>
  );
}

/**
 * Handing a release over to another group: its owners offer it, a member of
 * that group accepts or declines, the owners may withdraw the offer. Shown
 * only to those who can act, while the release is not finished.
 *
 * @public
 */
export function ReleaseHandover(props: ReleaseHandoverProps) {
  const { release, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [toGroupRef, setToGroupRef] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const { busy, error, run } = useReleaseAction(onChanged);
  const { confirm, dialog } = useConfirmation();

  const mine = new Set((identity.value?.ownershipEntityRefs ?? []).map(lower));
  const isOwner = mine.has(lower(release.ownerRef));
  const offeredToMe =
    release.pendingOwnerRef !== undefined &&
    mine.has(lower(release.pendingOwnerRef));
  if (
    !ACTIVE_RELEASE_STATES.includes(release.state) ||
    (!isOwner && !offeredToMe)
  ) {
    return null;
  }

  const offer = (event: FormEvent) => {
    event.preventDefault();
    const parsed = handoverRequestSchema.safeParse({
      toGroupRef: toGroupRef.trim(),
      ...(reason.trim() && { reason: reason.trim() }),
    });
    if (!parsed.success) {
      setFieldError(
        parsed.error.issues[0].path[0] === 'toGroupRef'
          ? 'Enter a group, like group:default/payments-team'
          : parsed.error.issues[0].message,
      );
      return;
    }
    setFieldError(undefined);
    run(() => api.offerHandover(release.id, parsed.data));
  };

  return (
    <InfoCard title="Ownership">
      {dialog}
      {error && (
        <Box marginBottom={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {release.pendingOwnerRef ? (
        <PendingHandover
          ownerRef={release.ownerRef}
          pendingOwnerRef={release.pendingOwnerRef}
          offeredToMe={offeredToMe}
          busy={busy}
          onAccept={() => run(() => api.acceptHandover(release.id))}
          onCancel={() =>
            confirm({
              title: offeredToMe
                ? 'Decline this hand-over?'
                : 'Withdraw the hand-over offer?',
              body: 'The release stays with the group that owns it now.',
              confirmLabel: offeredToMe ? 'Decline' : 'Withdraw offer',
              action: () => run(() => api.cancelHandover(release.id)),
            })
          }
        />
      ) : (
        <form onSubmit={offer} aria-label="Hand over this release">
          <Typography variant="body2" paragraph>
            Hand this release over to another group. It stays yours until a
            member of that group accepts it.
          </Typography>
          <TextField
            id="handover-group"
            label="Group"
            placeholder="group:default/payments-team"
            value={toGroupRef}
            onChange={e => setToGroupRef(e.target.value)}
            error={Boolean(fieldError)}
            helperText={fieldError}
            fullWidth
            margin="dense"
          />
          <ActionReasonField
            id="handover-reason"
            value={reason}
            onChange={setReason}
            singleLine
          />
          <Box marginTop={1}>
            <Button type="submit" variant="outlined" disabled={busy}>
              Offer
            </Button>
          </Box>
        </form>
      )}
    </InfoCard>
  );
}
