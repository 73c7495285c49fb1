import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ReleaseState,
  ReleaseVerification as ReleaseVerificationValue,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseVerification } from './ReleaseVerification';

const server = setupContractServer();
const PATH = '/releases/r1/criteria';
const PAYMENTS = 'group:default/payments';
const AT = '2030-03-01T12:00:00.000Z';

const criterion = (
  overrides: Partial<SuccessCriterion> = {},
): SuccessCriterion => ({
  id: 'c1',
  releaseId: 'r1',
  text: 'Error rate below 0.5 %',
  check: {
    metric: 'error_rate',
    comparator: '<',
    threshold: 0.5,
    window: 'PT4H',
  },
  ownerRef: PAYMENTS,
  createdBy: 'user:default/alice',
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});

/** Declares the criteria the backend answers for r1 in `state`. */
function answer(state: ReleaseState, criteria: SuccessCriterion[]) {
  const open = criteria.filter(
    c => !['met', 'waived'].includes(c.outcome?.result ?? ''),
  );
  const value: ReleaseVerificationValue = {
    criteria,
    editable: ['draft', 'planned', 'approved', 'in_progress'].includes(state),
    recordable: state === 'released',
    verifiable: open.length === 0,
    blocking: open.map(c => `"${c.text}" (open, owner ${c.ownerRef})`),
  };
  server.respond('get', PATH, value);
  return value;
}

