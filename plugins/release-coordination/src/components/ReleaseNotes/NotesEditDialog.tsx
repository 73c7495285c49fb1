import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MAX_NOTES_LENGTH,
  ReleaseNotes,
} from '@internal/plugin-release-coordination-common';
import TextField from '@material-ui/core/TextField';
import { useId, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FormDialog, useSubmission } from '../shared/FormDialog';

/**
 * Edits the notes of one audience, starting from what is published (the
 * earlier edit or the generated notes); saved over the revision read, so a
 * concurrent edit is refused (409) instead of lost.
 */
export function NotesEditDialog(props: {
  notes: ReleaseNotes;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { notes, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [markdown, setMarkdown] = useState(
    notes.edit?.markdown ?? notes.generated,
  );
  const submission = useSubmission();
  const fieldId = useId();
  const stale =
    submission.error instanceof ResponseError &&
    submission.error.statusCode === 409;
  const save = () =>
    submission.run(async () => {
      await api.saveReleaseNotes(notes.releaseId, {
        audience: notes.audience,
        markdown,
        revision: notes.revision,
      });
      onSaved();
    });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={`Edit the ${notes.audience} release notes`}
      submitLabel="Save notes"
      submission={submission}
      onSubmit={save}
      error={
        stale
          ? 'Someone saved these notes since you opened them, or the release was released. Close and reopen to see their version.'
          : undefined
      }
    >
      <TextField
        id={fieldId}
        label="Notes (Markdown)"
        value={markdown}
        onChange={event => setMarkdown(event.target.value)}
        multiline
        minRows={12}
        fullWidth
        variant="outlined"
        inputProps={{ maxLength: MAX_NOTES_LENGTH }}
      />
    </FormDialog>
  );
}
