import { FreezeOccurrence } from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { formatWindow } from '../shared/format';
import { timeOfDay } from './calendarModel';
import { scopeCovers } from './scheduleModel';
import { EntityRelations } from './entityRelations';
import { CalendarTrainSlot } from './useCalendarTrainSlots';

/**
 * The slots with the first freeze each lies in (partly), when that freeze
 * covers the train's scope: such a slot cannot take releases of its train.
 */
export function markFrozenSlots(
  slots: CalendarTrainSlot[],
  freezes: FreezeOccurrence[],
  relations: EntityRelations,
): CalendarTrainSlot[] {
  return slots.map(slot => {
    const freeze = freezes.find(
      f =>
        Date.parse(f.start) < Date.parse(slot.end) &&
        Date.parse(f.end) > Date.parse(slot.start) &&
        scopeCovers(
          f.scope,
          [...slot.trainScope.systems, ...slot.trainScope.entities],
          relations,
        ),
    );
    return freeze ? { ...slot, frozenBy: freeze.title } : slot;
  });
}

/** Why a slot takes no bookings, in words; undefined when it does. */
export function notBookableReason(slot: CalendarTrainSlot): string | undefined {
  if (slot.frozenBy) return `not bookable: inside ${slot.frozenBy}`;
  if (!slot.bookable) return 'not bookable: cut-off passed';
  return undefined;
}

/** What the calendar says of a train slot: a short label and its tooltip. */
export function slotText(slot: CalendarTrainSlot, showWindow = false) {
  const reason = notBookableReason(slot);
  const when = showWindow ? `(${formatWindow(slot)})` : timeOfDay(slot.start);
  const short = `${slot.trainName} ${when}${reason ? ` · ${reason}` : ''}`;
  const title = `Train slot: ${slot.trainName} · ${formatWindow(
    slot,
  )} · cut-off ${DateTime.fromISO(slot.cutoffAt).toLocaleString(
    DateTime.DATETIME_MED,
  )}${slot.releaseIds.length ? ` · ${slot.releaseIds.length} booked` : ''}${
    reason ? ` · ${reason}` : ''
  }`;
  return { short, title, bookable: !reason };
}
