import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Release,
  ReleaseVerification as ReleaseVerificationValue,
  SuccessCriterion,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useId, useState } from 'react';
import { useConfirmation } from '../shared/useConfirmation';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { DisabledReason, ExplainedControl } from '../shared/DisabledReason';
import { errorMessage } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { CriterionDialog } from './CriterionDialog';
import { CriterionItem } from './CriterionItem';
import { RecordResultDialog } from './RecordResultDialog';

/** Props of {@link ReleaseVerification}. @public */
export interface ReleaseVerificationProps {
  release: Pick<Release, 'id' | 'ownerRef' | 'state' | 'revision'>;
  /** Called after the release was verified. */
  onChanged?: () => void;
}

/** The signed-in user's ownership refs, lower-case. */
function useMyRefs(): string[] | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return value?.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
}

/** The Verify button: disabled, with the reasons shown, while criteria are open. */
function VerifyAction(props: {
  verification: ReleaseVerificationValue;
  ownerReason?: string;
  onVerify: () => Promise<void>;
}) {
  const { verification, ownerReason } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const reasonId = useId();
  const open = verification.blocking;
  const reason =
    open.length > 0
      ? `Verify is possible once every criterion is met or waived; open: ${open.join(
          '; ',
        )}`
      : ownerReason;
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onVerify();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box marginTop={2}>
      <Button
        variant="contained"
        color="primary"
        disabled={Boolean(reason) || busy}
        onClick={verify}
        aria-describedby={reason ? reasonId : undefined}
      >
        Verify release
      </Button>
      {reason && (
        <Box marginTop={1}>
          <DisabledReason id={reasonId} testId="verify-disabled-reason">
            {reason}
          </DisabledReason>
        </Box>
      )}
      {error && (
        <Box marginTop={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </Box>
  );
}

/**
 * Removing a success criterion, after asking: `remove` opens the question,
 * `dialog` is to be rendered; a failure goes to `onError`, then `onDone`.
 */
function useCriterionRemoval(
  releaseId: string,
  onDone: () => void,
  onError: (message: string | undefined) => void,
) {
  const api = useApi(releaseCoordinationApiRef);
  const { confirm, dialog } = useConfirmation();
  const remove = (criterion: SuccessCriterion) =>
    confirm({
      title: 'Remove this success criterion?',
      body: 'It and any result recorded for it are removed.',
      confirmLabel: 'Remove',
      action: async () => {
        onError(undefined);
        try {
          await api.deleteSuccessCriterion(releaseId, criterion.id);
        } catch (e) {
          onError(errorMessage(e));
        }
        onDone();
      },
    });
  return { remove, dialog };
}

/**
 * The "Success criteria" section of a release page: criteria added and
 * edited while planning, their results recorded by their owners after the
 * release, and the Verify button once every one is met or waived.
 *
 * @public
 */
export function ReleaseVerification(props: ReleaseVerificationProps) {
  const { release } = props;
  const api = useApi(releaseCoordinationApiRef);
  const myRefs = useMyRefs();
  const owns = useOwnsRelease(release, 'change its success criteria');
  const [editing, setEditing] = useState<SuccessCriterion | 'new'>();
  const [recording, setRecording] = useState<SuccessCriterion>();
  const [actionError, setActionError] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getReleaseVerification(release.id),
    [api, release.id, release.state, release.revision],
  );
  const { remove, dialog } = useCriterionRemoval(
    release.id,
    retry,
    setActionError,
  );

  // a backend without success criteria answers 404: no section then
  if (error instanceof ResponseError && error.statusCode === 404) return null;
  let content;
  if (loading && !value) content = <Progress />;
  else if (error && !value) content = <ResponseErrorPanel error={error} />;
  else if (value) {
    const mayEdit = value.editable && owns.owns;
    const ownsCriterion = (criterion: SuccessCriterion) =>
      myRefs?.includes(criterion.ownerRef.toLocaleLowerCase('en-US'));
    content = (
      <>
        {actionError && <Alert severity="error">{actionError}</Alert>}
        {dialog}
        {value.criteria.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No success criteria yet.
            {value.editable &&
              ' Add what must hold after go-live for this release to count as verified.'}
          </Typography>
        ) : (
          <List dense aria-label="Success criteria">
            {value.criteria.map(criterion => (
              <CriterionItem
                key={criterion.id}
                criterion={criterion}
                onEdit={mayEdit ? () => setEditing(criterion) : undefined}
                onDelete={mayEdit ? () => remove(criterion) : undefined}
                onRecord={
                  value.recordable && ownsCriterion(criterion)
                    ? () => setRecording(criterion)
                    : undefined
                }
                recordDisabledReason={
                  value.recordable && !ownsCriterion(criterion)
                    ? `Only ${entityName(
                        criterion.ownerRef,
                      )} can record the result.`
                    : undefined
                }
              />
            ))}
          </List>
        )}
        {value.editable && (
          <ExplainedControl reason={owns.reason}>
            {describedBy => (
              <Button
                color="primary"
                disabled={!owns.owns}
                aria-describedby={describedBy}
                onClick={() => setEditing('new')}
              >
                Add criterion
              </Button>
            )}
          </ExplainedControl>
        )}
        {release.state === 'released' && (
          <VerifyAction
            verification={value}
            ownerReason={owns.reason}
            onVerify={async () => {
              await api.transitionRelease(release.id, { to: 'verified' });
              props.onChanged?.();
            }}
          />
        )}
      </>
    );
  }

  return (
    <InfoCard title="Success criteria">
      {content}
      <CriterionDialog
        open={Boolean(editing)}
        release={release}
        criterion={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          retry();
        }}
      />
      <RecordResultDialog
        releaseId={release.id}
        criterion={recording}
        onClose={() => setRecording(undefined)}
        onSaved={() => {
          setRecording(undefined);
          retry();
        }}
      />
    </InfoCard>
  );
}
