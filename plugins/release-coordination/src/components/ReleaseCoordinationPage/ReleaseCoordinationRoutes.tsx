import { Route, Routes, useParams } from 'react-router-dom';
import { ReleasePage } from '../ReleasePage';
import { ReleasesHome } from './ReleasesHome';

function ReleaseRoute() {
  const { id } = useParams();
  return <ReleasePage releaseId={id!} />;
}

/**
 * The plugin's pages below its root: the organisation's release calendar and
 * list at `/` and one release at `/releases/:id`.
 */
export function ReleaseCoordinationRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ReleasesHome />} />
      <Route path="/releases/:id" element={<ReleaseRoute />} />
    </Routes>
  );
}
