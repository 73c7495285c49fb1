import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Release } from '@internal/plugin-release-coordination-common';
import { ReactNode } from 'react';
import { formatTimestamp, formatWindow } from '../shared/format';
import { UserLink, UserMarkdown } from '../shared/UserContent';
import { fieldListStyles } from '../shared/fieldListStyles';

const useStyles = makeStyles(theme => ({
  fields: fieldListStyles(theme),
  chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

function Field(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function NoneYet(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

function FieldsCard(props: { release: Release }) {
  const { release } = props;
  const classes = useStyles();
  return (
    <InfoCard title="Details">
      <dl className={classes.fields}>
        <Field label="Window">{formatWindow(release.window)}</Field>
        <Field label="Owner">
          <EntityRefLink entityRef={release.ownerRef} defaultKind="group" />
        </Field>
        <Field label="Entities">
          <span className={classes.chips}>
            {release.entityRefs.map(ref => (
              <EntityRefLink key={ref} entityRef={ref} />
            ))}
          </span>
        </Field>
        <Field label="Created by">
          <EntityRefLink entityRef={release.createdBy} defaultKind="user" /> on{' '}
          {formatTimestamp(release.createdAt)}
        </Field>
        <Field label="Updated">{formatTimestamp(release.updatedAt)}</Field>
        <Field label="Revision">{release.revision}</Field>
      </dl>
    </InfoCard>
  );
}

function MarkdownCard(props: {
  title: string;
  content?: string;
  emptyText: string;
}) {
  return (
    <InfoCard title={props.title}>
      {props.content ? (
        <UserMarkdown content={props.content} />
      ) : (
        <NoneYet>{props.emptyText}</NoneYet>
      )}
    </InfoCard>
  );
}

function ChangesCard(props: { changes: Release['changes'] }) {
  return (
    <InfoCard title="Changes">
      {props.changes.length === 0 ? (
        <NoneYet>No changes listed.</NoneYet>
      ) : (
        <List dense disablePadding>
          {props.changes.map((change, index) => (
            <ListItem key={index} disableGutters>
              <Box marginRight={1}>
                <Chip size="small" label={change.kind} />
              </Box>
              <ListItemText
                primary={
                  change.link ? (
                    <UserLink href={change.link}>{change.title}</UserLink>
                  ) : (
                    change.title
                  )
                }
                secondary={
                  change.entityRef && (
                    <EntityRefLink entityRef={change.entityRef} />
                  )
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

/** A release's fields, description, rollback plan and change inventory. */
export function ReleaseDetails(props: { release: Release }) {
  const { release } = props;
  return (
    <>
      <FieldsCard release={release} />
      {(
        [
          ['Description', release.description, 'No description.'],
          ['Rollback plan', release.rollbackPlan, 'No rollback plan yet.'],
        ] as const
      ).map(([title, content, emptyText]) => (
        <Box key={title} marginTop={3}>
          <MarkdownCard title={title} content={content} emptyText={emptyText} />
        </Box>
      ))}
      <Box marginTop={3}>
        <ChangesCard changes={release.changes} />
      </Box>
    </>
  );
}
