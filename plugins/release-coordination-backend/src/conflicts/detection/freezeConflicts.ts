import { Conflict } from '@internal/plugin-release-coordination-common';
import { ActiveReleases } from './ActiveReleases';
import { Findings } from './Findings';
import { Accumulator, addTo, Item, Occurrence, removeFrom } from './model';
import {
  conflictBase,
  conflictId,
  entities,
  name,
  period,
  span,
} from './wording';

/** Releases in a freeze occurrence that covers one of their entities, unless exempt or overridden. */
export class FreezeConflicts {
  /** The occurrences open at this point of the sweep, by covered entity. */
  private readonly activeOccurrences = new Map<string, Set<Occurrence>>();

  constructor(
    private readonly findings: Findings,
    private readonly active: ActiveReleases,
  ) {}

  /** An occurrence opens: the focus releases open on its entities are in it. */
  occurrenceStarts(occurrence: Occurrence) {
    for (const ref of occurrence.entityRefs) {
      addTo(this.activeOccurrences, ref, occurrence);
      for (const item of this.active.focusByEntity.get(ref) ?? []) {
        this.hit(item, occurrence, ref);
      }
    }
  }

  /** An occurrence closes. */
  occurrenceEnds(occurrence: Occurrence) {
    for (const ref of occurrence.entityRefs) {
      removeFrom(this.activeOccurrences, ref, occurrence);
    }
  }

  /** A focus release opens on an entity: it is in the occurrences open on it. */
  releaseStarts(item: Item, ref: string) {
    for (const occurrence of this.activeOccurrences.get(ref) ?? []) {
      this.hit(item, occurrence, ref);
    }
  }

  private hit(item: Item, occurrence: Occurrence, entityRef: string) {
    const { release } = item;
    if (release.freezeOverride) return;
    if (occurrence.exemptTypes.includes(release.type)) return;
    const key = `freeze|${release.id}|${occurrence.freezeId}`;
    const acc = this.findings.record(
      key,
      'freeze',
      [release],
      [entityRef],
      occurrence.title,
    );
    if (!acc) return;
    acc.occurrences = (acc.occurrences ?? new Set()).add(occurrence);
  }
}

/** A release in a freeze, named by its first occurrence. */
export function describeFreeze(acc: Accumulator): Conflict {
  const base = conflictBase(acc);
  const [a] = acc.releases;
  const occurrences = [...acc.occurrences!];
  const first = occurrences.reduce((x, y) => (y.startMs < x.startMs ? y : x));
  const count = new Set(occurrences.map(o => o.startMs)).size;
  const more = count > 1 ? ` and ${count - 1} more occurrence(s) of it` : '';
  return {
    ...base,
    id: conflictId('freeze', [a.id, first.freezeId]),
    message: `Release ${name(a)} (${a.type}, ${span(a)}) falls in freeze "${
      first.title
    }" (${period(first.start, first.end)})${more}, which covers ${entities(
      base.entityRefs,
    )}.`,
    suggestion: `Move the release to a window outside the freeze ("Suggest slots" on the release form offers free ones)${
      first.exemptTypes.length
        ? `, use an exempt type (${first.exemptTypes.join(
            ' or ',
          )}) if it really is one,`
        : ''
    } or set a freeze override with a written reason.`,
  };
}
