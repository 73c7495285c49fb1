import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ItemRow } from '../Readiness/ReadinessItemRow';

describe('the overdue-review readiness item', () => {
  it('shows as a warning, not as passed or failed', async () => {
    await renderInTestApp(
      <ItemRow
        item={{
          id: 'earlier-reviews-completed',
          label: 'Required reviews of earlier releases completed',
          kind: 'automatic',
          passed: true,
          warning: true,
          facts: ['Overdue review: Ledger 4.2 (finished 2026-11-20)'],
        }}
        canCheck={false}
        busy={false}
        onCheck={() => {}}
      />,
    );
    expect(screen.getByTitle('warning')).toBeInTheDocument();
    expect(screen.queryByTitle('passed')).not.toBeInTheDocument();
    expect(screen.queryByTitle('failed')).not.toBeInTheDocument();
    expect(
      screen.getByText('Overdue review: Ledger 4.2 (finished 2026-11-20)'),
    ).toBeInTheDocument();
  });
});
