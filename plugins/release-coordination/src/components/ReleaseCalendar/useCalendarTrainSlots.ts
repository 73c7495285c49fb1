import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  FreezeOccurrence,
  Train,
  TrainScope,
  TrainSlot,
} from '@internal/plugin-release-coordination-common';
import { DateTime, Duration } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ReleaseCalendarFilter } from './types';
import { EntityRelations, loadEntityRelations } from './entityRelations';
import { markFrozenSlots } from './trainSlotText';

export type { EntityRelations } from './entityRelations';

/** A train slot with the name of its train, as the calendar marks it. */
export interface CalendarTrainSlot extends TrainSlot {
  trainName: string;
  trainScope: TrainScope;
  /** The freeze covering the train that the slot lies in, which makes it not bookable. */
  frozenBy?: string;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Whether a train concerns what a calendar filter shows. Without an entity,
 * system, domain or owner in the filter every train does (the organisation's
 * calendar); otherwise the train's scope must cover each of them: an entity
 * named in the scope or part of a system in it; a system in the scope or the
 * system of an entity in it; a domain or owner group of a system or entity in
 * the scope. `relations` (lower-case refs, from the catalog) may be empty.
 */
export function trainCoversFilter(
  train: Train,
  filter: ReleaseCalendarFilter,
  relations: EntityRelations = new Map(),
): boolean {
  const systems = train.scope.systems.map(lower);
  const entities = train.scope.entities.map(lower);
  const scoped = [...systems, ...entities];
  const systemOf = (ref: string) => relations.get(ref)?.system;
  const checks: boolean[] = [];
  if (filter.entityRef?.length) {
    checks.push(
      filter.entityRef.map(lower).some(ref => {
        const system = systemOf(ref);
        return (
          scoped.includes(ref) || Boolean(system && systems.includes(system))
        );
      }),
    );
  }
  if (filter.system) {
    const system = lower(filter.system);
    checks.push(
      systems.includes(system) ||
        entities.some(ref => systemOf(ref) === system),
    );
  }
  if (filter.domain) {
    const domain = lower(filter.domain);
    checks.push(
      scoped.some(
        ref =>
          relations.get(ref)?.domain === domain ||
          relations.get(systemOf(ref) ?? '')?.domain === domain,
      ),
    );
  }
  if (filter.owner) {
    const owner = lower(filter.owner);
    checks.push(scoped.some(ref => relations.get(ref)?.owner === owner));
  }
  return checks.every(Boolean);
}

/** The train slots of a calendar and the catalog facts of the trains' scopes. */
export interface CalendarTrainSlots {
  slots: CalendarTrainSlot[];
  relations: EntityRelations;
}

const NO_TRAIN_SLOTS: CalendarTrainSlots = { slots: [], relations: new Map() };

/**
 * The slots of the trains concerning a calendar filter (see
 * {@link trainCoversFilter}) that overlap a range, each with its train's name
 * and scope. The catalog, when installed, resolves the systems, domains and
 * owners of the trains' scopes (returned as `relations`). Backends without
 * trains (or any failure) give no slots: the calendar shows its releases
 * regardless.
 */
export function useCalendarTrainSlots(
  filter: ReleaseCalendarFilter,
  from: string,
  to: string,
): CalendarTrainSlots {
  const api = useApi(releaseCoordinationApiRef);
  const catalogApi = useApiHolder().get(catalogApiRef);
  const filterKey = JSON.stringify([
    filter.entityRef ?? [],
    filter.system,
    filter.domain,
    filter.owner,
  ]);
  const { value } = useAsync(async (): Promise<CalendarTrainSlots> => {
    const [entityRef, system, domain, owner] = JSON.parse(filterKey);
    const trainFilter: ReleaseCalendarFilter = {
      entityRef,
      system,
      domain,
      owner,
    };
    const trains = await api.listTrains().catch(() => [] as Train[]);
    if (trains.length === 0) return NO_TRAIN_SLOTS;
    const relations = await loadEntityRelations(catalogApi, [
      ...entityRef,
      ...trains.flatMap(t => [...t.scope.systems, ...t.scope.entities]),
    ]);
    const slots = await Promise.all(
      trains
        .filter(train => trainCoversFilter(train, trainFilter, relations))
        .map(train => {
          // Slots are listed by start: include one that began before the range.
          const length = Duration.fromISO(train.slotDuration);
          const start = DateTime.fromISO(from, { zone: 'utc' });
          return api
            .listTrainSlots(train.id, {
              from: (length.isValid ? start.minus(length) : start).toISO()!,
              to,
              count: 200,
            })
            .then(
              items =>
                items
                  .filter(slot => Date.parse(slot.end) > Date.parse(from))
                  .map(slot => ({
                    ...slot,
                    trainName: train.name,
                    trainScope: train.scope,
                  })),
              () => [],
            );
        }),
    );
    return {
      slots: slots
        .flat()
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      relations,
    };
  }, [api, catalogApi, filterKey, from, to]);
  return value ?? NO_TRAIN_SLOTS;
}

/**
 * The slots of {@link useCalendarTrainSlots}, those inside one of `freezes`
 * that covers their train marked (`frozenBy`): not bookable.
 */
export function useMarkedTrainSlots(
  filter: ReleaseCalendarFilter,
  from: string,
  to: string,
  freezes: FreezeOccurrence[],
): CalendarTrainSlot[] {
  const train = useCalendarTrainSlots(filter, from, to);
  return useMemo(
    () => markFrozenSlots(train.slots, freezes, train.relations),
    [train, freezes],
  );
}
