import { Route, Routes, useParams } from 'react-router-dom';
import { ReleasesOverview } from '../ReleaseList';
import { ReleasePage } from '../ReleasePage';

const ALL_RELEASES = {};

function ReleaseRoute() {
  const { id } = useParams();
  return <ReleasePage releaseId={id!} />;
}

/**
 * The plugin's pages below its root: the organisation's upcoming releases at
 * `/` and one release at `/releases/:id`.
 */
export function ReleaseCoordinationRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ReleasesOverview scope={ALL_RELEASES} />} />
      <Route path="/releases/:id" element={<ReleaseRoute />} />
    </Routes>
  );
}
