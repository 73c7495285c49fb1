import { checkAnnotations } from './checkAnnotations';

const RULES = {
  tiers: ['tier-1', 'tier-2', 'tier-3'],
  requiredAnnotations: ['pagerduty.com/service-id'],
};

describe('checkAnnotations', () => {
  it('finds nothing wrong in well-formed or absent annotations', () => {
    expect(checkAnnotations({}, RULES)).toEqual([]);
    expect(
      checkAnnotations(
        {
          'release-coordination/tier': ' Tier-1 ',
          'release-coordination/audience': 'customers, internal-ops',
          'pagerduty.com/service-id': 'PCHECKO',
          'unrelated/annotation': '',
        },
        RULES,
      ),
    ).toEqual([]);
  });

  it('names an unknown or blank tier with the known ones', () => {
    expect(
      checkAnnotations({ 'release-coordination/tier': 'gold' }, RULES),
    ).toEqual([
      {
        annotation: 'release-coordination/tier',
        value: 'gold',
        problem:
          '"gold" is not a known tier; risk assessment ignores it (known: "tier-1", "tier-2", "tier-3")',
      },
    ]);
    expect(
      checkAnnotations({ 'release-coordination/tier': '  ' }, RULES)[0].problem,
    ).toMatch(/^is blank; /);
  });

  it('names empty audience entries and names that cannot be groups', () => {
    expect(
      checkAnnotations(
        { 'release-coordination/audience': 'customers,, ops team,ok' },
        RULES,
      ).map(p => p.problem),
    ).toEqual([
      'has an empty entry (comma separated names expected)',
      '"ops team" cannot name a group (letters, digits, "-", "_" and ".", at most 63); nobody is notified for it',
    ]);
  });

  it('names a blank required annotation, which readiness counts as missing', () => {
    expect(
      checkAnnotations({ 'pagerduty.com/service-id': ' ' }, RULES),
    ).toEqual([
      {
        annotation: 'pagerduty.com/service-id',
        value: ' ',
        problem: 'is blank; readiness counts it as missing',
      },
    ]);
  });
});
