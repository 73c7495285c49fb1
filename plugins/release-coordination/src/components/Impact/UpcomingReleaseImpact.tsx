import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  ListUpcomingImpactRequest,
  releaseCoordinationApiRef,
} from '../../api/ReleaseCoordinationApi';
import {
  RISK_LEVELS,
  RiskLevel,
  UpcomingImpactItem,
} from '@internal/plugin-release-coordination-common';
import { formatWindow } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import { ReleaseStateChip } from '../shared/ReleaseChips';
import { NotesFeedButton } from '../ReleaseNotes/NotesFeedButton';
import { AffectedHereList } from './AffectedHereList';
import { changeSummary } from './changeSummary';
import { RiskChip } from './RiskMatrix';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 200 },
  // names wrap between words, never inside one (Backstage's table cells
  // break words to fit, which squeezed "Storefront Team" into "Storefro nt")
  refs: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    wordBreak: 'normal',
  },
  group: { marginBottom: theme.spacing(3) },
}));

/** The day of a release window's start, e.g. `Monday, March 4, 2030`. */
function windowDay(iso: string): { key: string; label: string } {
  const dt = DateTime.fromISO(iso);
  if (!dt.isValid) return { key: iso, label: iso };
  return {
    key: dt.toISODate()!,
    label: dt.toLocaleString(DateTime.DATE_HUGE),
  };
}

/** Items grouped by the day their window starts, earliest first. */
export function groupByWindowDay(items: UpcomingImpactItem[]) {
  const sorted = [...items].sort(
    (a, b) =>
      Date.parse(a.release.window.start) - Date.parse(b.release.window.start),
  );
  const groups: Array<{
    key: string;
    label: string;
    items: UpcomingImpactItem[];
  }> = [];
  for (const item of sorted) {
    const day = windowDay(item.release.window.start);
    const last = groups[groups.length - 1];
    if (last?.key === day.key) last.items.push(item);
    else groups.push({ ...day, items: [item] });
  }
  return groups;
}

function Refs(props: { refs: string[]; defaultKind?: string }) {
  const classes = useStyles();
  return (
    <span className={classes.refs}>
      {props.refs.map(ref => (
        <EntityRefLink
          key={ref}
          entityRef={ref}
          defaultKind={props.defaultKind}
        />
      ))}
    </span>
  );
}

