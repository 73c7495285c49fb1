import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  formatMinutes,
  ReviewFacts,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { ReactNode } from 'react';
import { formatTimestamp, formatWindow, stateLabel } from '../shared/format';

function FactList(props: { title: string; items: ReactNode[]; none: string }) {
  return (
    <Box marginBottom={2}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.none}
        </Typography>
      ) : (
        <ul aria-label={props.title} style={{ margin: 0, paddingLeft: 20 }}>
          {props.items.map((item, index) => (
            <li key={index}>
              <Typography variant="body2" component="span">
                {item}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

const slip = (minutes: number | undefined, what: string) =>
  minutes === undefined
    ? []
    : [
        `${what} ${formatMinutes(Math.abs(minutes))} ${
          minutes < 0 ? 'early' : 'late'
        }`,
      ];

/**
 * The facts a review starts from: the planned against the actual timeline,
 * approval lead time, issues with how long they were open, the rollback
 * steps and the success criteria's results.
 */
export function ReviewFactsView(props: { facts: ReviewFacts }) {
  const { timeline, approvals, issues, rollback, criteria } = props.facts;
  return (
    <>
      <FactList
        title="Timeline"
        none=""
        items={[
          `Planned window: ${formatWindow(timeline.window)}`,
          ...slip(timeline.startSlipMinutes, 'Started'),
          ...slip(timeline.endSlipMinutes, 'Went live'),
          ...timeline.windowMoves.map(
            move =>
              `Window moved on ${formatTimestamp(move.at)} by ${entityName(
                move.by,
              )}: ${formatWindow(move.from)} → ${formatWindow(move.to)}`,
          ),
          ...timeline.states.map(
            s =>
              `${stateLabel(s.state)}: ${formatTimestamp(s.at)} by ${entityName(
                s.by,
              )}`,
          ),
        ]}
      />
      <FactList
        title="Approvals"
        none="No approval decisions."
        items={[
          ...(approvals.leadTimeMinutes === undefined
            ? []
            : [
                `Lead time from planned to approved: ${formatMinutes(
                  approvals.leadTimeMinutes,
                )}`,
              ]),
          ...approvals.decisions.map(
            d =>
              `${entityName(d.groupRef)}: ${d.decision} by ${entityName(d.by)}`,
          ),
        ]}
      />
      <FactList
        title="Issues"
        none="No issues recorded."
        items={issues.map(
          i =>
            `${i.severity} ${i.title} (${i.status}), open ${formatMinutes(
              i.openMinutes,
            )}`,
        )}
      />
      {rollback && (
        <FactList
          title="Rollback steps"
          none="The rollback had no steps."
          items={rollback.steps.map(
            (s, index) =>
              `${index + 1}. ${s.title}: ${s.status} (${entityName(
                s.ownerRef,
              )})`,
          )}
        />
      )}
      <FactList
        title="Success criteria"
        none="No success criteria."
        items={criteria.map(
          c =>
            `${c.text}: ${c.result?.replace('_', ' ') ?? 'no result'}${
              c.observedValue ? ` (${c.observedValue})` : ''
            }`,
        )}
      />
    </>
  );
}
