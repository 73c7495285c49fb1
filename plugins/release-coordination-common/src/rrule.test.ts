import { MAX_RRULE_COUNT, rruleProblem } from './rrule';

describe('rruleProblem', () => {
  it.each([
    'FREQ=WEEKLY;BYDAY=FR',
    'FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-14',
    'FREQ=DAILY;INTERVAL=2;COUNT=10',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=YEARLY;BYYEARDAY=100',
    `FREQ=DAILY;COUNT=${MAX_RRULE_COUNT}`,
    'freq=weekly;byday=fr;wkst=su',
  ])('accepts %s', rule => {
    expect(rruleProblem(rule)).toBeUndefined();
  });

  it.each([
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY|weekday/],
    ['FREQ=WEEKLY;BYHOUR=25', /BYHOUR has the invalid value 25/],
    ['FREQ=WEEKLY;COUNT=-1', /COUNT must be a positive integer/],
    ['FREQ=WEEKLY;BYFOO=1', /unknown rule part "BYFOO"/],
    ['DTSTART:20260101T000000Z', /give only the RRULE value/],
    ['BYDAY=FR', /FREQ must be one of/],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z', /^UNTIL is not supported/],
    // accepted by the rrule library, but not RFC 5545
    ['FREQ=WEEKLY;BYEASTER=1', /unknown rule part "BYEASTER"/],
    ['FREQ=WEEKLY;BYWEEKDAY=FR', /unknown rule part "BYWEEKDAY"/],
    ['FREQ=WEEKLY;', /unknown rule part ""/],
    ['FREQ=WEEKLY;FREQ=DAILY', /^FREQ may be given only once/],
    ['FREQ=WEEKLY;COUNT=2;COUNT=3', /^COUNT may be given only once/],
    [`FREQ=DAILY;COUNT=${MAX_RRULE_COUNT + 1}`, /^COUNT may be at most/],
    ['FREQ=WEEKLY;BYDAY=1FR', /^BYDAY may have a number/],
    ['FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO', /^BYDAY may have a number/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /^BYMONTHDAY cannot be used/],
    ['FREQ=MONTHLY;BYYEARDAY=1', /^BYYEARDAY cannot be used/],
    ['FREQ=MONTHLY;BYWEEKNO=1', /^BYWEEKNO may be used only/],
    ['FREQ=MONTHLY;BYSETPOS=1', /^BYSETPOS needs another/],
  ])('rejects %s', (rule, message) => {
    expect(rruleProblem(rule)).toMatch(message);
  });
});
