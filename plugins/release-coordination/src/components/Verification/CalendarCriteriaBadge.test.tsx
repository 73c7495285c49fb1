import { screen, within } from '@testing-library/react';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { ReleaseCalendar } from '../ReleaseCalendar';
import {
  at,
  day,
  NOW,
  renderCalendar,
} from '../ReleaseCalendar/__testUtils__/calendarKit';

const server = setupContractServer();

describe('calendar verification badge', () => {
  it('shows how many success criteria of a released release are settled, and nothing for one without criteria', async () => {
    const released = (id: string, title: string, date: number) =>
      makeRelease({
        id,
        title,
        state: 'released',
        window: { start: at(3, date, 10), end: at(3, date, 12) },
      });
    answerCalendar(server, {
      releases: [
        released('open', 'Auth 3.0', 4),
        released('done', 'Cart 2.1', 5),
        released('none', 'Search 1.2', 6),
      ],
      verdicts: [
        {
          releaseId: 'open',
          verdict: 'ready',
          blocking: [],
          criteria: { total: 3, settled: 1 },
        },
        {
          releaseId: 'done',
          verdict: 'ready',
          blocking: [],
          criteria: { total: 2, settled: 2 },
        },
        { releaseId: 'none', verdict: 'ready', blocking: [] },
      ],
    });
    await renderCalendar(server, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Auth 3.0' });

    const open = await within(day('2030-03-04')).findByTestId(
      'calendar-criteria-badge',
    );
    expect(open).toHaveTextContent('1/3');
    expect(open).toHaveAccessibleName('Success criteria: 1 of 3 met or waived');
    const done = within(day('2030-03-05')).getByTestId(
      'calendar-criteria-badge',
    );
    expect(done).toHaveTextContent('✓ 2/2');
    expect(done).toHaveAccessibleName(
      'Success criteria: all 2 met or waived, ready to verify',
    );
    await within(day('2030-03-06')).findByTestId('calendar-readiness');
    expect(
      within(day('2030-03-06')).queryByTestId('calendar-criteria-badge'),
    ).not.toBeInTheDocument();
  });
});
