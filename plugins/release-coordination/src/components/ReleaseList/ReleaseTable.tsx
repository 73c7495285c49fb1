import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import { ConflictFlag } from '../shared/ConflictFlag';
import { formatWindow } from '../shared/format';
import { PLAIN_TABLE_OPTIONS } from '../shared/FormDialog';
import { ReleaseStateChip, ReleaseTypeChip } from '../shared/ReleaseChips';
import { useReleaseLink } from '../shared/useReleaseLink';

/** Props of {@link ReleaseTable}. */
export interface ReleaseTableProps {
  title: string;
  items: Release[];
  emptyMessage: string;
  /** Offers a "Load more" button when set. */
  onLoadMore?: () => void;
  loadingMore?: boolean;
}

/** A table of releases with a "Load more" button for further pages. */
export function ReleaseTable(props: ReleaseTableProps) {
  const { title, items, emptyMessage, onLoadMore, loadingMore } = props;
  const releaseLink = useReleaseLink();

  const columns: TableColumn<Release>[] = [
    {
      title: 'Title',
      field: 'title',
      highlight: true,
      render: release => (
        <>
          {releaseLink ? (
            <Link to={releaseLink(release.id)}>{release.title}</Link>
          ) : (
            release.title
          )}
          {release.conflicts?.length ? (
            <>
              {' '}
              <ConflictFlag conflicts={release.conflicts} />
            </>
          ) : null}
        </>
      ),
    },
    { title: 'Version', field: 'version' },
    {
      title: 'State',
      field: 'state',
      render: release => <ReleaseStateChip state={release.state} />,
    },
    {
      title: 'Type',
      field: 'type',
      render: release => <ReleaseTypeChip type={release.type} />,
    },
    {
      title: 'Window',
      field: 'window.start',
      render: release => formatWindow(release.window),
    },
    {
      title: 'Owner',
      field: 'ownerRef',
      render: release => (
        <EntityRefLink entityRef={release.ownerRef} defaultKind="group" />
      ),
    },
  ];

  return (
    <>
      <Table<Release>
        title={title}
        columns={columns}
        data={items}
        options={PLAIN_TABLE_OPTIONS}
        emptyContent={
          <Box padding={2}>
            <Typography variant="body2" color="textSecondary">
              {emptyMessage}
            </Typography>
          </Box>
        }
      />
      {onLoadMore && (
        <Box display="flex" justifyContent="center" marginTop={1}>
          <Button onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
}
