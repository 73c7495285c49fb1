import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerRelease } from '../../__testUtils__/answers';
import { makeConflict, makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import {
  Release,
  instantText,
  periodText,
} from '@internal/plugin-release-coordination-common';
import { Settings } from 'luxon';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasePage } from '../ReleasePage';
import { ReleaseConflicts } from './ReleaseConflicts';
import { windowDuration } from '../shared/conflictDisplay';

const OWNER = ['user:default/alice', 'group:default/payments'];
const OTHER = ['user:default/mallory', 'group:default/other'];

const server = setupContractServer();

/**
 * A three-hour release with a blocking freeze conflict and a warning about
 * r2; the backend suggests two slots and moves the release when asked.
 */
function setup() {
  const release = makeRelease({
    // three hours
    window: {
      start: '2030-03-01T09:00:00.000Z',
      end: '2030-03-01T12:00:00.000Z',
    },
    entityRefs: ['component:default/payments-api', 'component:default/ledger'],
    conflicts: [
      makeConflict({
        entityRefs: [
          'component:default/ledger',
          'component:default/payments-api',
        ],
      }),
      makeConflict({
        id: 'dependency:r1:r2',
        kind: 'dependency',
        severity: 'warning',
        releaseIds: ['r1', 'r2'],
        message: 'Overlaps Ledger 5 of a dependency',
        suggestion: 'Release one after the other',
      }),
    ],
  });
  server.respond(
    'get',
    '/releases/r2',
    makeRelease({ id: 'r2', title: 'Ledger', version: '5.0.0' }),
  );
  server.respond('get', '/trains', { items: [] });
  server.respond('get', '/slots', {
    items: [
      { start: '2030-03-04T09:00:00.000Z', end: '2030-03-04T12:00:00.000Z' },
      { start: '2030-03-05T09:00:00.000Z', end: '2030-03-05T12:00:00.000Z' },
    ],
  });
  server.respond('patch', '/releases/r1', ({ body }) => ({
    ...release,
    window: body.window,
    revision: 2,
  }));
  return release;
}

