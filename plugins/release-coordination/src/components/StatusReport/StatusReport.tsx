import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import RadioButtonCheckedIcon from '@material-ui/icons/RadioButtonChecked';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import {
  Release,
  ReleaseEvent,
} from '@internal/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ReadinessVerdictChip } from '../Readiness/readinessDisplay';
import {
  errorMessage,
  formatTimestamp,
  formatWindow,
  readableText,
  stateLabel,
} from '../shared/format';
import {
  approvalsLine,
  conflictsSummary,
  milestones,
  riskSummary,
  StatusReportData,
  statusReportText,
} from './statusReportModel';
import { fieldListStyles } from '../shared/fieldListStyles';

const useStyles = makeStyles(theme => ({
  fields: fieldListStyles(theme),
  stepper: { padding: theme.spacing(2, 0), overflowX: 'auto' },
}));

/** Props of {@link StatusReport}. */
export interface StatusReportProps {
  release: Release;
  /** The release's history, oldest first (`listReleaseEvents`). */
  events: ReleaseEvent[];
}

/** The value of a call; undefined when it fails (404: the backend lacks it). */
async function optional<T>(
  call: Promise<T>,
  failures: string[],
  what: string,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof ResponseError && error.statusCode === 404)) {
      failures.push(`${what}: ${errorMessage(error)}`);
    }
    return undefined;
  }
}

/** A step's icon without its number: done, current or still to come. */
function MilestoneIcon(props: { active?: boolean; completed?: boolean }) {
  if (props.completed) return <CheckCircleIcon color="primary" />;
  if (props.active) return <RadioButtonCheckedIcon color="primary" />;
  return <RadioButtonUncheckedIcon color="disabled" />;
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/**
 * The readiness, approvals and risk of a release, each undefined when its
 * backend lacks it or it failed to load; `failures` names those that failed.
 * Reloaded when the release changes.
 */
function useStatusReportData(release: Release) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsync(async () => {
    const failures: string[] = [];
    const [readiness, approvals, impact] = await Promise.all([
      optional(api.getReleaseReadiness(release.id), failures, 'Readiness'),
      optional(api.getReleaseApprovals(release.id), failures, 'Approvals'),
      optional(api.getReleaseImpact(release.id), failures, 'Risk'),
    ]);
    return { readiness, approvals, risk: impact?.risk, failures };
  }, [api, release.id, release.revision, release.state]);
}

/** Copies a text to the clipboard and says whether that worked. */
function CopyAsTextButton(props: { text: () => string }) {
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text());
      setCopied('Copied to the clipboard.');
    } catch (e) {
      setCopied(`Could not copy: ${errorMessage(e)}`);
    }
  };
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }} margin={1}>
      {copied && (
        <Typography variant="caption" role="status">
          {copied}
        </Typography>
      )}
      <Button
        variant="outlined"
        size="small"
        startIcon={<FileCopyIcon />}
        onClick={copy}
      >
        Copy as text
      </Button>
    </Box>
  );
}

/** The lifecycle states a release passes through, with when it reached them. */
function MilestoneStepper(props: { release: Release; events: ReleaseEvent[] }) {
  const { release, events } = props;
  const classes = useStyles();
  const steps = milestones(release, events);
  const active = steps.filter(step => step.reached).length - 1;
  return (
    <Stepper
      activeStep={active}
      alternativeLabel
      className={classes.stepper}
      aria-label="Milestones"
      data-testid="status-report-milestones"
    >
      {steps.map(step => (
        <Step
          key={step.state}
          completed={step.reached && step.state !== release.state}
        >
          <StepLabel
            StepIconComponent={MilestoneIcon}
            optional={
              <Typography variant="caption" color="textSecondary">
                {step.reachedAt ? formatTimestamp(step.reachedAt) : '–'}
              </Typography>
            }
          >
            {stateLabel(step.state)}
          </StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}

/**
 * A stakeholder summary of a release: progress through its milestones, the
 * readiness verdict, approvals, risk, open conflicts and the window, with
 * **Copy as text** putting a Markdown version on the clipboard.
 */
export function StatusReport(props: StatusReportProps) {
  const { release, events } = props;
  const classes = useStyles();
  const { value, loading } = useStatusReportData(release);

  if (!value && loading) {
    return (
      <InfoCard title="Status report">
        <Progress />
      </InfoCard>
    );
  }
  const data: StatusReportData = {
    release,
    events,
    readiness: value?.readiness,
    approvals: value?.approvals,
    risk: value?.risk,
  };
  const { readiness, approvals } = data;

  return (
    <InfoCard
      title="Status report"
      action={<CopyAsTextButton text={() => statusReportText(data)} />}
    >
      <MilestoneStepper release={release} events={events} />
      <dl className={classes.fields}>
        <Field label="Window">{formatWindow(release.window)}</Field>
        <Field label="Go / no-go">
          {readiness ? (
            <>
              <ReadinessVerdictChip
                verdict={readiness.verdict}
                testId="status-report-verdict"
              />
              {readiness.blocking.length > 0 && (
                <ul aria-label="Status blocking reasons" style={{ margin: 0 }}>
                  {readiness.blocking.map((reason, index) => (
                    <li key={index}>
                      <Typography variant="body2">
                        {readableText(reason)}
                      </Typography>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            'Not available'
          )}
        </Field>
        <Field label="Approvals">
          {approvals ? (
            <span data-testid="status-report-approvals">
              {approvalsLine(approvals)}
            </span>
          ) : (
            'Not available'
          )}
        </Field>
        <Field label="Risk">
          <span data-testid="status-report-risk">{riskSummary(data.risk)}</span>
        </Field>
        <Field label="Open issues">
          <span data-testid="status-report-conflicts">
            {conflictsSummary(release.conflicts)}
          </span>
        </Field>
      </dl>
      {value && value.failures.length > 0 && (
        <Typography variant="caption" color="error" component="p">
          {value.failures.join(' · ')}
        </Typography>
      )}
    </InfoCard>
  );
}
