import { rollbackPlanSteps } from './rollbackPlan';

describe('rollbackPlanSteps', () => {
  it('reads the top-level ordered items in order, joining continuation lines', () => {
    const plan = [
      '## Rollback',
      '',
      'Do this in order:',
      '',
      '1. Switch the feature flag `checkout.v2` off',
      '2) Redeploy 3.13.2',
      '   with the old config',
      '   - nested detail, not a step',
      '10. Tell #checkout',
      '',
      '- a bullet after the ordered list is not a step',
    ].join('\n');
    expect(rollbackPlanSteps(plan)).toEqual([
      'Switch the feature flag `checkout.v2` off',
      'Redeploy 3.13.2 with the old config',
      'Tell #checkout',
    ]);
  });

  it('falls back to bulleted items when there is no ordered list', () => {
    expect(
      rollbackPlanSteps('* Revert the config\r\n+ Redeploy\n- Verify'),
    ).toEqual(['Revert the config', 'Redeploy', 'Verify']);
  });

  it('ignores fenced code, indented code and plain prose', () => {
    const plan = [
      'Point the worker back at the old broker.',
      '```sh',
      '1. not a step',
      '```',
      '    1. indented code, not a step',
      '~~~',
      '- nor this',
      '~~~',
    ].join('\n');
    expect(rollbackPlanSteps(plan)).toEqual([]);
    expect(rollbackPlanSteps(undefined)).toEqual([]);
    expect(rollbackPlanSteps('1.no space is not an item\n-')).toEqual([]);
  });
});
