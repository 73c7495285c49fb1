import ICAL from 'ical.js';

/** An occurrence as a calendar app sees it, in UTC ISO strings. */
export interface FeedOccurrence {
  start: string;
  end: string;
}

/**
 * Reads an iCalendar feed with ical.js, a parser independent of the one that
 * wrote it: its time zones are registered from the feed's own VTIMEZONEs and
 * every event is expanded (RRULE, EXDATE, exceptions by RECURRENCE-ID).
 */
export function readFeed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  const masters = new Map<string, InstanceType<typeof ICAL.Event>>();
  const exceptions: InstanceType<typeof ICAL.Event>[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) {
    masters.get(exception.uid)!.relateException(exception);
  }
  const rules = [...masters.values()].flatMap(event =>
    event.component
      .getAllProperties('rrule')
      .map(property => String(property.getFirstValue())),
  );

  /** The occurrences of an event that overlap [from, to). */
  const occurrences = (uid: string, from: Date, to: Date): FeedOccurrence[] => {
    const event = masters.get(uid);
    if (!event) return [];
    const found: FeedOccurrence[] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toJSDate();
      if (start >= to) break;
      const end = details.endDate.toJSDate();
      if (end > from) {
        found.push({ start: start.toISOString(), end: end.toISOString() });
      }
    }
    return found;
  };
  return { uids: [...masters.keys()], rules, occurrences };
}