async function render(
  state: ReleaseState,
  options: { refs?: string[]; onChanged?: () => void } = {},
) {
  return renderInTestApp(
    <ReleaseVerification
      release={makeRelease({ state })}
      onChanged={options.onChanged}
    />,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: options.refs ?? ['user:default/alice', PAYMENTS],
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('ReleaseVerification', () => {
  it('disables adding criteria for non-owners and says why in words', async () => {
    answer('planned', []);
    await render('planned', { refs: ['user:default/mallory'] });
    const add = await screen.findByRole('button', { name: 'Add criterion' });
    await waitFor(() => expect(add).toBeDisabled());
    const reason =
      'Only members of payments, which owns this release, can change its success criteria.';
    expect(screen.getByText(reason)).toBeVisible();
    expect(add).toHaveAccessibleDescription(reason);
  });

  it('shows the empty state and adds a criterion with a measurable check, validating on the client first', async () => {
    answer('planned', []);
    await render('planned');
    expect(
      await screen.findByText(/No success criteria yet/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Add criterion' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(
      within(dialog).getByText(/expected string|at least 1|Too small/i),
    ).toBeInTheDocument();
    expect(server.requests('post', PATH)).toHaveLength(0);

    await userEvent.type(
      within(dialog).getByLabelText(/Criterion/),
      'Error rate below 0.5 %',
    );
    await userEvent.click(within(dialog).getByLabelText('Measurable check'));
    await userEvent.type(within(dialog).getByLabelText('Metric'), 'error_rate');
    await userEvent.type(within(dialog).getByLabelText('Threshold'), 'low');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText('must be a number')).toBeInTheDocument();
    expect(server.requests('post', PATH)).toHaveLength(0);

    await userEvent.clear(within(dialog).getByLabelText('Threshold'));
    await userEvent.type(within(dialog).getByLabelText('Threshold'), '0.5');
    server.respond('post', PATH, criterion());
    answer('planned', [criterion()]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(server.bodies('post', PATH)).toEqual([
      {
        text: 'Error rate below 0.5 %',
        ownerRef: PAYMENTS,
        check: {
          metric: 'error_rate',
          comparator: '<',
          threshold: 0.5,
          window: 'PT4H',
        },
      },
    ]);
    expect(
      await screen.findByText('Error rate below 0.5 %'),
    ).toBeInTheDocument();
    expect(screen.getByText(/error_rate < 0.5 over PT4H/)).toBeInTheDocument();
  });

  it("shows the server's 400 message next to the field it names", async () => {
    answer('planned', []);
    await render('planned');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add criterion' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Criterion/),
      'Tickets normal',
    );
    await userEvent.clear(within(dialog).getByLabelText(/Owner/));
    await userEvent.type(
      within(dialog).getByLabelText(/Owner/),
      'group:nobody',
    );
    server.fail(
      'post',
      PATH,
      400,
      'ownerRef: group:default/nobody is not in the catalog',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    const owner = within(dialog).getByLabelText(/Owner/);
    await waitFor(() => expect(owner).toHaveAttribute('aria-invalid', 'true'));
    expect(
      within(dialog).getByText('group:default/nobody is not in the catalog'),
    ).toBeInTheDocument();
  });

  it('lets the owner record a waiver (reason required) and shows the checker proposal', async () => {
    const proposed = criterion({
      proposal: {
        result: 'met',
        observedValue: 0.21,
        checker: 'http',
        checkedAt: AT,
      },
    });
    answer('released', [proposed]);
    await render('released');
    expect(
      await screen.findByText(/Checker http proposes met: observed 0.21/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Verify release' }),
    ).toBeDisabled();
    expect(screen.getByTestId('verify-disabled-reason')).toHaveTextContent(
      `"Error rate below 0.5 %" (open, owner ${PAYMENTS})`,
    );
    expect(
      screen.getByRole('button', { name: 'Verify release' }),
    ).toHaveAccessibleDescription(/Error rate below 0\.5 %/);
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Record result' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Observed value')).toHaveValue('0.21');
    await userEvent.click(within(dialog).getByLabelText('Waived'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(
      within(dialog).getByText('a waiver needs a reason'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Why it is waived/),
      'Partner outage',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Evidence link'),
      'https://grafana.example.com/d/1',
    );
    const recorded = criterion({
      outcome: {
        result: 'waived',
        waiverReason: 'Partner outage',
        evidence: 'https://grafana.example.com/d/1',
        observedValue: '0.21',
        recordedBy: 'user:default/alice',
        recordedAt: AT,
      },
    });
    server.respond('post', `${PATH}/c1/result`, recorded);
    answer('released', [recorded]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(server.bodies('post', `${PATH}/c1/result`)).toEqual([
      {
        result: 'waived',
        waiverReason: 'Partner outage',
        evidence: 'https://grafana.example.com/d/1',
        observedValue: '0.21',
      },
    ]);
    expect(
      await screen.findByText(/waived: Partner outage/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Verify release' }),
    ).toBeEnabled();
  });

  it('tells users who do not own a criterion that they cannot record it', async () => {
    answer('released', [
      criterion({
        outcome: {
          result: 'met',
          recordedBy: 'user:default/bob',
          recordedAt: AT,
        },
      }),
      criterion({
        id: 'c2',
        text: 'Tickets normal',
        ownerRef: 'user:default/bob',
      }),
    ]);
    await render('released');
    expect(
      await screen.findByText('Only bob can record the result.'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /result/ })).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: 'Verify release' }),
    ).toBeDisabled();
  });

  it('verifies once every criterion is met or waived', async () => {
    answer('released', [
      criterion({
        outcome: {
          result: 'met',
          recordedBy: 'user:default/bob',
          recordedAt: AT,
        },
      }),
    ]);
    server.respond(
      'post',
      '/releases/r1/transition',
      makeRelease({ state: 'verified' }),
    );
    const onChanged = jest.fn();
    await render('released', { onChanged });
    const verify = await screen.findByRole('button', {
      name: 'Verify release',
    });
    expect(
      screen.queryByTestId('verify-disabled-reason'),
    ).not.toBeInTheDocument();
    await userEvent.click(verify);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/r1/transition')).toEqual([
      { to: 'verified' },
    ]);
  });

  it('shows an error panel when the criteria cannot be loaded', async () => {
    server.fail('get', PATH, 503, 'database down');
    await render('planned');
    expect(await screen.findByText(/database down/)).toBeInTheDocument();
  });
});
