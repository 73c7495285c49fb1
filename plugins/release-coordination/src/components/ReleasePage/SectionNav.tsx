import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Cluster } from '../shared/Cluster';

/** The sections of the release page in page order: element id and link text. */
export const RELEASE_SECTIONS = [
  { id: 'release-readiness', label: 'Readiness' },
  { id: 'release-rollback', label: 'Rollback' },
  { id: 'release-status', label: 'Status report' },
  { id: 'release-review', label: 'Review and notes' },
  { id: 'release-details', label: 'Details and changes' },
  { id: 'release-history', label: 'History' },
  { id: 'release-impact', label: 'Impact' },
] as const;

/** The id of a release page section, for the element that holds it. */
export type ReleaseSectionId = (typeof RELEASE_SECTIONS)[number]['id'];

/**
 * "On this page": a link to each section of the long release page, so
 * readers (and keyboard users) jump to readiness, history or impact directly.
 */
export function SectionNav() {
  return (
    <nav aria-label="On this page">
      <Cluster alignItems="baseline" gap={16}>
        <Typography variant="body2" component="span">
          On this page:
        </Typography>
        {RELEASE_SECTIONS.map(section => (
          <Link key={section.id} href={`#${section.id}`} variant="body2">
            {section.label}
          </Link>
        ))}
      </Cluster>
    </nav>
  );
}
