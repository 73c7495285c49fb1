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

describe('calendar issue badge', () => {
  it('badges a released release with its worst open issue severity, red when its readiness is', async () => {
    const released = makeRelease({
      id: 'done',
      title: 'Auth 3.0',
      state: 'released',
      window: { start: at(3, 4, 10), end: at(3, 4, 12) },
    });
    answerCalendar(server, {
      releases: [released],
      verdicts: [
        {
          releaseId: 'done',
          verdict: 'not-ready',
          blocking: ['No unresolved sev1/sev2 issue: sev1 open: Login fails'],
          openIssues: { sev1: 1, sev2: 0, sev3: 2, sev4: 0, worst: 'sev1' },
        },
      ],
    });
    await renderCalendar(server, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Auth 3.0' });
    const badge = await within(day('2030-03-04')).findByTestId(
      'calendar-issue-badge',
    );
    expect(badge).toHaveTextContent('sev1');
    expect(badge).toHaveAccessibleName('Open issues: 1 sev1, 2 sev3');
    expect(
      within(day('2030-03-04')).getByTestId('calendar-readiness'),
    ).toHaveAttribute('data-verdict', 'not-ready');
  });
});
