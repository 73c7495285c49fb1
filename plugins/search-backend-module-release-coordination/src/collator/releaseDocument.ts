import { parseEntityRef } from '@backstage/catalog-model';
import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  Release,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';

/**
 * A release plan as the search index holds it: its title and a sentence of
 * plain words (what, of which entities, whose, when, in which state), plus
 * the fields a result shows. Its `authorization.resourceRef` is the release
 * id, so results are filtered by `release.read`.
 *
 * @public
 */
export interface ReleaseSearchDocument extends IndexableDocument {
  /** The release's id. */
  releaseId: string;
  /** The version it releases. */
  version: string;
  /** Its lifecycle state when indexed. */
  state: ReleaseState;
  /** Normal, emergency, hotfix or standard. */
  releaseType: ReleaseType;
  /** Start of its window (ISO 8601). */
  windowStart: string;
  /** End of its window (ISO 8601). */
  windowEnd: string;
  /** Full entity refs of the entities the release changes. */
  entityRefs: string[];
  /** The group that owns it. */
  ownerRef: string;
}

/** The `name` part of an entity ref, which people read as the entity's name. */
const nameOf = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

/**
 * Markdown as the words a result shows: heading and list markers, emphasis
 * and code marks dropped, a link as its text.
 */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|>)\s+/gm, '')
    .replace(/[*_`]+/g, '');
}

/** The document of a release, linking to `location`. */
export function releaseSearchDocument(
  release: Release,
  location: string,
): ReleaseSearchDocument {
  const entities = release.entityRefs.map(nameOf).join(', ');
  // plain words only: the result item shows the window in the reader's zone
  const text = [
    `${release.type} release ${
      release.version
    } of ${entities}, owned by ${nameOf(
      release.ownerRef,
    )}, ${release.state.replace(/_/g, ' ')}.`,
    plainText(release.description),
    ...release.changes.map(change => `${change.kind}: ${change.title}`),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    title: release.title,
    text,
    location,
    authorization: { resourceRef: release.id },
    releaseId: release.id,
    version: release.version,
    state: release.state,
    releaseType: release.type,
    windowStart: release.window.start,
    windowEnd: release.window.end,
    entityRefs: release.entityRefs,
    ownerRef: release.ownerRef,
  };
}
