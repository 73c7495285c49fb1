import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ReleaseReview,
  UpdateReviewRequest,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { UserMarkdown } from '../shared/UserContent';

const FIELDS = [
  ['wentWell', 'What went well'],
  ['wentWrong', "What didn't go well"],
  ['lessons', 'Lessons'],
] as const;

type Texts = Pick<ReleaseReview, (typeof FIELDS)[number][0]>;

/**
 * What people write in a review: editable (Markdown) with Save and
 * Complete / Reopen for those who may write it, rendered for the others.
 */
export function ReviewTexts(props: {
  review: ReleaseReview;
  busy: boolean;
  onSave: (change: Omit<UpdateReviewRequest, 'revision'>) => void;
}) {
  const { review, busy, onSave } = props;
  const [texts, setTexts] = useState<Texts>({
    wentWell: review.wentWell,
    wentWrong: review.wentWrong,
    lessons: review.lessons,
  });
  if (!review.canEdit) {
    return (
      <>
        {FIELDS.map(([key, label]) => (
          <Box key={key} marginBottom={2}>
            <Typography variant="subtitle2" component="h4">
              {label}
            </Typography>
            {review[key].trim() ? (
              <UserMarkdown content={review[key]} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                Nothing written yet.
              </Typography>
            )}
          </Box>
        ))}
      </>
    );
  }
  const changed = FIELDS.some(([key]) => texts[key] !== review[key]);
  const completed = review.status === 'completed';
  return (
    <Box component="form" onSubmit={e => e.preventDefault()}>
      {FIELDS.map(([key, label]) => (
        <TextField
          key={key}
          id={`review-${key}`}
          label={label}
          helperText="Markdown"
          multiline
          minRows={2}
          fullWidth
          margin="dense"
          variant="outlined"
          value={texts[key]}
          onChange={e => setTexts({ ...texts, [key]: e.target.value })}
        />
      ))}
      <Box display="flex" style={{ gap: 8 }} marginTop={1}>
        <Button
          variant="outlined"
          disabled={busy || !changed}
          onClick={() => onSave(texts)}
        >
          Save review
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() =>
            onSave({
              ...(changed && texts),
              status: completed ? 'open' : 'completed',
            })
          }
        >
          {completed ? 'Reopen review' : 'Complete review'}
        </Button>
      </Box>
    </Box>
  );
}