async function render(
  release: Release,
  ownershipEntityRefs = OWNER,
  onChanged = jest.fn(),
) {
  await renderInTestApp(
    <ReleaseConflicts release={release} onChanged={onChanged} />,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: ownershipEntityRefs[0],
          ownershipEntityRefs,
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return onChanged;
}

describe('windowDuration', () => {
  it('gives the window length as an ISO duration within the allowed range', () => {
    expect(
      windowDuration({
        start: '2030-03-01T09:00:00.000Z',
        end: '2030-03-01T11:30:00.000Z',
      }),
    ).toBe('PT2H30M');
    expect(
      windowDuration({
        start: '2030-03-01T09:00:00.000Z',
        end: '2030-03-01T09:05:00.000Z',
      }),
    ).toBe('PT15M');
  });
});

describe('ReleaseConflicts', () => {
  it('lists every conflict with severity, kind, entities, other releases and suggestion', async () => {
    await render(setup());

    expect(screen.getByText('Conflicts')).toBeInTheDocument();
    const items = screen.getAllByTestId('release-conflict');
    expect(items).toHaveLength(2);
    const [freeze, dependency] = items;
    expect(freeze).toHaveAttribute('data-severity', 'blocking');
    expect(within(freeze).getByText('Blocking')).toBeInTheDocument();
    expect(within(freeze).getByText('Freeze')).toBeInTheDocument();
    expect(
      within(freeze).getByText(/falls into the freeze "Quarter-end freeze"/),
    ).toBeInTheDocument();
    expect(within(freeze).getByText('ledger')).toBeInTheDocument();
    expect(within(freeze).getByText('payments-api')).toBeInTheDocument();
    expect(
      within(freeze).getByText(/Move the release out of the freeze/),
    ).toBeInTheDocument();

    expect(within(dependency).getByText('Warning')).toBeInTheDocument();
    expect(within(dependency).getByText('Dependency')).toBeInTheDocument();
    expect(
      await within(dependency).findByRole('link', { name: 'Ledger 5.0.0' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r2');
  });

  it("says the server's UTC times in the reader's zone", async () => {
    setup();
    const start = Date.now() + 7 * 24 * 3_600_000;
    const end = start + 62 * 3_600_000;
    const release = makeRelease({
      conflicts: [
        makeConflict({
          message: `Inside "Weekend freeze" (${periodText(start, end)})`,
          suggestion: `Move it to start at or after ${instantText(end)}`,
        }),
      ],
    });
    Settings.defaultZone = 'Asia/Kolkata';
    try {
      await render(release);
      expect(
        await screen.findByText(
          `Inside "Weekend freeze" (${periodText(start, end, 'Asia/Kolkata')})`,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          `Move it to start at or after ${instantText(end, 'Asia/Kolkata')}`,
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/UTC/)).toBeNull();
    } finally {
      Settings.defaultZone = 'system';
    }
  });

  it('suggests slots of the window length and moves the release there', async () => {
    const onChanged = await render(setup());

    expect(screen.getByText('Suggested slots')).toBeInTheDocument();
    const buttons = await screen.findAllByRole('button', { name: /Move here/ });
    expect(buttons).toHaveLength(2);
    expect(server.queries('get', '/slots')).toEqual([
      {
        entityRef: [
          'component:default/payments-api',
          'component:default/ledger',
        ],
        duration: 'PT3H',
        type: 'normal',
        count: 5,
      },
    ]);
    await waitFor(() => expect(buttons[1]).toBeEnabled());

    await userEvent.click(buttons[1]);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('patch', '/releases/r1')).toEqual([
      {
        revision: 1,
        window: {
          start: '2030-03-05T09:00:00.000Z',
          end: '2030-03-05T12:00:00.000Z',
        },
      },
    ]);
  });

  it('books train slots instead of patching the window', async () => {
    const release = setup();
    const slot = {
      start: '2030-03-05T09:00:00.000Z',
      end: '2030-03-05T11:00:00.000Z',
    };
    server.respond('get', '/slots', { items: [{ ...slot, trainId: 't1' }] });
    server.respond('post', '/releases/r1/train-slot', {
      booking: {
        releaseId: 'r1',
        trainId: 't1',
        slotStart: slot.start,
        bookedBy: 'user:default/alice',
        bookedAt: '2030-02-02T09:00:00.000Z',
      },
      release: { ...release, window: slot, revision: 2 },
    });
    const onChanged = await render(release);
    expect(await screen.findByText('Release train slot')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: /Move here/ });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/r1/train-slot')).toEqual([
      { trainId: 't1', slotStart: '2030-03-05T09:00:00.000Z' },
    ]);
    expect(server.requests('patch', '/releases/r1')).toEqual([]);
  });

  it('disables moving and overriding for others and says why in words', async () => {
    await render(setup(), OTHER);
    const moves = await screen.findAllByRole('button', { name: /Move here/ });
    await waitFor(() => expect(moves[0]).toBeDisabled());
    const moveReason =
      'Only members of payments, which owns this release, can move it.';
    // said once above the suggestions, and the description of each button
    expect(screen.getByText(moveReason)).toBeVisible();
    for (const move of moves) {
      expect(move).toHaveAccessibleDescription(moveReason);
    }
    const override = screen.getByRole('button', { name: 'Override freeze' });
    expect(override).toBeDisabled();
    const overrideReason =
      'Only members of payments, which owns this release, can override its freezes.';
    expect(screen.getByText(overrideReason)).toBeVisible();
    expect(override).toHaveAccessibleDescription(overrideReason);
  });

  it('disables removing an override for others and says why in words', async () => {
    await render(
      {
        ...setup(),
        conflicts: [],
        freezeOverride: {
          reason: 'Card scheme deadline',
          by: 'user:default/bob',
          at: '2030-02-02T09:00:00.000Z',
        },
      },
      OTHER,
    );
    const remove = within(screen.getByTestId('freeze-override')).getByRole(
      'button',
      { name: 'Remove override' },
    );
    await waitFor(() => expect(remove).toBeDisabled());
    const reason =
      'Only members of payments, which owns this release, can override its freezes.';
    expect(screen.getByText(reason)).toBeVisible();
    expect(remove).toHaveAccessibleDescription(reason);
  });

  it('overrides a freeze with a required reason', async () => {
    const release = setup();
    server.respond('post', '/releases/r1/freeze-override', {
      ...release,
      freezeOverride: {
        reason: 'Card scheme deadline',
        by: 'user:default/alice',
        at: '2030-02-02T09:00:00.000Z',
      },
      revision: 2,
    });
    const onChanged = await render(release);
    const button = screen.getByRole('button', { name: 'Override freeze' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog', {
      name: 'Override freeze',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override freeze' }),
    );
    expect(within(dialog).getByText('Give a reason')).toBeInTheDocument();
    expect(server.requests('post', '/releases/r1/freeze-override')).toEqual([]);

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Card scheme deadline',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override freeze' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/r1/freeze-override')).toEqual([
      { reason: 'Card scheme deadline' },
    ]);
  });

  it('shows an override with who, when and why, and removes it', async () => {
    const release: Release = {
      ...setup(),
      conflicts: [],
      freezeOverride: {
        reason: 'Card scheme deadline',
        by: 'user:default/bob',
        at: '2030-02-02T09:00:00.000Z',
      },
    };
    const { freezeOverride: _removed, ...cleared } = release;
    server.respond('delete', '/releases/r1/freeze-override', {
      ...cleared,
      revision: 2,
    });
    const onChanged = await render(release);
    const override = screen.getByTestId('freeze-override');
    expect(override).toHaveTextContent('bob');
    expect(override).toHaveTextContent('Card scheme deadline');
    expect(screen.queryByText('Suggested slots')).not.toBeInTheDocument();

    const remove = within(override).getByRole('button', {
      name: 'Remove override',
    });
    await waitFor(() => expect(remove).toBeEnabled());
    await userEvent.click(remove);
    // removing asks first
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the freeze override?',
    });
    expect(server.requests('delete', '/releases/r1/freeze-override')).toEqual(
      [],
    );
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove override' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(
      server.requests('delete', '/releases/r1/freeze-override'),
    ).toHaveLength(1);
  });

  it('renders nothing without conflicts or override', async () => {
    await render(makeRelease());
    expect(screen.queryByText('Conflicts')).not.toBeInTheDocument();
  });

  it('is shown on the release page and refreshes it after a move', async () => {
    answerRelease(server, setup());
    await renderInTestApp(<ReleasePage releaseId="r1" />, {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: OWNER,
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
    expect(await screen.findByText('Conflicts')).toBeInTheDocument();
    const [move] = await screen.findAllByRole('button', { name: /Move here/ });
    await waitFor(() => expect(move).toBeEnabled());
    // the backend keeps the conflicts; the page reloads at the new revision
    server.respond('get', '/releases/r1', { ...setup(), revision: 2 });
    await userEvent.click(move);
    await waitFor(() => expect(screen.getByText('2')).toBeInTheDocument());
    expect(server.requests('patch', '/releases/r1')).toHaveLength(1);
  });
});
