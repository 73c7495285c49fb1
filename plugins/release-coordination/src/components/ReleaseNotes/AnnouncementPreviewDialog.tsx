import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

const MOMENT_LABELS = {
  approved: 'approved',
  released: 'released',
  rolled_back: 'rolled back',
  verified: 'verified',
};

/** What the next announcement of a release will say, and to whom. */
export function AnnouncementPreviewDialog(props: {
  release: Release;
  onClose: () => void;
}) {
  const { release, onClose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const preview = useAsync(
    () => api.previewAnnouncements(release.id),
    [api, release.id],
  );
  const value = preview.value;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {value
          ? `Announcement when ${MOMENT_LABELS[value.moment]}`
          : 'Announcement preview'}
      </DialogTitle>
      <DialogContent>
        {preview.loading && <Progress />}
        {preview.error && <ResponseErrorPanel error={preview.error} />}
        {value?.messages.map(message => (
          <Box key={message.audience} marginBottom={3}>
            <Typography variant="subtitle1">
              {message.audience === 'business' ? 'Business' : 'Engineering'}{' '}
              message to{' '}
              {message.recipients.length
                ? message.recipients.join(', ')
                : 'nobody'}
            </Typography>
            <Typography variant="body2">
              <strong>{message.title}</strong>
            </Typography>
            <Typography
              variant="body2"
              component="pre"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {message.description}
            </Typography>
          </Box>
        ))}
        {value && value.optedOut.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            Opted out: {value.optedOut.join(', ')}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
