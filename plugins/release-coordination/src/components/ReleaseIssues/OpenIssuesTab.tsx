import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import {
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  IssueSeverity,
  IssueStatus,
  UNRESOLVED_ISSUE_STATUSES,
} from '@internal/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { useReleaseLink } from '../shared/useReleaseLink';
import {
  CursorPageList,
  useFilteredCursorListing,
} from '../shared/CursorPager';
import { Cluster } from '../shared/Cluster';
import { FilterField } from '../shared/FilterField';
import { IssueRow } from './ReleaseIssues';

const PAGE_SIZE = 20;

interface Filters {
  severity: IssueSeverity | '';
  /** `unresolved` is every status but resolved. */
  status: IssueStatus | 'unresolved';
  entityRef: string;
  ownerRef: string;
}

const UNRESOLVED_OF_ANY_SEVERITY: Filters = {
  severity: '',
  status: 'unresolved',
  entityRef: '',
  ownerRef: '',
};

/**
 * The portal's open issues, newest first, filtered by severity, status,
 * entity and owner, a page at a time (the issues of releases the user can read).
 */
export function OpenIssuesTab() {
  const api = useApi(releaseCoordinationApiRef);
  const releaseLink = useReleaseLink();
  const {
    listing: issues,
    filters,
    setFilters,
  } = useFilteredCursorListing(
    UNRESOLVED_OF_ANY_SEVERITY,
    (shown, cursor) =>
      api.listIssues({
        severity: shown.severity ? [shown.severity] : undefined,
        status:
          shown.status === 'unresolved'
            ? [...UNRESOLVED_ISSUE_STATUSES]
            : [shown.status],
        entityRef: shown.entityRef.trim() || undefined,
        ownerRef: shown.ownerRef.trim() || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api],
  );
  const filter = (key: keyof Filters, label: string, values?: string[]) => (
    <FilterField
      id={`open-issues-${key}`}
      label={label}
      value={filters[key]}
      onChange={value => setFilters({ ...filters, [key]: value })}
      options={values?.map(value => [value, value || 'any'] as const)}
    />
  );
  return (
    <Box>
      <Cluster gap={16} marginBottom={2}>
        {filter('severity', 'Severity', ['', ...ISSUE_SEVERITIES])}
        {filter('status', 'Status', ['unresolved', ...ISSUE_STATUSES])}
        {filter('entityRef', 'Entity')}
        {filter('ownerRef', 'Owner')}
      </Cluster>
      <CursorPageList
        listing={issues}
        label="Open issues"
        emptyTitle="No issues match"
        renderItem={issue => (
          <IssueRow
            key={issue.id}
            issue={issue}
            footer={
              releaseLink && (
                <Box paddingTop={1}>
                  <Link to={releaseLink(issue.releaseId)}>
                    Open its release
                  </Link>
                </Box>
              )
            }
          />
        )}
      />
    </Box>
  );
}
