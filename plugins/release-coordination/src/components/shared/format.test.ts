import { DateTime } from 'luxon';
import { formatDate, formatTimestamp, readableText } from './format';

describe('readableText', () => {
  it('names entities by their name, keeping other namespaces', () => {
    expect(
      readableText(
        'group:default/payments-team: pending; Component:ops/db-proxy → system:default/checkout',
      ),
    ).toBe('payments-team: pending; ops/db-proxy → checkout');
  });

  it('writes ISO timestamps in local time and leaves other text alone', () => {
    const at = '2026-12-06T14:12:56.123Z';
    expect(readableText(`Approvals afterwards due by ${at}`)).toBe(
      `Approvals afterwards due by ${formatTimestamp(at)}`,
    );
    expect(readableText('at 2026-12-06 the flag: a:b/c, v1.2/3')).toBe(
      'at 2026-12-06 the flag: a:b/c, v1.2/3',
    );
  });
});

describe('formatDate', () => {
  it('writes a calendar date in words and keeps what is not one', () => {
    expect(formatDate('2026-12-20')).toBe(
      DateTime.fromISO('2026-12-20').toLocaleString(DateTime.DATE_MED),
    );
    expect(formatDate('2026-12-20')).not.toContain('2026-12-20');
    expect(formatDate('soon')).toBe('soon');
  });
});
