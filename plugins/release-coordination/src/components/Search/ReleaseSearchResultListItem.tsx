import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ReleaseState,
  ReleaseType,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { BaseSearchResultListItemProps } from '@backstage/plugin-search-react/alpha';
import { formatWindow } from '../shared/format';
import { ReleaseStateChip, ReleaseTypeChip } from '../shared/ReleaseChips';
import { Cluster } from '../shared/Cluster';

/** The search documents of release plans (see the search collator module). */
export const RELEASE_SEARCH_TYPE = 'release-coordination';

/** The fields of a release document the result shows. */
interface ReleaseSearchFields {
  state?: ReleaseState;
  releaseType?: ReleaseType;
  windowStart?: string;
  windowEnd?: string;
  ownerRef?: string;
}

/**
 * A release plan among search results: its title linking to its page, the
 * matched words, its state and type, its window in the reader's time zone
 * and its owning group.
 */
export function ReleaseSearchResultListItem(
  props: BaseSearchResultListItemProps<{ highlight?: ResultHighlight }>,
) {
  const { result, highlight, icon } = props;
  if (!result) return null;
  const fields = result as typeof result & ReleaseSearchFields;
  const highlighted = (field: 'title' | 'text', plain: string) =>
    highlight?.fields[field] ? (
      <HighlightedSearchResultText
        text={highlight.fields[field]}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      plain
    );
  return (
    <Box display="flex" data-testid="release-search-result">
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <Box>
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {highlighted('title', result.title)}
            </Link>
          }
          secondary={
            <Typography component="span" variant="body2" color="textSecondary">
              {highlighted('text', result.text)}
            </Typography>
          }
        />
        <Cluster>
          {fields.state && <ReleaseStateChip state={fields.state} />}
          {fields.releaseType && <ReleaseTypeChip type={fields.releaseType} />}
          {fields.windowStart && fields.windowEnd && (
            <Typography variant="body2">
              {formatWindow({
                start: fields.windowStart,
                end: fields.windowEnd,
              })}
            </Typography>
          )}
          {fields.ownerRef && (
            <Typography variant="body2" color="textSecondary">
              owned by {entityName(fields.ownerRef)}
            </Typography>
          )}
        </Cluster>
      </Box>
    </Box>
  );
}
