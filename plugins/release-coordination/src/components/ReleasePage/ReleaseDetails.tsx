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
import { formatTimestamp } from '../shared/format';
import { UserLink, UserMarkdown } from '../shared/UserContent';
import { fieldListStyles } from '../shared/fieldListStyles';
import { Stack } from '../shared/Stack';

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

/** A card of Markdown the user wrote, or `emptyText` when there is none. */
export function MarkdownCard(props: {
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

/**
 * A release's fields but the window and owner (which its overview shows),
 * its rollback plan and change inventory.
 */
export function ReleaseDetails(props: { release: Release }) {
  const { release } = props;
  return (
    <Stack>
      <FieldsCard release={release} />
      <MarkdownCard
        title="Rollback plan"
        content={release.rollbackPlan}
        emptyText="No rollback plan yet."
      />
      <ChangesCard changes={release.changes} />
    </Stack>
  );
}
