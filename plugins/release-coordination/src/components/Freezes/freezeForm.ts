import {
  CreateFreezeInput,
  createFreezeRequestSchema,
  DEFAULT_FREEZE_EXEMPT_TYPES,
  Freeze,
  FreezeOccurrence,
  FreezeRecurrence,
  FreezeScope,
  freezeTimesIssues,
  ReleaseType,
  timeZoneSchema,
  UpdateFreezeRequest,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { Frequency, RRule, Weekday } from 'rrule';
import { LOCAL_FORMAT } from '../ReleaseForm';
import { recurrenceInWords } from '../shared/recurrenceText';

/** How the form's Repeats choice builds the RRULE. */
export type RepeatMode = 'none' | 'weekly' | 'monthly' | 'custom';

/** RFC 5545 weekday codes with their names, Monday first (luxon weekday - 1). */
export const WEEKDAYS = [
  ['MO', 'Monday'],
  ['TU', 'Tuesday'],
  ['WE', 'Wednesday'],
  ['TH', 'Thursday'],
  ['FR', 'Friday'],
  ['SA', 'Saturday'],
  ['SU', 'Sunday'],
] as const;

const WEEKDAY_CODES: string[] = WEEKDAYS.map(([code]) => code);

/** The scope lists of a freeze, in the order the form shows them. */
export const SCOPE_LISTS = [
  ['domains', 'Domains', 'domain'],
  ['systems', 'Systems', 'system'],
  ['groups', 'Groups', 'group'],
  ['entities', 'Entities', 'entity'],
] as const;

type ScopeList = (typeof SCOPE_LISTS)[number][0];

/** The values of the freeze form, as the inputs hold them. */
export interface FreezeFormState {
  title: string;
  description: string;
  /** The "Everything" switch. */
  all: boolean;
  /** Comma- or space-separated refs per scope list. */
  domains: string;
  systems: string;
  groups: string;
  entities: string;
  /** `datetime-local` wall-clock values in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  repeat: RepeatMode;
  /** Weekday codes (`MO`…) of a weekly freeze. */
  weekdays: string[];
  /** The RRULE of a custom repeat. */
  rrule: string;
  /** Comma-separated dates (`YYYY-MM-DD`) whose occurrence is skipped. */
  exceptions: string;
  /** Kept from an existing recurrence; the form does not edit it. */
  until?: string;
  exemptTypes: ReleaseType[];
}

/**
 * The form with another repeat mode. Weekly starts out on the start's
 * weekday, which the rule must include; other modes keep the weekdays.
 */
export function withRepeat(
  form: FreezeFormState,
  repeat: RepeatMode,
): FreezeFormState {
  const start = DateTime.fromISO(form.start);
  const weekdays =
    repeat === 'weekly' && start.isValid
      ? [WEEKDAYS[start.weekday - 1][0]]
      : form.weekdays;
  return { ...form, repeat, weekdays };
}

/** The browser's IANA time zone, UTC when it cannot tell. */
export function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A new freeze: tomorrow from midnight for a day, in the browser's zone. */
export function emptyFreezeForm(
  now: DateTime = DateTime.local(),
  timeZone: string = browserTimeZone(),
): FreezeFormState {
  const start = now.setZone(timeZone).startOf('day').plus({ days: 1 });
  return {
    title: '',
    description: '',
    all: true,
    domains: '',
    systems: '',
    groups: '',
    entities: '',
    start: start.toFormat(LOCAL_FORMAT),
    end: start.plus({ days: 1 }).toFormat(LOCAL_FORMAT),
    timeZone,
    repeat: 'none',
    weekdays: [WEEKDAY_CODES[start.weekday - 1]],
    rrule: '',
    exceptions: '',
    exemptTypes: [...DEFAULT_FREEZE_EXEMPT_TYPES],
  };
}

/** The Repeats choice that produces a rule again, or `custom`. */
export function parseRule(rule: string): {
  repeat: RepeatMode;
  weekdays?: string[];
} {
  const value = rule.replace(/^RRULE:/i, '').toUpperCase();
  if (value === 'FREQ=MONTHLY') return { repeat: 'monthly' };
  const weekly = /^FREQ=WEEKLY;BYDAY=([A-Z,]+)$/.exec(value);
  const days = weekly?.[1].split(',');
  if (days && days.every(day => WEEKDAY_CODES.includes(day))) {
    return { repeat: 'weekly', weekdays: days };
  }
  return { repeat: 'custom' };
}

/** The RRULE the Repeats choice stands for, undefined for a one-off freeze. */
export function buildRule(form: FreezeFormState): string | undefined {
  switch (form.repeat) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${WEEKDAY_CODES.filter(day =>
        form.weekdays.includes(day),
      ).join(',')}`;
    case 'monthly':
      return 'FREQ=MONTHLY';
    case 'custom':
      return form.rrule;
    default:
      return undefined;
  }
}

/** The form holding an existing freeze, its times in the freeze's zone. */
export function freezeToForm(freeze: Freeze): FreezeFormState {
  const zone = freeze.recurrence?.timezone ?? browserTimeZone();
  const local = (iso: string) =>
    DateTime.fromISO(iso, { zone }).toFormat(LOCAL_FORMAT);
  const rule = freeze.recurrence ? parseRule(freeze.recurrence.rrule) : null;
  const start = DateTime.fromISO(freeze.start, { zone });
  return {
    title: freeze.title,
    description: freeze.description,
    all: freeze.scope.all,
    domains: freeze.scope.domains.join(', '),
    systems: freeze.scope.systems.join(', '),
    groups: freeze.scope.groups.join(', '),
    entities: freeze.scope.entities.join(', '),
    start: local(freeze.start),
    end: local(freeze.end),
    timeZone: zone,
    repeat: rule?.repeat ?? 'none',
    weekdays: rule?.weekdays ?? [WEEKDAY_CODES[start.weekday - 1]],
    rrule: rule?.repeat === 'custom' ? freeze.recurrence!.rrule : '',
    exceptions: (freeze.recurrence?.exdates ?? [])
      .map(date => DateTime.fromISO(date, { zone }).toISODate())
      .join(', '),
    ...(freeze.recurrence?.until ? { until: freeze.recurrence.until } : {}),
    exemptTypes: freeze.exemptTypes,
  };
}

const splitList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map(item => item.trim())
    .filter(Boolean);

/** The form field that shows the message of a schema issue at `path`. */
function fieldOf(path: PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'scope') return second ? `scope.${second}` : 'scope';
  if (first === 'recurrence') {
    if (second === 'timezone') return 'timeZone';
    if (second === 'exdates') return 'exceptions';
    if (second === 'rrule') return 'rrule';
    return 'recurrence';
  }
  return first ?? '';
}

/**
 * Validates the form with the shared schema after turning wall-clock times in
 * the chosen zone into UTC, returning the request body or a message per field
 * (`title`, `scope`, `scope.systems`, `start`, `end`, `timeZone`, `rrule`,
 * `weekdays`, `exceptions`, `exemptTypes`, …).
 */
export function validateFreezeForm(form: FreezeFormState): {
  body?: CreateFreezeInput;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const zoneOk = timeZoneSchema.safeParse(form.timeZone).success;
  const zone = zoneOk ? form.timeZone.trim() : 'UTC';
  if (!zoneOk) {
    errors.timeZone = 'not a known IANA time zone (e.g. Europe/Berlin)';
  }
  const start = DateTime.fromISO(form.start, { zone });
  const end = DateTime.fromISO(form.end, { zone });
  if (!form.start || !start.isValid) errors.start = 'Enter a date and time';
  if (!form.end || !end.isValid) errors.end = 'Enter a date and time';

  const rule = buildRule(form);
  if (form.repeat === 'weekly') {
    if (form.weekdays.length === 0) {
      errors.weekdays = 'Pick at least one weekday';
    } else if (
      start.isValid &&
      !form.weekdays.includes(WEEKDAY_CODES[start.weekday - 1])
    ) {
      errors.start = `must be on one of the chosen weekdays (it is a ${start.toFormat(
        'cccc',
      )})`;
    }
  }
  const exdates: string[] = [];
  for (const date of splitList(form.exceptions)) {
    const day = DateTime.fromISO(date, { zone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) {
      errors.exceptions ??= `"${date}" is not a date (YYYY-MM-DD)`;
    } else if (start.isValid) {
      exdates.push(
        day.set({ hour: start.hour, minute: start.minute }).toUTC().toISO()!,
      );
    }
  }

  const iso = (dt: DateTime, text: string) =>
    dt.isValid ? dt.toUTC().toISO()! : text;
  const body = {
    title: form.title,
    description: form.description,
    scope: {
      all: form.all,
      ...Object.fromEntries(
        SCOPE_LISTS.map(([key]) => [key, form.all ? [] : splitList(form[key])]),
      ),
    },
    start: iso(start, form.start),
    end: iso(end, form.end),
    ...(rule !== undefined
      ? {
          recurrence: {
            rrule: rule,
            timezone: form.timeZone,
            exdates,
            ...(form.until ? { until: form.until } : {}),
          },
        }
      : {}),
    exemptTypes: form.exemptTypes,
  };
  // The schema checks the times only once the rest is valid; say it at once.
  if (start.isValid && end.isValid) {
    for (const issue of freezeTimesIssues(body)) {
      errors[fieldOf(issue.path)] ??= issue.message;
    }
  }
  const result = createFreezeRequestSchema.safeParse(body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      errors[fieldOf(issue.path)] ??=
        issue.code === 'too_small' && Number((issue as any).minimum) === 1
          ? 'Required'
          : issue.message;
    }
  }
  if (!result.success || Object.keys(errors).length > 0) {
    return { errors };
  }
  return { body: result.data, errors };
}

const sorted = (items: readonly string[]) => [...items].sort();

const sameScope = (a: FreezeScope, b: FreezeScope) =>
  a.all === b.all &&
  SCOPE_LISTS.every(
    ([key]) =>
      JSON.stringify(sorted(a[key as ScopeList])) ===
      JSON.stringify(sorted(b[key as ScopeList])),
  );

const recurrenceKey = (r: FreezeRecurrence | undefined) =>
  r
    ? JSON.stringify([
        r.rrule.toUpperCase(),
        r.timezone,
        sorted(r.exdates.map(d => new Date(d).toISOString())),
        r.until ? new Date(r.until).toISOString() : null,
      ])
    : null;

/** The fields of a validated form that differ from the freeze. */
export function changedFreezeFields(
  freeze: Freeze,
  body: CreateFreezeInput,
): Omit<UpdateFreezeRequest, 'revision'> {
  const changes: Omit<UpdateFreezeRequest, 'revision'> = {};
  if (body.title !== freeze.title) changes.title = body.title;
  if (body.description !== freeze.description) {
    changes.description = body.description;
  }
  if (!sameScope(body.scope, freeze.scope)) changes.scope = body.scope;
  if (Date.parse(body.start) !== Date.parse(freeze.start)) {
    changes.start = body.start;
  }
  if (Date.parse(body.end) !== Date.parse(freeze.end)) changes.end = body.end;
  if (recurrenceKey(body.recurrence) !== recurrenceKey(freeze.recurrence)) {
    changes.recurrence = body.recurrence ?? null;
  }
  if (
    body.exemptTypes &&
    JSON.stringify(sorted(body.exemptTypes)) !==
      JSON.stringify(sorted(freeze.exemptTypes))
  ) {
    changes.exemptTypes = body.exemptTypes;
  }
  return changes;
}

/**
 * An RRULE in words, by `rrule`, e.g. `Every week on Friday`, `Every March,
 * June, September and December on the 14th last`; `Custom: <rule>` when it
 * cannot be put into words fully.
 */
export function describeRule(rule: string): string {
  const words = recurrenceInWords(rule);
  return words ? words[0].toUpperCase() + words.slice(1) : `Custom: ${rule}`;
}

/** Whether a time is midnight in its zone. */
const atMidnight = (time: DateTime) => time.hour === 0 && time.minute === 0;

/**
 * `every year` or `every week` when the rule only repeats the first
 * occurrence's date or weekday yearly or weekly, else undefined.
 */
function plainCadence(rule: string, start: DateTime): string | undefined {
  let options;
  try {
    options = RRule.fromString(rule).origOptions;
  } catch {
    return undefined;
  }
  const { freq, interval, ...parts } = options;
  if (interval !== undefined && interval !== 1) return undefined;
  const given = Object.entries(parts).filter(
    ([key, value]) => value !== undefined && !['wkst', 'tzid'].includes(key),
  );
  const matches = (value: unknown, expected: number) =>
    [value].flat().every(v => Number(v) === expected);
  if (freq === Frequency.YEARLY) {
    const plain = given.every(
      ([key, value]) =>
        (key === 'bymonth' && matches(value, start.month)) ||
        (key === 'bymonthday' && matches(value, start.day)),
    );
    return plain ? 'every year' : undefined;
  }
  if (freq === Frequency.WEEKLY) {
    const plain = given.every(
      ([key, value]) =>
        key === 'byweekday' &&
        [value]
          .flat()
          .every(
            day =>
              (typeof day === 'number' ? day : (day as Weekday).weekday) ===
              start.weekday - 1,
          ),
    );
    return plain ? 'every week' : undefined;
  }
  return undefined;
}

/**
 * What one occurrence covers, as the calendar shows it: whole days as dates
 * (`Dec 20 – Jan 3`), else weekdays or dates with times.
 */
function occurrenceText(start: DateTime, end: DateTime, yearly: boolean) {
  if (atMidnight(start) && atMidnight(end)) {
    const last = end.minus({ days: 1 });
    return last.hasSame(start, 'day')
      ? start.toFormat('LLL d')
      : `${start.toFormat('LLL d')} – ${last.toFormat('LLL d')}`;
  }
  const format = yearly ? 'LLL d, HH:mm' : 'ccc HH:mm';
  return `${start.toFormat(format)} – ${end.toFormat(
    start.hasSame(end, 'day') ? 'HH:mm' : format,
  )}`;
}

/**
 * When a freeze applies, in words: the window of a one-off freeze in the
 * user's zone; for a recurring one what each occurrence covers and how often,
 * in the rule's zone, e.g. `Dec 20 – Jan 3, every year (Europe/Berlin)` or
 * `Fri 16:00 – Mon 08:00, every week (Europe/Berlin)`; other rules in words
 * (`Every month on the 1st, Mon 00:00 – Tue 00:00 …`).
 */
export function describeFreezeTimes(freeze: Freeze): string {
  const recurrence = freeze.recurrence;
  if (!recurrence) {
    const start = DateTime.fromISO(freeze.start);
    const end = DateTime.fromISO(freeze.end);
    return `${start.toLocaleString(
      DateTime.DATETIME_MED,
    )} – ${end.toLocaleString(DateTime.DATETIME_MED)}`;
  }
  const zone = recurrence.timezone;
  const start = DateTime.fromISO(freeze.start, { zone });
  const end = DateTime.fromISO(freeze.end, { zone });
  const cadence = plainCadence(recurrence.rrule, start);
  const window = occurrenceText(start, end, cadence === 'every year');
  let text = cadence
    ? `${window}, ${cadence} (${zone})`
    : `${describeRule(recurrence.rrule)}, ${window} (${zone})`;
  text += `, from ${start.toLocaleString(DateTime.DATE_MED)}`;
  if (recurrence.until) {
    text += ` until ${DateTime.fromISO(recurrence.until, {
      zone,
    }).toLocaleString(DateTime.DATE_MED)}`;
  }
  const skipped = recurrence.exdates.length;
  if (skipped) {
    text += ` (except ${recurrence.exdates
      .slice(0, 3)
      .map(d => DateTime.fromISO(d, { zone }).toLocaleString(DateTime.DATE_MED))
      .join(', ')}${skipped > 3 ? ` and ${skipped - 3} more` : ''})`;
  }
  return text;
}

/** Where a freeze stands now. */
export type FreezeState = 'active' | 'upcoming' | 'ended';

/**
 * Whether a freeze is active now, still to come, or over. `occurrences` are
 * those from now on (recurring freezes expanded by the server); without them
 * a recurring freeze past its first occurrence counts as active.
 */
export function freezeState(
  freeze: Freeze,
  now: number,
  occurrences?: FreezeOccurrence[],
): FreezeState {
  if (freeze.endedAt && Date.parse(freeze.endedAt) <= now) return 'ended';
  if (occurrences) {
    const own = occurrences.filter(o => o.freezeId === freeze.id);
    if (own.some(o => Date.parse(o.start) <= now && Date.parse(o.end) > now)) {
      return 'active';
    }
    if (own.some(o => Date.parse(o.start) > now)) return 'upcoming';
    if (freeze.recurrence) return 'ended';
  }
  if (Date.parse(freeze.start) > now) return 'upcoming';
  if (freeze.recurrence || Date.parse(freeze.end) > now) return 'active';
  return 'ended';
}
