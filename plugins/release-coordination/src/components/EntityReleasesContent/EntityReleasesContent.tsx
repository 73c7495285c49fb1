import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { Suspense, useMemo, useState } from 'react';
import { ListReleasesRequest } from '../../api/ReleaseCoordinationApi';
import { SharedReleaseCalendar } from '../ReleaseCalendar';
import { ReleasesOverview } from '../ReleaseList';
import { EntityOpenIssues } from '../ReleaseIssues';
import { EntityAnnotationWarnings } from '../EntityAnnotationWarnings';
import { ChoiceToggle } from '../shared/ChoiceToggle';
import { ReviewsList, reviewScope } from '../Reviews';

const MODE_CHOICES = [
  { value: 'list', label: 'List' },
  { value: 'calendar', label: 'Calendar' },
  { value: 'reviews', label: 'Reviews' },
] as const;

/**
 * Which releases concern an entity: those changing it, for a system or domain
 * those changing any of its parts, and for a group those it owns.
 */
export function releaseScopeForEntity(entity: Entity): ListReleasesRequest {
  const ref = stringifyEntityRef(entity);
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'system':
      return { system: ref };
    case 'domain':
      return { domain: ref };
    case 'group':
      return { owner: ref };
    default:
      return { entityRef: [ref] };
  }
}

/** Props of {@link EntityReleasesContent}. @public */
export interface EntityReleasesContentProps {
  /** What the tab shows first: the lists (default) or the calendar. */
  defaultMode?: 'list' | 'calendar';
  /** The current time of the calendar; the clock by default. */
  now?: Date | string | number;
}

/**
 * The Releases tab of an entity page: upcoming and recent releases concerning
 * the entity, or their calendar, and a button creating one.
 *
 * @public
 */
export function EntityReleasesContent(props: EntityReleasesContentProps = {}) {
  const { entity } = useEntity();
  const [mode, setMode] = useState<'list' | 'calendar' | 'reviews'>(
    props.defaultMode ?? 'list',
  );
  const scope = useMemo(() => releaseScopeForEntity(entity), [entity]);
  const reviewsOf = useMemo(
    () => reviewScope(stringifyEntityRef(entity)),
    [entity],
  );
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const entityRefs = useMemo(
    () =>
      ['group', 'user'].includes(kind) ? [] : [stringifyEntityRef(entity)],
    [entity, kind],
  );
  const ownerRef = kind === 'group' ? stringifyEntityRef(entity) : undefined;
  return (
    <>
      <Box display="flex" justifyContent="flex-start" marginBottom={2}>
        <ChoiceToggle
          label="Show releases as"
          value={mode}
          choices={MODE_CHOICES}
          onChange={setMode}
        />
      </Box>
      {entityRefs[0] && <EntityAnnotationWarnings entityRef={entityRefs[0]} />}
      <EntityOpenIssues entityRef={entityRefs[0]} ownerRef={ownerRef} />
      <Suspense fallback={<Progress />}>
        {mode === 'reviews' && <ReviewsList scope={reviewsOf} />}
        {mode === 'list' && (
          <ReleasesOverview
            scope={scope}
            entityRefs={entityRefs}
            ownerRef={ownerRef}
            recentDays={90}
          />
        )}
        {mode === 'calendar' && (
          <SharedReleaseCalendar
            fixedFilter={scope}
            entityRefs={entityRefs}
            ownerRef={ownerRef}
            now={props.now}
          />
        )}
      </Suspense>
    </>
  );
}
