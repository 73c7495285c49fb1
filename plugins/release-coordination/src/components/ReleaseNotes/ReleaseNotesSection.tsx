import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  NotesAudience,
  NotesFormat,
  Release,
  ReleaseNotes,
} from '@internal/plugin-release-coordination-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ChoiceToggle } from '../shared/ChoiceToggle';
import { ExplainedControl } from '../shared/DisabledReason';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { AnnouncementPreviewDialog } from './AnnouncementPreviewDialog';
import { NotesEditDialog } from './NotesEditDialog';
import { downloadFile, notesFileName } from './notesFile';
import { Cluster } from '../shared/Cluster';

const AUDIENCES = [
  { value: 'engineering', label: 'Engineering' },
  { value: 'business', label: 'Business' },
] as const;

const FORMATS = [
  { value: 'markdown', label: 'Markdown' },
  { value: 'html', label: 'HTML' },
] as const;

const DIFF_MARKS = { same: ' ', added: '+', removed: '-' };

/** The notes as published, and how an edit differs from what is generated now. */
function NotesBody(props: { notes: ReleaseNotes }) {
  const { notes } = props;
  const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;
  return (
    <>
      {notes.edit && (
        <Typography variant="body2" color="textSecondary">
          Edited by {notes.edit.editedBy} at {notes.edit.editedAt}
          {notes.edit.generatedChanged &&
            '; the generated notes changed since then'}
          .
        </Typography>
      )}
      <Box component="pre" style={pre} aria-label="Release notes text">
        {notes.content}
      </Box>
      {notes.edit && (
        <>
          <Typography variant="subtitle2">
            From the edit to the notes generated now
          </Typography>
          <Box component="pre" style={pre} aria-label="Difference">
            {notes.edit.diff
              .map(line => `${DIFF_MARKS[line.kind]} ${line.text}`)
              .join('\n')}
          </Box>
        </>
      )}
    </>
  );
}

/**
 * The release notes of a release, loaded when opened: per audience, to copy,
 * download as Markdown or HTML, edit (its owners, until released) and see
 * what the next announcement will send to whom.
 */
export function ReleaseNotesSection(props: { release: Release }) {
  const { release } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [open, setOpen] = useState(false);
  const [audience, setAudience] = useState<NotesAudience>('engineering');
  const [format, setFormat] = useState<NotesFormat>('markdown');
  const [dialog, setDialog] = useState<'edit' | 'preview'>();
  const [copied, setCopied] = useState(false);
  const owns = useOwnsRelease(release, 'edit its notes');
  const notes = useAsyncRetry(
    async () =>
      open ? api.getReleaseNotes(release.id, { audience, format }) : undefined,
    [api, open, release.id, release.revision, audience, format],
  );
  const value = notes.value;
  const copy = async () => {
    if (!value) return;
    await navigator.clipboard.writeText(value.content);
    setCopied(true);
  };
  return (
    <Accordion expanded={open} onChange={(_event, next) => setOpen(next)}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="h6">Release notes</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <Cluster>
            <ChoiceToggle
              label="Audience"
              value={audience}
              choices={AUDIENCES}
              onChange={next => {
                setAudience(next);
                setCopied(false);
              }}
            />
            <ChoiceToggle
              label="Format"
              value={format}
              choices={FORMATS}
              onChange={setFormat}
            />
            <Button variant="outlined" disabled={!value} onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
            <Button
              variant="outlined"
              disabled={!value}
              onClick={() =>
                value &&
                downloadFile(
                  value.content,
                  notesFileName(release, audience, format),
                  format,
                )
              }
            >
              Download
            </Button>
            <ExplainedControl
              reason={
                value && !value.editable
                  ? 'Released: the notes are final.'
                  : owns.reason
              }
            >
              {describedBy => (
                <Button
                  variant="outlined"
                  disabled={!value?.editable || !owns.owns}
                  aria-describedby={describedBy}
                  onClick={() => setDialog('edit')}
                >
                  Edit
                </Button>
              )}
            </ExplainedControl>
            <Button variant="outlined" onClick={() => setDialog('preview')}>
              Preview announcement
            </Button>
          </Cluster>
          {notes.loading && <Progress />}
          {notes.error && <ResponseErrorPanel error={notes.error} />}
          {value && <NotesBody notes={value} />}
        </Box>
      </AccordionDetails>
      {dialog === 'edit' && value && (
        <NotesEditDialog
          notes={value}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            notes.retry();
          }}
        />
      )}
      {dialog === 'preview' && (
        <AnnouncementPreviewDialog
          release={release}
          onClose={() => setDialog(undefined)}
        />
      )}
    </Accordion>
  );
}
