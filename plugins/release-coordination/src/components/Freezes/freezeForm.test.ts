import {
  createFreezeRequestSchema,
  Freeze,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { makeFreeze } from '../../__fixtures__/builders';
import {
  changedFreezeFields,
  describeFreezeTimes,
  describeRule,
  emptyFreezeForm,
  freezeState,
  freezeToForm,
  parseRule,
  validateFreezeForm,
  withRepeat,
} from './freezeForm';

describe('freezeForm', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=FR', 'Every week on Friday'],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR',
      'Every 2 weeks on Monday, Wednesday, Friday',
    ],
    ['FREQ=MONTHLY', 'Every month'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', 'Every month on the 1st and 15th'],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20', 'Every December on the 20th'],
    ['FREQ=DAILY;COUNT=5', 'Every day for 5 times'],
    [
      'RRULE:FREQ=WEEKLY;UNTIL=20300101T000000Z',
      'Every week until January 1, 2030',
    ],
    // rrule's toText would drop BYSETPOS ("every month on Monday, Tuesday").
    [
      'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU',
      'Custom: FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU',
    ],
    ['FREQ=SOMETIMES', 'Custom: FREQ=SOMETIMES'],
  ])('describes %s as "%s"', (rule, words) => {
    expect(describeRule(rule)).toBe(words);
  });

  it('maps rules to the Repeats choices', () => {
    expect(parseRule('FREQ=WEEKLY;BYDAY=FR,SA')).toEqual({
      repeat: 'weekly',
      weekdays: ['FR', 'SA'],
    });
    expect(parseRule('FREQ=MONTHLY')).toEqual({ repeat: 'monthly' });
    expect(parseRule('FREQ=WEEKLY;BYDAY=-1FR')).toEqual({ repeat: 'custom' });
  });

  it('keeps wall-clock times across DST in the chosen zone', () => {
    const form = {
      ...emptyFreezeForm(
        DateTime.fromISO('2030-03-20T10:00Z'),
        'Europe/Berlin',
      ),
      title: 'Weekend',
      start: '2030-03-29T16:00',
      end: '2030-04-01T08:00',
      repeat: 'weekly' as const,
      weekdays: ['FR'],
      exceptions: '2030-04-05',
    };
    const { body, errors } = validateFreezeForm(form);
    expect(errors).toEqual({});
    // Berlin moves to summer time on 2030-03-31.
    expect(body).toMatchObject({
      start: '2030-03-29T15:00:00.000Z',
      end: '2030-04-01T06:00:00.000Z',
      recurrence: { exdates: ['2030-04-05T14:00:00.000Z'] },
    });
  });

  it('round-trips a freeze through the form without changes', () => {
    const freeze: Freeze = makeFreeze({
      scope: {
        all: false,
        domains: ['domain:default/commerce'],
        systems: [],
        groups: ['group:default/platform-team'],
        entities: ['component:default/payments-api'],
      },
      start: '2030-03-17T23:00:00.000Z',
      end: '2030-03-31T22:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-14',
        timezone: 'Europe/Berlin',
        exdates: ['2030-06-16T22:00:00.000Z'],
        until: '2031-01-01T00:00:00.000Z',
      },
      exemptTypes: ['security', 'emergency'],
    });
    const form = freezeToForm(freeze);
    expect(form).toMatchObject({
      repeat: 'custom',
      start: '2030-03-18T00:00',
      exceptions: '2030-06-17',
    });
    const { body } = validateFreezeForm(form);
    expect(changedFreezeFields(freeze, body!)).toEqual({});
    expect(createFreezeRequestSchema.safeParse(body).success).toBe(true);
  });

  it('tells active, upcoming and ended freezes apart', () => {
    const now = Date.parse('2030-03-13T12:00:00.000Z');
    const oneOff = makeFreeze({
      start: '2030-03-12T00:00:00.000Z',
      end: '2030-03-14T00:00:00.000Z',
    });
    expect(freezeState(oneOff, now)).toBe('active');
    expect(
      freezeState({ ...oneOff, endedAt: '2030-03-13T00:00:00Z' }, now),
    ).toBe('ended');
    expect(freezeState(oneOff, now + 2 * 86400_000)).toBe('ended');
    expect(freezeState(oneOff, now - 2 * 86400_000)).toBe('upcoming');
    const weekly = {
      ...oneOff,
      recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'UTC', exdates: [] },
    };
    expect(freezeState(weekly, now + 2 * 86400_000, [])).toBe('ended');
    expect(
      freezeState(weekly, now, [
        {
          ...oneOff,
          freezeId: 'f1',
          start: '2030-03-19T00:00:00Z',
          end: '2030-03-21T00:00:00Z',
        },
      ]),
    ).toBe('upcoming');
  });
});

describe('withRepeat', () => {
  it("starts a weekly repeat on the start's weekday", () => {
    const form = {
      ...emptyFreezeForm(),
      start: '2030-03-08T18:00',
      weekdays: ['MO', 'TU'],
    };
    expect(withRepeat(form, 'weekly')).toEqual({
      ...form,
      repeat: 'weekly',
      weekdays: ['FR'],
    });
  });

  it('keeps the weekdays for other modes and without a valid start', () => {
    const form = { ...emptyFreezeForm(), start: '', weekdays: ['MO'] };
    expect(withRepeat(form, 'weekly').weekdays).toEqual(['MO']);
    expect(
      withRepeat({ ...form, start: '2030-03-08T18:00' }, 'monthly'),
    ).toEqual({ ...form, start: '2030-03-08T18:00', repeat: 'monthly' });
  });

  describe('describeFreezeTimes', () => {
    const recurring = (
      rrule: string,
      start: string,
      end: string,
      timezone = 'Europe/Berlin',
    ): Freeze =>
      makeFreeze({
        start: DateTime.fromISO(start, { zone: timezone }).toUTC().toISO()!,
        end: DateTime.fromISO(end, { zone: timezone }).toUTC().toISO()!,
        recurrence: { rrule, timezone, exdates: [] },
      });

    it.each([
      [
        'a yearly freeze of whole days by its dates',
        recurring(
          'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20',
          '2025-12-20T00:00',
          '2026-01-04T00:00',
        ),
        'Dec 20 – Jan 3, every year (Europe/Berlin), from Dec 20, 2025',
      ],
      [
        'a yearly freeze with times by its dates and times',
        recurring('FREQ=YEARLY', '2025-12-20T16:00', '2026-01-03T07:00'),
        'Dec 20, 16:00 – Jan 3, 07:00, every year (Europe/Berlin), from Dec 20, 2025',
      ],
      [
        'a weekly freeze by its weekdays and times',
        recurring(
          'FREQ=WEEKLY;BYDAY=FR',
          '2030-03-01T16:00',
          '2030-03-04T08:00',
        ),
        'Fri 16:00 – Mon 08:00, every week (Europe/Berlin), from Mar 1, 2030',
      ],
      [
        'another cadence by its rule',
        recurring(
          'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
          '2030-03-01T16:00',
          '2030-03-01T20:00',
          'America/New_York',
        ),
        'Every 2 weeks on Friday, Fri 16:00 – 20:00 (America/New_York), from Mar 1, 2030',
      ],
    ])('describes %s', (_name, freeze, text) => {
      expect(describeFreezeTimes(freeze)).toBe(text);
    });
  });
});
