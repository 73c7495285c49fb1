import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { Cluster } from '../shared/Cluster';

/** The sections of the release page in page order: element id and link text. */
export const RELEASE_SECTIONS = [
  { id: 'release-overview', label: 'Overview' },
  { id: 'release-readiness', label: 'Readiness' },
  { id: 'release-rollback', label: 'Rollback' },
  { id: 'release-criteria', label: 'Success criteria' },
  { id: 'release-status', label: 'Status report' },
  { id: 'release-issues', label: 'Issues' },
  { id: 'release-review', label: 'Review and notes' },
  { id: 'release-details', label: 'Details and changes' },
  { id: 'release-history', label: 'History' },
  { id: 'release-impact', label: 'Impact' },
] as const;

/** The id of a release page section, for the element that holds it. */
export type ReleaseSectionId = (typeof RELEASE_SECTIONS)[number]['id'];

/**
 * The id of the first section reaching into the top 40% of the window, as
 * the reader scrolls; undefined where nothing tells (no IntersectionObserver).
 */
function useSectionInView(): ReleaseSectionId | undefined {
  const [current, setCurrent] = useState<ReleaseSectionId>();
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return undefined;
    const inView = new Set<string>();
    const observer = new IntersectionObserver(
      entries => {
        for (const entry of entries) {
          if (entry.isIntersecting) inView.add(entry.target.id);
          else inView.delete(entry.target.id);
        }
        setCurrent(RELEASE_SECTIONS.find(s => inView.has(s.id))?.id);
      },
      { rootMargin: '0px 0px -60% 0px' },
    );
    for (const { id } of RELEASE_SECTIONS) {
      const element = document.getElementById(id);
      if (element) observer.observe(element);
    }
    return () => observer.disconnect();
  }, []);
  return current;
}

/**
 * "On this page": a link to each section of the long release page, so
 * readers (and keyboard users) jump to readiness, history or impact directly;
 * the section in view is marked (`aria-current`).
 */
export function SectionNav() {
  const current = useSectionInView();
  return (
    <nav aria-label="On this page">
      <Cluster alignItems="baseline" gap={16}>
        <Typography variant="body2" component="span">
          On this page:
        </Typography>
        {RELEASE_SECTIONS.map(section => (
          <Link
            key={section.id}
            href={`#${section.id}`}
            variant="body2"
            aria-current={section.id === current ? 'location' : undefined}
            underline={section.id === current ? 'always' : 'hover'}
            style={section.id === current ? { fontWeight: 'bold' } : undefined}
          >
            {section.label}
          </Link>
        ))}
      </Cluster>
    </nav>
  );
}
