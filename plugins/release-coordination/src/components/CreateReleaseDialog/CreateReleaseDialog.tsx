import { useApi } from '@backstage/core-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import { useRef } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  emptyReleaseForm,
  proposeWindow,
  ReleaseFormDialog,
  useFreeDefaultWindow,
  validateReleaseForm,
} from '../ReleaseForm';
import { useDialogForm } from '../shared/FormDialog';
import { useLinkSchemes } from '../shared/UserContent';

export { defaultWindow } from '../ReleaseForm';

/** Props of {@link CreateReleaseDialog}. @public */
export interface CreateReleaseDialogProps {
  open: boolean;
  /** Called when the user cancels or presses Escape. */
  onClose: () => void;
  /** Called with the release the backend created. */
  onCreated: (release: Release) => void;
  /** Entities preselected in the form, e.g. the entity whose page is open. */
  initialEntityRefs?: string[];
  /** Owner preselected in the form. */
  initialOwnerRef?: string;
}

/**
 * A dialog creating a release: title, version, type, window, entities, owner,
 * Markdown description and change inventory, validated with the shared schema.
 * The window it proposes is free (the scheduling assistant's first free slot
 * from tomorrow's next hour) until the user changes it, and is checked live.
 *
 * @public
 */
export function CreateReleaseDialog(props: CreateReleaseDialogProps) {
  const { open, onClose, onCreated, initialEntityRefs, initialOwnerRef } =
    props;
  const api = useApi(releaseCoordinationApiRef);
  const linkSchemes = useLinkSchemes();
  const proposed = useRef<{ start: string; end: string }>();
  const dialog = useDialogForm({
    open,
    resetKey: JSON.stringify([initialEntityRefs, initialOwnerRef]),
    init: () =>
      proposeWindow(
        proposed,
        emptyReleaseForm(initialEntityRefs ?? [], initialOwnerRef),
      ),
    validate: form => validateReleaseForm(form, linkSchemes),
  });
  useFreeDefaultWindow(proposed, dialog.form, dialog.setForm, open);
  const { submission } = dialog;

  const handleSubmit = () => {
    const body = dialog.check();
    if (body) {
      submission.run(async () => onCreated(await api.createRelease(body)));
    }
  };

  return (
    <ReleaseFormDialog
      open={open}
      onClose={onClose}
      title="Create release"
      submitLabel="Create"
      dialog={dialog}
      onSubmit={handleSubmit}
      withEntities
    />
  );
}
