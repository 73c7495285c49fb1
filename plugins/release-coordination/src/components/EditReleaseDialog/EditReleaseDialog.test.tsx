import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EditReleaseDialog } from './EditReleaseDialog';

describe('EditReleaseDialog', () => {
  const server = setupContractServer();
  beforeEach(() => {
    // The live window check.
    server.respond('get', '/freeze-occurrences', { items: [] });
    server.respond('get', '/releases', { items: [] });
  });

  it('moves a release to a suggested slot of its length', async () => {
    const release = makeRelease({
      id: 'r1',
      type: 'security',
      entityRefs: ['component:default/payments-api', 'api:default/payments'],
      window: {
        start: '2030-03-05T09:00:00.000Z',
        end: '2030-03-05T13:00:00.000Z',
      },
    });
    const slot = {
      start: '2030-03-12T09:00:00.000Z',
      end: '2030-03-12T13:00:00.000Z',
    };
    server.respond('get', '/slots', { items: [slot] });
    server.respond('patch', '/releases/r1', {
      ...release,
      window: slot,
      revision: 2,
    });
    const onSaved = jest.fn();
    await renderInTestApp(
      <EditReleaseDialog
        open
        release={release}
        onClose={jest.fn()}
        onSaved={onSaved}
        onReload={jest.fn()}
      />,
      { apis: [[releaseCoordinationApiRef, server.api]] },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Suggest slots' }),
    );
    const [suggested] = await within(
      await screen.findByRole('list', { name: 'Suggested slots' }),
    ).findAllByTestId('form-suggested-slot');
    expect(server.queries('get', '/slots')[0]).toMatchObject({
      entityRef: ['component:default/payments-api', 'api:default/payments'],
      duration: 'PT4H',
      type: 'security',
      count: 5,
    });
    await userEvent.click(suggested);
    expect(screen.getByLabelText('Start')).toHaveValue(
      DateTime.fromISO('2030-03-12T09:00:00.000Z').toFormat(
        "yyyy-MM-dd'T'HH:mm",
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(server.bodies('patch', '/releases/r1')[0]).toMatchObject({
      window: {
        start: '2030-03-12T09:00:00.000Z',
        end: '2030-03-12T13:00:00.000Z',
      },
    });
  });

  it('sends only the rollback plan when it alone changed, and blank to remove it', async () => {
    const release = makeRelease({
      id: 'r1',
      revision: 1,
      rollbackPlan: 'Redeploy 1.0',
    });
    server.respond('patch', '/releases/r1', {
      ...release,
      rollbackPlan: '',
      revision: 2,
    });
    const onSaved = jest.fn();
    await renderInTestApp(
      <EditReleaseDialog
        open
        release={release}
        onClose={jest.fn()}
        onSaved={onSaved}
        onReload={jest.fn()}
      />,
      { apis: [[releaseCoordinationApiRef, server.api]] },
    );
    const field = screen.getByLabelText('Rollback plan');
    expect(field).toHaveValue('Redeploy 1.0');
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(server.bodies('patch', '/releases/r1')).toEqual([
      { revision: 1, rollbackPlan: '' },
    ]);
  });
});
