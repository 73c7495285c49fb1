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
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { useRootLink } from '../shared/useReleaseLink';
import { ReleaseImpact } from '../Impact';
import { ReleaseReadiness } from '../Readiness';
import { StatusReport } from '../StatusReport';
import { ReleaseHandover } from '../Handover';
import { ReleaseVerification } from '../Verification';
import { ReleaseIssues } from '../ReleaseIssues';
import { ReleaseRollback } from '../Rollback';
import { ReleaseReviewSection } from '../Reviews';
import { ReleaseNotesSection } from '../ReleaseNotes';
import { ReleaseActions } from './ReleaseActions';
import { ReleaseDetails } from './ReleaseDetails';
import { RELEASE_TITLE_ID, ReleaseOverview } from './ReleaseOverview';
import { ReleaseHistory } from './ReleaseHistory';
import { useLiveRelease } from './useLiveRelease';
import { RELEASE_SECTIONS, ReleaseSectionId } from './SectionNav';

const useStyles = makeStyles({
  // read out, not shown: the cards of a section show their own titles
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    margin: -1,
    padding: 0,
    border: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * A section of the release page, linked from "On this page": a landmark
 * named by its heading, by default one read out but not shown (its cards
 * show their titles).
 */
function PageSection(props: {
  id: ReleaseSectionId;
  /** The id of a visible heading naming the section. */
  labelledBy?: string;
  /** Its columns of 12 on wide screens; all by default. */
  md?: 5 | 7;
  children: ReactNode;
}) {
  const { id, labelledBy } = props;
  const classes = useStyles();
  const headingId = `${id}-section-heading`;
  return (
    <Grid
      item
      xs={12}
      md={props.md}
      component="section"
      id={id}
      aria-labelledby={labelledBy ?? headingId}
    >
      {!labelledBy && (
        <Typography component="h2" id={headingId} className={classes.hidden}>
          {RELEASE_SECTIONS.find(section => section.id === id)?.label}
        </Typography>
      )}
      {props.children}
    </Grid>
  );
}

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
 * One release in sections, each linked from "On this page": its overview
 * (title, state, window, owner, the buttons moving it through its lifecycle
 * and its description), readiness, rollback, success criteria, status
 * report, issues, review and notes, details and changes, history and impact.
 *
 * @public
 */
export function ReleasePage(props: ReleasePageProps) {
  const { releaseId } = props;
  const { value, loading, error, retry } = useLiveRelease(releaseId);
  // Asked while the release loads, so the buttons are ready when it shows.
  const disabledReason = useOwnsRelease(
    value?.release,
    'edit or move it',
  ).reason;
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
  // what every section that changes the release is given
  const live = { release, onChanged: retry, refreshKey: value.load };

  return (
    // long unbroken words in titles and messages wrap instead of overflowing
    <Grid container spacing={3} style={{ overflowWrap: 'anywhere' }}>
      <PageSection id="release-overview" labelledBy={RELEASE_TITLE_ID}>
        <ReleaseOverview
          release={release}
          verdict={verdict}
          onChanged={retry}
          actions={
            <ReleaseActions
              {...live}
              loading={loading}
              verdict={verdict}
              disabledReason={disabledReason}
            />
          }
        />
      </PageSection>
      <PageSection id="release-readiness">
        <ReleaseReadiness {...live} onVerdict={setVerdict} />
      </PageSection>
      <PageSection id="release-rollback">
        <ReleaseRollback {...live} />
      </PageSection>
      <PageSection id="release-criteria">
        <ReleaseVerification release={release} onChanged={retry} />
      </PageSection>
      <PageSection id="release-status">
        <StatusReport release={release} events={events} />
      </PageSection>
      <PageSection id="release-issues">
        <ReleaseIssues release={release} onChanged={retry} />
      </PageSection>
      <PageSection id="release-review">
        <ReleaseReviewSection release={release} refreshKey={value.load} />
        <ReleaseNotesSection release={release} />
      </PageSection>
      <PageSection id="release-details" md={7}>
        <ReleaseDetails release={release} />
      </PageSection>
      <PageSection id="release-history" md={5}>
        <InfoCard title="History">
          <ReleaseHistory events={events} />
        </InfoCard>
        <Box marginTop={3}>
          <ReleaseHandover release={release} onChanged={retry} />
        </Box>
      </PageSection>
      {/* The impact is a section with its own visible heading. */}
      <Grid item xs={12} id={'release-impact' satisfies ReleaseSectionId}>
        <ReleaseImpact
          releaseId={release.id}
          ownerRef={release.ownerRef}
          onChanged={retry}
        />
      </Grid>
    </Grid>
  );
}
