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
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { useReleaseLink } from '../shared/useReleaseLink';
import { CursorPageList, useCursorListing } from '../shared/CursorPager';
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

/**
 * The portal's open issues, newest first, filtered by severity, status,
 * entity and owner, a page at a time (the issues of releases the user can read).
 */
export function OpenIssuesTab() {
  const api = useApi(releaseCoordinationApiRef);
  const releaseLink = useReleaseLink();
  const [filters, setFilters] = useState<Filters>({
    severity: '',
    status: 'unresolved',
    entityRef: '',
    ownerRef: '',
  });
  const issues = useCursorListing(
    cursor =>
      api.listIssues({
        severity: filters.severity ? [filters.severity] : undefined,
        status:
          filters.status === 'unresolved'
            ? [...UNRESOLVED_ISSUE_STATUSES]
            : [filters.status],
        entityRef: filters.entityRef.trim() || undefined,
        ownerRef: filters.ownerRef.trim() || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, filters],
  );
  const filter = (key: keyof Filters, label: string, values?: string[]) => (
    <FilterField
      id={`open-issues-${key}`}
      label={label}
      value={filters[key]}
      onChange={value => {
        issues.reset();
        setFilters({ ...filters, [key]: value });
      }}
      options={values?.map(value => [value, value || 'any'] as const)}
    />
  );
  return (
    <Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} marginBottom={2}>
        {filter('severity', 'Severity', ['', ...ISSUE_SEVERITIES])}
        {filter('status', 'Status', ['unresolved', ...ISSUE_STATUSES])}
        {filter('entityRef', 'Entity')}
        {filter('ownerRef', 'Owner')}
      </Box>
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
