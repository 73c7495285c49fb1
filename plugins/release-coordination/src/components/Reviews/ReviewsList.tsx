import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  ListReviewsRequest,
  ReleaseReviewSummary,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { FormEvent, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { formatTimestamp } from '../shared/format';
import {
  CursorPageList,
  useFilteredCursorListing,
} from '../shared/CursorPager';
import { FilterField } from '../shared/FilterField';
import { useReleaseLink } from '../shared/useReleaseLink';
import { requirementText, statusText } from './reviewDisplay';
import { Cluster } from '../shared/Cluster';

const PAGE_SIZE = 20;

const NO_FILTERS: ListReviewsRequest = {};

/** Which reviews a scope ref asks for, by its kind: a System's, a Domain's, a Group's or an entity's. */
export function reviewScope(ref: string): ListReviewsRequest {
  const trimmed = ref.trim();
  if (!trimmed) return {};
  const kind = trimmed.split(':')[0].toLocaleLowerCase('en-US');
  if (kind === 'system') return { system: trimmed };
  if (kind === 'domain') return { domain: trimmed };
  if (kind === 'group') return { group: trimmed };
  return { entityRef: trimmed };
}

function ReviewRow(props: { review: ReleaseReviewSummary }) {
  const { review } = props;
  const releaseLink = useReleaseLink();
  const title = `${review.releaseTitle} ${review.releaseVersion}`;
  return (
    <ListItem disableGutters divider>
      <ListItemText
        primary={
          releaseLink ? (
            <Link to={releaseLink(review.releaseId)}>{title}</Link>
          ) : (
            title
          )
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            <div>
              {requirementText(review)} · {statusText(review)}
            </div>
            <div>
              {entityName(review.ownerRef)} · finished{' '}
              {formatTimestamp(review.finishedAt)} · {review.openActionItems}{' '}
              open action item(s)
            </div>
          </>
        }
      />
    </ListItem>
  );
}

/**
 * Post-release reviews newest first, searchable by words, filtered by
 * status and requirement, a page at a time; `scope` fixes whose reviews
 * (an entity's, a System's, a Domain's, a Group's), otherwise a field asks.
 */
export function ReviewsList(props: { scope?: ListReviewsRequest }) {
  const api = useApi(releaseCoordinationApiRef);
  const [words, setWords] = useState('');
  const [scopeRef, setScopeRef] = useState('');
  const {
    listing: reviews,
    filters,
    setFilters: apply,
  } = useFilteredCursorListing(
    NO_FILTERS,
    (shown, cursor) =>
      api.listReviews({
        ...(props.scope ?? {}),
        ...shown,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, props.scope],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({
      ...filters,
      entityRef: undefined,
      system: undefined,
      domain: undefined,
      group: undefined,
      ...(props.scope ? {} : reviewScope(scopeRef)),
      q: words.trim() || undefined,
    });
  };
  const select = (
    key: 'status' | 'required',
    label: string,
    options: [string, string][],
  ) => (
    <FilterField
      id={`reviews-${key}`}
      label={label}
      value={filters[key] ?? ''}
      onChange={value => apply({ ...filters, [key]: value || undefined })}
      options={options}
    />
  );
  return (
    <Box>
      <Cluster
        component="form"
        role="search"
        onSubmit={search}
        alignItems="flex-end"
        gap={16}
        marginBottom={2}
      >
        <FilterField
          id="reviews-q"
          label="Search reviews"
          value={words}
          onChange={setWords}
        />
        {!props.scope && (
          <FilterField
            id="reviews-scope"
            label="Entity, System, Domain or Group"
            placeholder="system:default/payments"
            value={scopeRef}
            onChange={setScopeRef}
          />
        )}
        <Button type="submit" variant="outlined">
          Search
        </Button>
        {select('status', 'Status', [
          ['', 'any'],
          ['open', 'open'],
          ['completed', 'completed'],
        ])}
        {select('required', 'Required', [
          ['', 'any'],
          ['true', 'required'],
          ['false', 'optional'],
        ])}
      </Cluster>
      <CursorPageList
        listing={reviews}
        label="Reviews"
        emptyTitle="No reviews match"
        renderItem={review => (
          <ReviewRow key={review.releaseId} review={review} />
        )}
      />
    </Box>
  );
}
