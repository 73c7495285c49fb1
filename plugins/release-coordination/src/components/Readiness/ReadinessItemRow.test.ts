import { evidenceLabel } from './ReadinessItemRow';

describe('evidenceLabel', () => {
  it('shows the host and path of a web address', () => {
    expect(
      evidenceLabel('https://wiki.example.com/runbooks/rollback?x=1'),
    ).toBe('wiki.example.com/runbooks/rollback');
  });

  it('leaves out a bare slash after the host', () => {
    expect(evidenceLabel('https://ci.example.com/')).toBe('ci.example.com');
  });

  it('shows an address without a host, or no address, as it is', () => {
    expect(evidenceLabel('mailto:ops@example.com')).toBe(
      'mailto:ops@example.com',
    );
    expect(evidenceLabel('not a url')).toBe('not a url');
  });
});
