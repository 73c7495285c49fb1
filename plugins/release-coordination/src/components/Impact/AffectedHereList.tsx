import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AffectedHere,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';

/** How many entities show before "Show all". */
const FIRST = 5;

const useStyles = makeStyles(theme => ({
  list: { margin: 0, padding: 0, listStyle: 'none', wordBreak: 'normal' },
  item: { marginBottom: theme.spacing(0.5) },
}));

/**
 * The entities of this System (or Domain, or entity) that a release reaches,
 * each with the dependency it is reached through, e.g. "checkout-service →
 * checkout-api → storefront-bff": the path of the release's impact.
 */
export function AffectedHereList(props: { items: AffectedHere[] }) {
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? props.items : props.items.slice(0, FIRST);
  return (
    <>
      <ul className={classes.list}>
        {shown.map(({ entityRef, path }) => (
          <li key={entityRef} className={classes.item}>
            <EntityRefLink entityRef={entityRef} />
            <Typography variant="body2" color="textSecondary" component="div">
              {path.length > 1
                ? `through ${path.slice(0, -1).map(entityName).join(' → ')}`
                : 'changed by the release'}
            </Typography>
          </li>
        ))}
      </ul>
      {props.items.length > FIRST && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${props.items.length}`}
        </Button>
      )}
    </>
  );
}
