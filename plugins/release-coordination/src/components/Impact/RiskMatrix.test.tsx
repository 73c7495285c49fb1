import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { makeImpactReport, makeRisk } from '../../__fixtures__/impactFixtures';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { RiskMatrix } from './RiskMatrix';
import { ReleaseImpact } from './ReleaseImpact';

const release = { id: 'r1', ownerRef: 'group:default/payments' };

const server = setupContractServer();

async function render(
  element: JSX.Element,
  ownershipEntityRefs = ['group:default/payments'],
) {
  await renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      mockApis.identity({ ownershipEntityRefs }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('RiskMatrix', () => {
  it('highlights the cell of the release and lists factors and matched rules', async () => {
    await render(
      <RiskMatrix
        risk={makeRisk({
          level: 'high',
          computedLevel: 'high',
          probability: 4,
          impact: 3,
          rules: [
            {
              id: 'tier1',
              label: 'Breaking change on a tier-1 API',
              minimumLevel: 'high',
              matched: true,
              explanation: 'api:default/payments is tier-1',
            },
            {
              id: 'unmatched',
              label: 'Security fix',
              minimumLevel: 'medium',
              matched: false,
              explanation: 'none',
            },
          ],
        })}
      />,
    );
    const matrix = screen.getByRole('table', { name: 'Risk matrix' });
    const current = within(matrix)
      .getAllByRole('cell')
      .filter(cell => cell.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(current[0]).toBe(screen.getByTestId('risk-cell-4-3'));
    expect(within(matrix).getAllByRole('cell')).toHaveLength(25);
    expect(screen.getByTestId('risk-chip')).toHaveTextContent(/^high$/);
    const factors = screen.getByRole('list', { name: 'Risk factors' });
    expect(factors).toHaveTextContent(
      'Breaking changes (probability, +2): 1 breaking change',
    );
    expect(factors).toHaveTextContent('Transitive dependents (impact, +1)');
    const rules = screen.getByRole('list', { name: 'Hard rules matched' });
    expect(rules).toHaveTextContent('Breaking change on a tier-1 API');
    expect(rules).not.toHaveTextContent('Security fix');
    // No release: a hypothetical change cannot be overridden.
    expect(
      screen.queryByRole('button', { name: 'Override risk' }),
    ).not.toBeInTheDocument();
  });

  it('shows an override with its reason', async () => {
    await render(
      <RiskMatrix
        release={release}
        risk={makeRisk({
          level: 'low',
          override: {
            level: 'low',
            reason: 'Dark launch behind a flag',
            by: 'user:default/bob',
            at: '2030-02-02T09:00:00.000Z',
          },
        })}
      />,
    );
    expect(screen.getByTestId('risk-chip')).toHaveTextContent('low');
    expect(screen.getByText(/Dark launch behind a flag/)).toBeInTheDocument();
    expect(screen.getByText(/computed: medium/)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Remove override' }),
      ).toBeEnabled(),
    );
  });

  it('lets only owners override, and says why in words next to the button', async () => {
    await render(<RiskMatrix release={release} risk={makeRisk()} />, [
      'group:default/other',
    ]);
    const button = screen.getByRole('button', { name: 'Override risk' });
    await waitFor(() => expect(button).toBeDisabled());
    const reason = screen.getByTestId('disabled-reason');
    await waitFor(() => expect(reason).toHaveTextContent(/override its risk/));
    expect(reason).toBeVisible();
    expect(reason).not.toHaveTextContent('group:default');
    expect(button).toHaveAccessibleDescription(reason.textContent!);
  });

  it('overrides with a required reason and shows a 403', async () => {
    server.fail(
      'post',
      '/releases/r1/risk-override',
      403,
      'You are not a member of group:default/payments',
    );
    await render(<RiskMatrix release={release} risk={makeRisk()} />);
    const button = await screen.findByRole('button', { name: 'Override risk' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Override risk' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override risk' }),
    );
    expect(within(dialog).getByText('Give a reason')).toBeInTheDocument();
    expect(server.requests('post', '/releases/r1/risk-override')).toHaveLength(
      0,
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: /Level/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'low' }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Dark launch',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override risk' }),
    );
    expect(
      await within(dialog).findByText(
        'You are not a member of group:default/payments',
      ),
    ).toBeInTheDocument();
    expect(server.bodies('post', '/releases/r1/risk-override')).toEqual([
      { level: 'low', reason: 'Dark launch' },
    ]);
  });
});

describe('ReleaseImpact', () => {
  it('shows the risk and impact of a release and applies an override', async () => {
    const report = makeImpactReport();
    server.respond('get', '/releases/r1/impact', report);
    const onChanged = jest.fn();
    await render(
      <ReleaseImpact
        releaseId="r1"
        ownerRef="group:default/payments"
        onChanged={onChanged}
      />,
    );
    expect(
      screen.getByRole('heading', { name: 'Impact and risk' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('risk-chip')).toHaveTextContent('medium');
    expect(screen.getByText('Dependents (2)')).toBeInTheDocument();
    // The graph waits in a closed accordion.
    expect(screen.queryByTestId('impact-graph')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByText(/Blast radius graph \(5 entities\)/),
    );
    expect(await screen.findByTestId('impact-graph')).toBeInTheDocument();
    expect(screen.getByLabelText('Collapse by system')).toBeChecked();

    const button = screen.getByRole('button', { name: 'Override risk' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Override risk' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Reviewed',
    );
    // The backend stores the override and reports it from then on.
    const overridden = {
      ...report.risk,
      override: {
        level: 'medium' as const,
        reason: 'Reviewed',
        by: 'user:default/alice',
        at: '2030-02-02T09:00:00.000Z',
      },
    };
    server.respond('post', '/releases/r1/risk-override', overridden);
    server.respond('get', '/releases/r1/impact', {
      ...report,
      risk: overridden,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override risk' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(await screen.findByText(/Reviewed/)).toBeInTheDocument();
    server.respond('delete', '/releases/r1/risk-override', report.risk);
    server.respond('get', '/releases/r1/impact', report);
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove override' }),
    );
    // removing asks first
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the risk override?',
    });
    expect(server.requests('delete', '/releases/r1/risk-override')).toEqual([]);
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove override' }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/Reviewed/)).not.toBeInTheDocument(),
    );
    expect(server.bodies('post', '/releases/r1/risk-override')).toEqual([
      { level: 'medium', reason: 'Reviewed' },
    ]);
    expect(
      server.requests('delete', '/releases/r1/risk-override'),
    ).toHaveLength(1);
  });

  it('says when a release has no assessment', async () => {
    server.fail('get', '/releases/r1/impact', 404);
    await render(<ReleaseImpact releaseId="r1" ownerRef="group:default/x" />);
    expect(
      await screen.findByText(
        'No impact assessment is available for this release.',
      ),
    ).toBeInTheDocument();
  });
});
