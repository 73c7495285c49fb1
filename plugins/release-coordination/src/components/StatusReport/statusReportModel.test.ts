import { makeApprovals, makeRelease } from '../../__fixtures__/builders';
import { formatTimestamp, formatWindow } from '../shared/format';
import {
  approvalsLine,
  milestones,
  statusReportText,
} from './statusReportModel';
import { statusReportFixture } from './statusReportFixtures';

describe('statusReportText', () => {
  it('summarises milestones, readiness, approvals, risk, conflicts and window', () => {
    const { release, events, readiness, approvals, impact } =
      statusReportFixture();
    const text = statusReportText({
      release,
      events,
      readiness,
      approvals,
      risk: impact.risk,
    });
    expect(text).toBe(
      [
        '# Status report: Payments 2.1 2.1.0',
        '',
        '- State: approved',
        '- Type: normal',
        `- Window: ${formatWindow(release.window)}`,
        '- Owner: payments',
        '- Risk: high',
        '- Open issues (conflicts): 1 blocking, 1 warning',
        '',
        '## Milestones',
        '',
        `- [x] draft (${formatTimestamp('2030-02-01T09:00:00.000Z')})`,
        `- [x] planned (${formatTimestamp('2030-02-03T10:00:00.000Z')})`,
        `- [x] approved (${formatTimestamp('2030-02-05T14:30:00.000Z')})`,
        '- [ ] in progress',
        '- [ ] released',
        '- [ ] verified',
        '',
        '## Readiness',
        '',
        '- Verdict: not ready',
        '  - Blocking: Approvals complete: not passed',
        '  - Blocking: Rollback plan reviewed: not passed',
        '',
        '## Approvals',
        '',
        '- Status: waiting for payments',
        `- sre: approved by bob on ${formatTimestamp(
          '2030-02-04T08:00:00.000Z',
        )} (LGTM)`,
        '- payments: pending',
        '',
        '## Open issues',
        '',
        '- blocking: Payments 2.1 falls into the freeze "Quarter-end freeze"',
        '- warning: Overlaps Billing 1.4',
        '',
      ].join('\n'),
    );
  });

  it('says what the backend does not provide', () => {
    const text = statusReportText({ release: makeRelease(), events: [] });
    expect(text).toContain('- Risk: not assessed');
    expect(text).toContain('- Open issues (conflicts): none');
    expect(text).toContain('## Readiness\n\n- Not available');
    expect(text).toContain('## Approvals\n\n- Not available');
    expect(text).not.toContain('## Open issues\n');
  });
});

describe('milestones', () => {
  it('ends a cancelled release with the states it went through', () => {
    const { release, events } = statusReportFixture();
    const cancelled = { ...release, state: 'cancelled' as const };
    const steps = milestones(cancelled, [
      ...events,
      {
        ...events[2],
        id: 'e4',
        createdAt: '2030-02-06T09:00:00.000Z',
        changes: [{ field: 'state', before: 'approved', after: 'cancelled' }],
      },
    ]);
    expect(steps.map(s => [s.state, s.reachedAt])).toEqual([
      ['draft', '2030-02-01T09:00:00.000Z'],
      ['planned', '2030-02-03T10:00:00.000Z'],
      ['approved', '2030-02-05T14:30:00.000Z'],
      ['cancelled', '2030-02-06T09:00:00.000Z'],
    ]);
  });
});

describe('approvalsLine', () => {
  it('says how many groups decided and how, and who is still pending before or afterwards', () => {
    const decision = (groupRef: string, approve: boolean) => ({
      groupRef,
      decision: approve ? ('approve' as const) : ('reject' as const),
      comment: '',
      by: 'user:default/alice',
      at: '2030-02-02T09:00:00.000Z',
    });
    expect(
      approvalsLine(
        makeApprovals({
          decisions: [
            decision('group:default/a', true),
            decision('group:default/b', false),
          ],
          pending: ['group:default/c'],
          pendingAfter: ['group:default/d'],
        }),
      ),
    ).toBe('2 decided (a approved, b rejected); pending: c, d');
  });

  it('says none is pending when every group decided', () => {
    expect(approvalsLine(makeApprovals({ pending: [] }))).toBe(
      '0 decided; pending: none',
    );
  });
});
