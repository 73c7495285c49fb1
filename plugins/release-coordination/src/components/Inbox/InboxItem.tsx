import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import {
  ApprovalDecisionValue,
  ApprovalInboxGroup,
  ApprovalInboxItem,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { Fragment } from 'react';
import { DecisionButtons } from '../Readiness/DecisionButtons';
import { decisionRefusal } from '../Readiness/decisionRefusal';
import { formatTimestamp, formatWindow } from '../shared/format';
import { Cluster } from '../shared/Cluster';
import { ReleaseTitle } from '../shared/ReleaseChips';

/** The signed-in user, as the identity API gives them. */
export interface InboxUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** Entities as linked, humanized names separated by commas. */
function EntityList(props: { entityRefs: string[] }) {
  return (
    <>
      {props.entityRefs.map((entityRef, i) => (
        <Fragment key={entityRef}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={entityRef} defaultKind="component" />
        </Fragment>
      ))}
    </>
  );
}

/** A dependency path as linked names: "checkout → payments-api → cart". */
function DependencyPath(props: { path: string[] }) {
  return (
    <>
      {props.path.map((entityRef, i) => (
        <Fragment key={`${i}-${entityRef}`}>
          {i > 0 && ' → '}
          <EntityRefLink entityRef={entityRef} defaultKind="component" />
        </Fragment>
      ))}
    </>
  );
}

/** Why one of the user's groups decides, with what of theirs is affected and how. */
function GroupReason(props: { group: ApprovalInboxGroup }) {
  const { group } = props;
  const team = <EntityRefLink entityRef={group.groupRef} defaultKind="group" />;
  const after = group.phase === 'after' ? ', afterwards' : '';
  if (group.reason === 'release-manager') {
    return (
      <>
        {team} approves as release manager{after}.
      </>
    );
  }
  if (group.reason === 'owner') {
    return (
      <>
        {team} owns <EntityList entityRefs={group.entityRefs} />, which this
        release changes{after}.
      </>
    );
  }
  return (
    <>
      {team} owns <EntityList entityRefs={group.entityRefs} />, which depend
      {group.entityRefs.length === 1 ? 's' : ''} on what this release changes
      {after}:
      <ul style={{ margin: 0 }}>
        {group.paths.map(path => (
          <li key={path.entityRef}>
            <DependencyPath path={path.path} />
            {path.via === 'consumesApi' && ' (through its API)'}
          </li>
        ))}
      </ul>
    </>
  );
}

/** When the decision is due, in local time and relative to now; red once past. */
function Deadline(props: { deadline?: string; now: Date }) {
  if (!props.deadline) return null;
  const due = DateTime.fromISO(props.deadline);
  const past = due.toMillis() < props.now.getTime();
  return (
    <Typography
      variant="body2"
      color={past ? 'error' : 'textPrimary'}
      component="span"
      data-testid="inbox-deadline"
    >
      {past ? 'Overdue since' : 'Decide by'} {formatTimestamp(props.deadline)} (
      {due.toRelative({ base: DateTime.fromJSDate(props.now) })})
    </Typography>
  );
}

/**
 * One release of the inbox: what it is, by when the user's groups must
 * decide and why each of them decides, with Approve and Reject (or why the
 * user cannot decide).
 */
export function InboxItem(props: {
  item: ApprovalInboxItem;
  user?: InboxUser;
  releaseLink?: (id: string) => string;
  busy: boolean;
  now: Date;
  onDecide: (releaseId: string, decision: ApprovalDecisionValue) => void;
}) {
  const { item, releaseLink } = props;
  const { release, approvals } = item;
  const title = `${release.title} ${release.version}`;
  return (
    <ListItem
      divider
      disableGutters
      data-testid={`inbox-item-${release.id}`}
      aria-label={title}
    >
      <Box width="100%">
        <Cluster>
          <ReleaseTitle release={release} to={releaseLink?.(release.id)} />
          <Typography variant="body2" color="textSecondary" component="span">
            {formatWindow(release.window)}
          </Typography>
        </Cluster>
        <Deadline deadline={item.deadline} now={props.now} />
        {item.groups.map(group => (
          <Typography key={group.groupRef} variant="body2" component="div">
            <GroupReason group={group} />
          </Typography>
        ))}
        <DecisionButtons
          mayDecide={approvals.mayDecide}
          refusal={decisionRefusal({ approvals, release, user: props.user })}
          busy={props.busy}
          onDecide={decision => props.onDecide(release.id, decision)}
        />
      </Box>
    </ListItem>
  );
}