/** The upcoming releases whose window starts on one day, as a table. */
function ImpactDayGroup(props: { label: string; items: UpcomingImpactItem[] }) {
  const classes = useStyles();
  const releaseLink = useReleaseLink();
  return (
    <section
      className={classes.group}
      aria-label={props.label}
      data-testid="release-impact-group"
    >
      <Typography variant="h6" component="h3" gutterBottom>
        {props.label}
      </Typography>
      <Paper variant="outlined">
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Release</TableCell>
              <TableCell>What changes</TableCell>
              <TableCell>Window</TableCell>
              <TableCell>Risk</TableCell>
              <TableCell>Affected here</TableCell>
              <TableCell>Owners</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.items.map(item => (
              <TableRow key={item.release.id}>
                <TableCell>
                  {releaseLink ? (
                    <Link to={releaseLink(item.release.id)}>
                      {item.release.title}
                    </Link>
                  ) : (
                    item.release.title
                  )}{' '}
                  {item.release.version}
                  <Box marginTop={0.5}>
                    <ReleaseStateChip state={item.release.state} />
                  </Box>
                </TableCell>
                <TableCell>{changeSummary(item.release)}</TableCell>
                <TableCell>{formatWindow(item.release.window)}</TableCell>
                <TableCell>
                  <RiskChip
                    level={item.risk.level}
                    overridden={item.risk.level !== item.risk.computedLevel}
                  />
                </TableCell>
                <TableCell>
                  <Box marginBottom={0.5}>
                    {item.touchedVia === 'direct'
                      ? 'changed directly'
                      : 'through a dependency'}
                  </Box>
                  {item.affectedHere?.length ? (
                    <AffectedHereList items={item.affectedHere} />
                  ) : (
                    <Refs refs={item.touchedEntities} />
                  )}
                </TableCell>
                <TableCell>
                  <Refs refs={item.owners} defaultKind="group" />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </section>
  );
}

/** Props of {@link UpcomingReleaseImpact}. @public */
export interface UpcomingReleaseImpactProps {
  /** The system, domain or entity; every upcoming release when empty. */
  scope?: Omit<ListUpcomingImpactRequest, 'from' | 'to'>;
  /** The current time; the clock by default. */
  now?: Date | string | number;
}

/**
 * Every upcoming release touching a system, domain or entity (or all of
 * them), grouped by the day of its window, with the risk, how it touches the
 * scope and the owners; filterable by risk level and owner.
 *
 * @public
 */
export function UpcomingReleaseImpact(props: UpcomingReleaseImpactProps) {
  const { scope } = props;
  const classes = useStyles();
  const api = useApi(releaseCoordinationApiRef);
  const [level, setLevel] = useState<RiskLevel | ''>('');
  const [owner, setOwner] = useState('');
  const from = new Date(props.now ?? Date.now()).toISOString();
  const scopeKey = JSON.stringify(scope ?? {});
  const { value, loading, error } = useAsync(
    () => api.listUpcomingImpact({ ...scope, from }),
    // `from` changes every render unless given; load once per scope.
    [api, scopeKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const owners = useMemo(
    () => [...new Set((value ?? []).flatMap(i => i.owners))].sort(),
    [value],
  );
  const groups = useMemo(
    () =>
      groupByWindowDay(
        (value ?? []).filter(
          i =>
            (!level || i.risk.level === level) &&
            (!owner || i.owners.includes(owner)),
        ),
      ),
    [value, level, owner],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No upcoming releases"
        description="No upcoming release touches this, directly or through a dependency."
      />
    );
  }
  return (
    <div>
      <div className={classes.filters}>
        <TextField
          id="release-impact-risk"
          select
          label="Risk"
          className={classes.filter}
          value={level}
          onChange={e => setLevel(e.target.value as RiskLevel | '')}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">All levels</MenuItem>
          {RISK_LEVELS.map(l => (
            <MenuItem key={l} value={l}>
              {l}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="release-impact-owner"
          select
          label="Owner"
          className={classes.filter}
          value={owner}
          onChange={e => setOwner(e.target.value as string)}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">All owners</MenuItem>
          {owners.map(o => (
            <MenuItem key={o} value={o}>
              {o}
            </MenuItem>
          ))}
        </TextField>
      </div>
      {groups.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No upcoming releases match the filters.
        </Typography>
      )}
      {groups.map(group => (
        <ImpactDayGroup
          key={group.key}
          label={group.label}
          items={group.items}
        />
      ))}
    </div>
  );
}

/** Props of {@link EntityReleaseImpactContent}. @public */
export interface EntityReleaseImpactContentProps {
  now?: Date | string | number;
}

/**
 * The Release impact tab of a System or Domain: every upcoming release
 * touching it or anything it depends on, grouped by release window; on a
 * System also its release notes feed for readers outside the portal.
 *
 * @public
 */
export function EntityReleaseImpactContent(
  props: EntityReleaseImpactContentProps = {},
) {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const scope = useMemo((): ListUpcomingImpactRequest => {
    if (kind === 'system') return { system: ref };
    if (kind === 'domain') return { domain: ref };
    return { entityRef: ref };
  }, [kind, ref]);
  return (
    <>
      {kind === 'system' && (
        <Box display="flex" justifyContent="flex-end" marginBottom={1}>
          <NotesFeedButton system={ref} />
        </Box>
      )}
      <UpcomingReleaseImpact scope={scope} now={props.now} />
    </>
  );
}
