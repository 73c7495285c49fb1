import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Release,
  ReleaseReview,
  REVIEWABLE_STATES,
  reviewFileName,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage } from '../shared/format';
import { requirementText, statusText } from './reviewDisplay';
import { saveFile } from '../shared/saveFile';
import { ReviewActionItems } from './ReviewActionItems';
import { ReviewFactsView } from './ReviewFactsView';
import { ReviewTexts } from './ReviewTexts';
import { Cluster } from '../shared/Cluster';

/** Props of {@link ReleaseReviewSection}. @public */
export interface ReleaseReviewSectionProps {
  release: Release;
  /** Changes when something beside the release changed (its issues): reloads. */
  refreshKey?: number;
}

/** Runs a change of the review: busy meanwhile, its error shown, the changed review kept. */
function useReviewChange(onChanged: (review: ReleaseReview) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = async (action: () => Promise<ReleaseReview | void>) => {
    setBusy(true);
    setError(undefined);
    try {
      const after = await action();
      if (after) onChanged(after);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, act };
}

/** A loaded review: its requirement and status, facts, findings and action items. */
function ReviewBody(props: {
  release: Release;
  review: ReleaseReview;
  onChanged: (review: ReleaseReview) => void;
}) {
  const { release, review } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { busy, error, act } = useReviewChange(props.onChanged);
  const { revision } = review;
  return (
    <>
      <Cluster gap={16}>
        <Typography variant="body2">{requirementText(review)}</Typography>
        <Typography variant="body2" data-testid="review-status">
          {statusText(review)}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          disabled={busy}
          onClick={() =>
            act(async () =>
              saveFile(
                new Blob([await api.getReleaseReviewMarkdown(release.id)], {
                  type: 'text/markdown',
                }),
                reviewFileName(review),
              ),
            )
          }
        >
          Download Markdown
        </Button>
      </Cluster>
      {review.overdue && (
        <Box marginY={1}>
          <Alert severity="warning">
            This required review is overdue: the readiness of the next releases
            of these entities warns about it.
          </Alert>
        </Box>
      )}
      {error && (
        <Box marginY={1}>
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        </Box>
      )}
      <Box marginTop={2}>
        <Typography variant="h6" component="h3">
          Facts
        </Typography>
        <ReviewFactsView facts={review.facts} />
        <Typography variant="h6" component="h3">
          Findings
        </Typography>
        <ReviewTexts
          key={revision}
          review={review}
          busy={busy}
          onSave={change =>
            act(() =>
              api.updateReleaseReview(release.id, { revision, ...change }),
            )
          }
        />
        <Box marginTop={2}>
          <Typography variant="h6" component="h3">
            Action items
          </Typography>
          <ReviewActionItems
            review={review}
            busy={busy}
            onAdd={item =>
              act(() =>
                api.addReviewActionItem(release.id, { revision, ...item }),
              )
            }
            onToggle={item =>
              act(() =>
                api.updateReviewActionItem(release.id, item.id, {
                  revision,
                  status: item.status === 'done' ? 'open' : 'done',
                }),
              )
            }
          />
        </Box>
      </Box>
    </>
  );
}

/**
 * The post-release review of a release that went live: whether it is
 * required and why, the prefilled facts, what went well, what did not, the
 * lessons and the action items, and a Markdown download. Nothing for a
 * release that did not go live.
 *
 * @public
 */
export function ReleaseReviewSection(props: ReleaseReviewSectionProps) {
  const { release } = props;
  const api = useApi(releaseCoordinationApiRef);
  const live = REVIEWABLE_STATES.includes(release.state);
  const [changed, setChanged] = useState<ReleaseReview>();
  const loaded = useAsync(
    async () => (live ? api.getReleaseReview(release.id) : undefined),
    [api, release.id, release.revision, live, props.refreshKey],
  );
  if (!live) return null;
  const review =
    changed && changed.revision > (loaded.value?.revision ?? 0)
      ? changed
      : loaded.value;
  let content;
  if (review) {
    content = (
      <ReviewBody release={release} review={review} onChanged={setChanged} />
    );
  } else if (loaded.error) {
    content = <ResponseErrorPanel error={loaded.error} />;
  } else {
    content = <Progress />;
  }
  return <InfoCard title="Post-release review">{content}</InfoCard>;
}
