export { ReleaseNotesSection } from './ReleaseNotesSection';
