import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  LinkedRelease,
  ReleaseRollbackStatus,
} from '@internal/plugin-release-coordination-common';
import { stateLabel } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';

function LinkTo(props: { release: LinkedRelease }) {
  const { release } = props;
  const link = useReleaseLink();
  const text = `${release.title} ${release.version} (${stateLabel(
    release.state,
  )})`;
  return link ? <Link to={link(release.id)}>{text}</Link> : <>{text}</>;
}

/** The links between a rolled-back release and its follow-up hotfixes. */
export function HotfixLinks(props: { status: ReleaseRollbackStatus }) {
  const { hotfixOf, hotfixes } = props.status;
  return (
    <>
      {hotfixOf && (
        <Typography variant="body2" data-testid="hotfix-of">
          Follow-up hotfix of <LinkTo release={hotfixOf} />
        </Typography>
      )}
      {hotfixes.map(hotfix => (
        <Typography key={hotfix.id} variant="body2" data-testid="hotfix">
          Follow-up hotfix: <LinkTo release={hotfix} />
        </Typography>
      ))}
    </>
  );
}
