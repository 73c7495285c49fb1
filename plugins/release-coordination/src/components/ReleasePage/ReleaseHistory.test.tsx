import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { ReleaseEvent } from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';
import { ReleaseHistory } from './ReleaseHistory';

const event = (changes: ReleaseEvent['changes']): ReleaseEvent => ({
  id: 'e1',
  releaseId: 'r1',
  action: 'updated',
  actorRef: 'user:default/grace',
  createdAt: '2030-02-01T10:00:00.000Z',
  changes,
});

describe('ReleaseHistory', () => {
  it('shows changed objects and lists as words, without JSON, refs or ISO times', async () => {
    const at = '2030-02-01T09:30:00.000Z';
    await renderInTestApp(
      <ReleaseHistory
        events={[
          event([
            {
              field: 'freezeOverride',
              before: null,
              after: {
                reason: 'Booked cut-over',
                by: 'user:default/grace',
                at,
              },
            },
            {
              field: 'entityRefs',
              before: ['component:default/a'],
              after: ['component:default/a', 'component:team-x/b'],
            },
          ]),
        ]}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const history = await screen.findByRole('list', { name: 'History' });
    expect(history).toHaveTextContent(
      `freeze override: — → reason: Booked cut-over, by: grace, at: ${formatTimestamp(
        at,
      )}`,
    );
    expect(history).toHaveTextContent('entity refs: a → a, team-x/b');
    expect(history.textContent).not.toMatch(
      /[{}"]|default\/|\d{4}-\d{2}-\d{2}T/,
    );
  });
});
