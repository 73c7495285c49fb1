import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import {
  ImpactDependent,
  ImpactReport,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { PLAIN_TABLE_OPTIONS } from '../shared/FormDialog';

const useStyles = makeStyles(theme => ({
  refs: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

const VIA_LABELS: Record<ImpactDependent['via'], string> = {
  dependsOn: 'depends on',
  consumesApi: 'consumes API',
  partOf: 'part of',
};

/** A chain of entity refs in words, by name: `a → b → c`. */
export function formatPath(path: string[]): string {
  return path.map(entityName).join(' → ');
}

function Refs(props: { refs: string[] }) {
  const classes = useStyles();
  return (
    <span className={classes.refs}>
      {props.refs.map(ref => (
        <EntityRefLink key={ref} entityRef={ref} />
      ))}
    </span>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function None(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

/** A titled list, or a line saying it is empty. */
function ListSection<T>(props: {
  title: string;
  items: T[];
  /** Shown instead of an empty list. */
  emptyText?: string;
  keyOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
}) {
  const classes = useStyles();
  return (
    <Section title={props.title}>
      {props.items.length === 0 ? (
        <None>{props.emptyText}</None>
      ) : (
        <ul className={classes.list} aria-label={props.title}>
          {props.items.map(item => (
            <li key={props.keyOf(item)}>{props.renderItem(item)}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The columns of the dependents table (new objects each time: the table annotates them). */
function dependentColumns(): TableColumn<ImpactDependent>[] {
  return [
    {
      title: 'Entity',
      field: 'entityRef',
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    { title: 'Depth', field: 'depth' },
    {
      title: 'Path',
      field: 'path',
      render: row => formatPath(row.path),
    },
    { title: 'Via', field: 'via', render: row => VIA_LABELS[row.via] },
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? (
          <>
            <EntityRefLink entityRef={row.owner} defaultKind="group" />
            {row.ownerNotInCatalog && ' (not in the catalog)'}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: 'System',
      field: 'system',
      render: row =>
        row.system ? (
          <EntityRefLink entityRef={row.system} defaultKind="system" />
        ) : (
          '—'
        ),
    },
    {
      title: 'Impact',
      field: 'high',
      render: row =>
        row.high ? (
          <Chip size="small" label="high impact" color="secondary" />
        ) : (
          ''
        ),
    },
  ];
}

const PAGE_SIZE = 25;

/**
 * The impact report as tables: the dependents with depth, path, relation,
 * owner, system and the high-impact flag; the owners to inform with the
 * entities that made them affected; systems and domains with counts;
 * audiences; missing targets; and whether the traversal was cut.
 *
 * @public
 */
export function ImpactTable(props: { report: ImpactReport }) {
  const { report } = props;
  const paged = report.dependents.length > PAGE_SIZE;
  return (
    <div>
      {report.truncated && (
        <Box marginBottom={2}>
          <Alert severity="warning">
            Truncated at depth {report.maxDepth}: dependents further away are
            not listed.
          </Alert>
        </Box>
      )}
      <Section title="Changed">
        <Refs refs={report.changed.map(e => e.entityRef)} />
      </Section>
      <Box marginTop={2}>
        <Table<ImpactDependent>
          title={`Dependents (${report.dependents.length})`}
          columns={dependentColumns()}
          data={report.dependents}
          options={{
            ...PLAIN_TABLE_OPTIONS,
            paging: paged,
            pageSize: PAGE_SIZE,
            pageSizeOptions: [PAGE_SIZE, 100],
          }}
          emptyContent={
            <Box padding={2}>
              <None>Nothing depends on the changed entities.</None>
            </Box>
          }
        />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <ListSection
            title="Owners to inform"
            items={report.owners}
            emptyText="No other owners are affected."
            keyOf={owner => owner.groupRef}
            renderItem={owner => (
              <>
                <EntityRefLink entityRef={owner.groupRef} defaultKind="group" />
                {': '}
                <Refs refs={owner.entityRefs} />
              </>
            )}
          />
          <ListSection
            title="API consumers"
            items={report.apiConsumers}
            emptyText="No consumers of changed APIs."
            keyOf={c => `${c.apiRef}|${c.consumerRef}`}
            renderItem={c => (
              <>
                <EntityRefLink entityRef={c.consumerRef} /> consumes{' '}
                <EntityRefLink entityRef={c.apiRef} />
                {c.breaking && ' (breaking change)'}
              </>
            )}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <ListSection
            title="Systems and domains"
            items={[...report.systems, ...report.domains]}
            emptyText="No systems or domains affected."
            keyOf={s => s.ref}
            renderItem={s => (
              <>
                <EntityRefLink entityRef={s.ref} /> ({s.count}{' '}
                {s.count === 1 ? 'entity' : 'entities'})
              </>
            )}
          />
          <ListSection
            title="Audiences"
            items={report.audiences}
            emptyText="No audiences declared."
            keyOf={a => a.audience}
            renderItem={a => (
              <>
                <strong>{a.audience}</strong>: <Refs refs={a.entityRefs} />
              </>
            )}
          />
          {report.missing.length > 0 && (
            <ListSection
              title="Missing targets"
              items={report.missing}
              keyOf={ref => ref}
              renderItem={ref => ref}
            />
          )}
        </Grid>
      </Grid>
    </div>
  );
}
