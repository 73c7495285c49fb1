import { ReleaseChange } from '@internal/plugin-release-coordination-common';
import { changeSummary } from './changeSummary';

const change = (title: string, kind: ReleaseChange['kind'] = 'fix') => ({
  kind,
  title,
});

describe('changeSummary', () => {
  it('names the first three changes by kind and counts the rest', () => {
    expect(
      changeSummary({
        entityRefs: ['component:default/checkout'],
        changes: [
          change('Drop v1 API', 'breaking'),
          change('Retry payments'),
          change('Bump TLS', 'security'),
          change('One more'),
          change('And another', 'config'),
        ],
      }),
    ).toBe(
      'breaking: Drop v1 API; fix: Retry payments; security: Bump TLS; and 2 more',
    );
    expect(
      changeSummary({ entityRefs: [], changes: [change('Only fix')] }),
    ).toBe('fix: Only fix');
  });

  it('says which entities change when no change is listed', () => {
    expect(
      changeSummary({
        entityRefs: ['component:default/checkout', 'resource:ops/db'],
        changes: [],
      }),
    ).toBe('changes checkout, ops/db');
    expect(changeSummary({ entityRefs: [], changes: [] })).toBe(
      'no changes listed',
    );
  });
});
