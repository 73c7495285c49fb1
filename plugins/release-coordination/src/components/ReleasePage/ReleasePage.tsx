import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { useRootLink } from '../shared/useReleaseLink';
import { ReleaseConflicts } from '../ReleaseConflicts';
import { ReleaseImpact } from '../Impact';
import { ReleaseReadiness } from '../Readiness';
import { StatusReport } from '../StatusReport';
import { ReleaseHandover } from '../Handover';
import { ReleaseVerificationSection } from '../Verification';
import { ReleaseIssuesSection } from '../ReleaseIssues';
import { ReleaseRollback } from '../Rollback';
import { ReleaseReviewSection } from '../Reviews';
import { ReleaseNotesSection } from '../ReleaseNotes';
import { ReleaseActions } from './ReleaseActions';
import { ReleaseDetails } from './ReleaseDetails';
import { ReleaseHeader } from './ReleaseHeader';
import { ReleaseHistory } from './ReleaseHistory';
import { useLiveRelease } from './useLiveRelease';
import { ReleaseSectionId, SectionNav } from './SectionNav';

/** The id of a section's element; typed, so a section the nav names cannot go missing. */
const section = (id: ReleaseSectionId) => id;

function ReleaseLoadError(props: { releaseId: string; error: Error }) {
  const { releaseId, error } = props;
  const rootLink = useRootLink();
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <EmptyState
        missing="data"
        title="Release not found"
        description={`There is no release with id ${releaseId}.`}
        action={rootLink ? <Link to={rootLink}>All releases</Link> : undefined}
      />
    );
  }
  return <ResponseErrorPanel error={error} />;
}

/** Props of {@link ReleasePage}. @public */
export interface ReleasePageProps {
  releaseId: string;
}

/**
 * One release: its fields, Markdown description, change inventory, history
 * and buttons moving it through its lifecycle.
 *
 * @public
 */
export function ReleasePage(props: ReleasePageProps) {
  const { releaseId } = props;
  const { value, loading, error, retry } = useLiveRelease(releaseId);
  // Asked while the release loads, so the buttons are ready when it shows.
  const disabledReason = useOwnsRelease(value?.release, 'move it').reason;
  const editDisabledReason = useOwnsRelease(value?.release, 'edit it').reason;
  const [verdict, setVerdict] = useState<'ready' | 'not-ready'>();

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ReleaseLoadError releaseId={releaseId} error={error} />;
  }
  if (!value) {
    return null;
  }
  const { release, events } = value;

  return (
    // long unbroken words in titles and messages wrap instead of overflowing
    <Grid container spacing={3} style={{ overflowWrap: 'anywhere' }}>
      <Grid item xs={12}>
        <ReleaseHeader release={release} verdict={verdict} />
        <Box marginTop={1}>
          <SectionNav />
        </Box>
      </Grid>
      {Boolean(release.conflicts?.length || release.freezeOverride) && (
        <Grid item xs={12}>
          <ReleaseConflicts release={release} onChanged={retry} />
        </Grid>
      )}
      <ReleaseActions
        release={release}
        loading={loading}
        verdict={verdict}
        disabledReason={disabledReason}
        editDisabledReason={editDisabledReason}
        onChanged={retry}
        refreshKey={value.load}
      />
      <Grid item xs={12} id={section('release-readiness')}>
        <ReleaseReadiness
          release={release}
          onChanged={retry}
          onVerdict={setVerdict}
          refreshKey={value.load}
        />
      </Grid>
      <Grid item xs={12} id={section('release-rollback')}>
        <ReleaseRollback
          release={release}
          onChanged={retry}
          refreshKey={value.load}
        />
      </Grid>
      <ReleaseVerificationSection release={release} onChanged={retry} />
      <Grid item xs={12} id={section('release-status')}>
        <StatusReport release={release} events={events} />
      </Grid>
      <ReleaseIssuesSection release={release} onChanged={retry} />
      <Grid item xs={12} id={section('release-review')}>
        <ReleaseReviewSection release={release} refreshKey={value.load} />
        <ReleaseNotesSection release={release} />
      </Grid>
      <Grid item xs={12} md={7} id={section('release-details')}>
        <ReleaseDetails release={release} />
      </Grid>
      <Grid item xs={12} md={5} id={section('release-history')}>
        <InfoCard title="History">
          <ReleaseHistory events={events} />
        </InfoCard>
        <Box marginTop={3}>
          <ReleaseHandover release={release} onChanged={retry} />
        </Box>
      </Grid>
      <Grid item xs={12} id={section('release-impact')}>
        <ReleaseImpact
          releaseId={release.id}
          ownerRef={release.ownerRef}
          onChanged={retry}
        />
      </Grid>
    </Grid>
  );
}
