import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import {
  CreateReleaseInput,
  Release,
  UpdateReleaseRequest,
} from '@internal/plugin-release-coordination-common';
import { useMemo } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  ReleaseFormDialog,
  ReleaseFormState,
  releaseToForm,
  validateReleaseForm,
} from '../ReleaseForm';
import { useDialogForm } from '../shared/FormDialog';
import { useLinkSchemes } from '../shared/UserContent';

/** Shown when the release changed since the dialog loaded it (409). */
export const STALE_RELEASE_MESSAGE =
  'Someone else changed this release; reload to see their changes';

/** Props of {@link EditReleaseDialog}. @public */
export interface EditReleaseDialogProps {
  open: boolean;
  /** The release as last loaded; its `revision` is sent with the changes. */
  release: Release;
  /** Called when the user cancels or presses Escape. */
  onClose: () => void;
  /** Called with the release the backend saved. */
  onSaved: (release: Release) => void;
  /**
   * Called by the Reload button after a conflict (409); should load the
   * release again, which resets the form to its current values.
   */
  onReload: () => void;
}

type ReleaseFieldChanges = Omit<UpdateReleaseRequest, 'revision'>;

/**
 * The fields of a validated form that differ from the release; the window when
 * either of its inputs was touched.
 */
export function changedReleaseFields(
  release: Release,
  initial: ReleaseFormState,
  form: ReleaseFormState,
  body: CreateReleaseInput,
): ReleaseFieldChanges {
  const changes: ReleaseFieldChanges = {};
  if (body.title !== release.title) changes.title = body.title;
  if (body.version !== release.version) changes.version = body.version;
  if (body.type !== release.type) changes.type = body.type;
  if (
    body.standardChangeId &&
    body.standardChangeId !== release.standardChangeId
  ) {
    changes.standardChangeId = body.standardChangeId;
  }
  if (form.start !== initial.start || form.end !== initial.end) {
    changes.window = body.window;
  }
  if (body.description !== release.description) {
    changes.description = body.description;
  }
  if ((body.rollbackPlan ?? '') !== (release.rollbackPlan ?? '')) {
    changes.rollbackPlan = body.rollbackPlan ?? '';
  }
  const before = release.changes.map(({ kind, title, link, entityRef }) => ({
    kind,
    title,
    ...(link ? { link } : {}),
    ...(entityRef ? { entityRef } : {}),
  }));
  if (JSON.stringify(body.changes) !== JSON.stringify(before)) {
    changes.changes = body.changes;
  }
  return changes;
}

/**
 * A dialog editing or moving a release: title, version, type, window,
 * description and changes. It sends only the changed fields with the
 * release's revision, and offers a reload when someone else changed it.
 *
 * @public
 */
export function EditReleaseDialog(props: EditReleaseDialogProps) {
  const { open, release, onClose, onSaved, onReload } = props;
  const api = useApi(releaseCoordinationApiRef);
  const linkSchemes = useLinkSchemes();
  // Reloading the release (a new revision) resets the form to its values.
  const resetKey = `${release.id}:${release.revision}`;
  // The form as loaded, to tell which fields the user changed.
  const initial = useMemo(() => releaseToForm(release), [resetKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const dialog = useDialogForm({
    open,
    resetKey,
    init: () => initial,
    validate: form => validateReleaseForm(form, linkSchemes),
  });
  const { submission } = dialog;
  const stale =
    submission.error instanceof ResponseError &&
    submission.error.statusCode === 409;

  const handleSubmit = () => {
    const body = dialog.check();
    if (!body) return;
    const changes = changedReleaseFields(release, initial, dialog.form, body);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    submission.run(async () => {
      const revision = release.revision;
      onSaved(await api.updateRelease(release.id, { revision, ...changes }));
    });
  };

  return (
    <ReleaseFormDialog
      open={open}
      releaseId={release.id}
      title="Edit release"
      error={stale ? STALE_RELEASE_MESSAGE : undefined}
      errorAction={
        stale && (
          <Button
            color="inherit"
            size="small"
            onClick={() => {
              submission.reset();
              onReload();
            }}
          >
            Reload
          </Button>
        )
      }
      onClose={onClose}
      submitLabel="Save"
      dialog={dialog}
      onSubmit={handleSubmit}
    />
  );
}
