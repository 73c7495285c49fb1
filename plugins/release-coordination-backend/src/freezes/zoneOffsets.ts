import { IANAZone, Zone, ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';
import { DAY_MS } from '../time';

/** Days remembered over all zones before the table starts over. */
const MAX_DAYS = 200_000;

/** A UTC day of a zone: its offset at the start and, if it changes that day, when and to what. */
interface ZoneDay {
  offset: number;
  change?: { at: number; offset: number };
}

const days = new Map<string, ZoneDay>();

function dayOf(name: string, day: number): ZoneDay {
  const key = `${name}|${day}`;
  let known = days.get(key);
  if (known) return known;
  const zone = IANAZone.create(name);
  const start = day * DAY_MS;
  const end = start + DAY_MS;
  const offset = zone.offset(start);
  const next = zone.offset(end);
  if (next === offset || Number.isNaN(offset)) {
    known = { offset };
  } else {
    // the first millisecond with the new offset, as luxon reads it
    let before = start;
    let after = end;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (zone.offset(middle) === offset) before = middle;
      else after = middle;
    }
    known = { offset, change: { at: after, offset: next } };
  }
  if (days.size >= MAX_DAYS) days.clear();
  days.set(key, known);
  return known;
}

/**
 * The offset (minutes east of UTC) of an IANA zone at an instant, exactly as
 * luxon's `IANAZone.offset` gives it, from a table of the zone's offset per
 * UTC day and the instant of its change on the days it changes. Reading the
 * zone through Intl costs microseconds, a table entry nanoseconds, and
 * expanding a year of a daily freeze needs hundreds of offsets. Assumes, as
 * the tz database does for every zone since 1970, no two offset changes
 * within one UTC day. The table only holds what the tz database says, the
 * same on every replica.
 */
export function zoneOffset(zone: string, epochMs: number): number {
  const { offset, change } = dayOf(zone, Math.floor(epochMs / DAY_MS));
  return change && epochMs >= change.at ? change.offset : offset;
}

/**
 * An IANA zone for luxon whose offsets come from the `zoneOffset` table, so
 * that calendar arithmetic (`plus`, `minus`) on many instants stays cheap;
 * names and formatting are the zone's own.
 */
class TabledZone extends Zone<true> {
  constructor(private readonly iana: IANAZone) {
    super();
  }

  get type() {
    return this.iana.type;
  }

  get name() {
    return this.iana.name;
  }

  get isUniversal() {
    return false;
  }

  get isValid(): true {
    return true;
  }

  offsetName(ts: number, options: ZoneOffsetOptions) {
    return this.iana.offsetName(ts, options) ?? '';
  }

  formatOffset(ts: number, format: ZoneOffsetFormat) {
    return this.iana.formatOffset(ts, format);
  }

  offset(ts: number) {
    return zoneOffset(this.iana.name, ts);
  }

  equals(other: Zone) {
    return other.type === this.type && other.name === this.name;
  }
}

const tabledZones = new Map<string, Zone>();

/** The zone for luxon, reading offsets from the `zoneOffset` table; the zone itself if it is not a valid IANA zone. */
export function tabledZone(zone: string): Zone {
  let tabled = tabledZones.get(zone);
  if (!tabled) {
    const iana = IANAZone.create(zone);
    if (!iana.isValid) return iana;
    tabled = new TabledZone(iana);
    tabledZones.set(zone, tabled);
  }
  return tabled;
}
