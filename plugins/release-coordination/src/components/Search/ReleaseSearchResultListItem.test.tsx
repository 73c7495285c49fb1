import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReleaseSearchResultListItem } from './ReleaseSearchResultListItem';

const result = {
  title: 'Checkout 3.2',
  text: 'normal release 3.2.0 of checkout-service, owned by checkout-team, planned.',
  location: '/release-coordination/releases/r1',
  state: 'in_progress',
  releaseType: 'emergency',
  windowStart: '2026-12-08T10:00:00Z',
  windowEnd: '2026-12-08T12:00:00Z',
  ownerRef: 'group:default/checkout-team',
};

describe('ReleaseSearchResultListItem', () => {
  it('links the title to the release and shows state, type, window and owner in words', async () => {
    await renderInTestApp(<ReleaseSearchResultListItem result={result} />);
    expect(screen.getByRole('link', { name: 'Checkout 3.2' })).toHaveAttribute(
      'href',
      '/release-coordination/releases/r1',
    );
    expect(screen.getByText(result.text)).toBeInTheDocument();
    expect(screen.getByText('in progress')).toBeInTheDocument();
    expect(screen.getByText('emergency')).toBeInTheDocument();
    expect(screen.getByText('owned by checkout-team')).toBeInTheDocument();
    const item = screen.getByTestId('release-search-result');
    expect(item).toHaveTextContent(/Dec 8, 2026/);
    expect(item).not.toHaveTextContent(/2026-12-08T|group:default/);
  });

  it('marks the words the search matched', async () => {
    await renderInTestApp(
      <ReleaseSearchResultListItem
        result={result}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>Checkout</em> 3.2' },
        }}
      />,
    );
    expect(screen.getByText('Checkout').tagName).toBe('MARK');
  });
});
