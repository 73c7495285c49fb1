import { Release } from '@internal/plugin-release-coordination-common';
import { ReadinessContributor } from '../readiness/readinessContributions';
import { ReleaseNotesStore } from './DatabaseReleaseNotesStore';

/**
 * Whether a release has real notes, more than its bare description: notes
 * generated from a change inventory, or edited notes saying something else
 * than the description.
 */
export function hasRealNotes(
  release: Pick<Release, 'changes' | 'description'>,
  editedNotes: string[],
): boolean {
  const description = release.description.trim();
  return (
    release.changes.length > 0 ||
    editedNotes.some(notes => notes.trim() && notes.trim() !== description)
  );
}

/**
 * The readiness item "Release notes present": it passes when the release has
 * real notes ({@link hasRealNotes}), generated or edited.
 */
export function notesReadiness(
  store: Pick<ReleaseNotesStore, 'listEdits'>,
): ReadinessContributor {
  return async release => {
    const edits = await store.listEdits(release.id);
    const passed = hasRealNotes(
      release,
      edits.map(edit => edit.markdown),
    );
    return {
      items: [
        {
          id: 'release-notes-present',
          label: 'Release notes present',
          kind: 'automatic',
          passed,
          facts: passed
            ? []
            : [
                'No change inventory and no edited notes: the notes would only repeat the description',
              ],
        },
      ],
    };
  };
}
