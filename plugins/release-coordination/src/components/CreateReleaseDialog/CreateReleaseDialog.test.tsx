import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { makeRelease, makeTrain } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { CreateReleaseDialog, defaultWindow } from './CreateReleaseDialog';

const server = setupContractServer();

/** Renders the dialog; no standard changes or trains unless declared before. */
async function render() {
  const onCreated = jest.fn<void, [Release]>();
  const onClose = jest.fn();
  await renderInTestApp(
    <CreateReleaseDialog
      open
      onClose={onClose}
      onCreated={onCreated}
      initialEntityRefs={['component:default/payments-api']}
    />,
    { apis: [[releaseCoordinationApiRef, server.api]] },
  );
  return { onCreated, onClose };
}

const setValue = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('CreateReleaseDialog', () => {
  beforeEach(() => {
    server.respond('get', '/standard-changes', { items: [] });
    server.respond('get', '/trains', { items: [] });
    // The live window check and the free default window (see .live.test).
    server.respond('get', '/slots', { items: [] });
    server.respond('get', '/freeze-occurrences', { items: [] });
    server.respond('get', '/releases', { items: [] });
  });

  it('defaults the window to two hours from the next full hour tomorrow', () => {
    const now = DateTime.fromISO('2030-01-05T13:20:00');
    expect(defaultWindow(now)).toEqual({
      start: '2030-01-06T14:00',
      end: '2030-01-06T16:00',
    });
  });

  it('names each invalid field under the field', async () => {
    await render();
    setValue('Start', '2030-01-02T10:00');
    setValue('End', '2030-01-02T09:00');
    // Remove the preselected entity with the keyboard.
    screen.getByRole('button', { name: 'component:payments-api' }).focus();
    await userEvent.keyboard('{Delete}');
    expect(
      screen.queryByText('component:payments-api'),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(
      'Required',
    );
    expect(screen.getByLabelText('Version')).toHaveAccessibleDescription(
      'Required',
    );
    expect(screen.getByLabelText('End')).toHaveAccessibleDescription(
      'must be after window.start',
    );
    expect(screen.getByText('Add at least one entity')).toBeInTheDocument();
    expect(server.requests('post', '/releases')).toHaveLength(0);
  });

  it('validates change links', async () => {
    await render();
    setValue('Title', 'Payments 2.1');
    setValue('Version', '2.1.0');
    await userEvent.click(screen.getByRole('button', { name: 'Add change' }));
    setValue('Summary', 'New refunds');
    setValue('Link', 'not a url');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByLabelText('Link')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(server.requests('post', '/releases')).toHaveLength(0);
  });

  it('submits the form on Enter with the right body', async () => {
    server.respond('post', '/releases', makeRelease(), { status: 201 });
    const { onCreated } = await render();
    setValue('Title', 'Payments 2.1');
    setValue('Version', '2.1.0');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'hotfix');
    setValue('Start', '2030-01-02T10:00');
    setValue('End', '2030-01-02T12:30');
    setValue('Description', '# Notes');
    setValue('Rollback plan', 'Redeploy 2.0');
    await userEvent.click(screen.getByRole('button', { name: 'Add change' }));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'fix');
    setValue('Summary', 'Fix rounding');
    setValue('Link', 'https://example.com/pr/1');
    await userEvent.type(screen.getByLabelText('Title'), '{Enter}');

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(server.bodies('post', '/releases')).toEqual([
      {
        title: 'Payments 2.1',
        version: '2.1.0',
        type: 'hotfix',
        window: {
          start: new Date('2030-01-02T10:00').toISOString(),
          end: new Date('2030-01-02T12:30').toISOString(),
        },
        entityRefs: ['component:default/payments-api'],
        description: '# Notes',
        rollbackPlan: 'Redeploy 2.0',
        changes: [
          {
            kind: 'fix',
            title: 'Fix rounding',
            link: 'https://example.com/pr/1',
          },
        ],
      },
    ]);
    expect(onCreated.mock.calls[0][0]).toMatchObject({ title: 'Payments 2.1' });
  });

  it('makes a standard release choose a declared standard change', async () => {
    server.respond('get', '/standard-changes', {
      items: [
        {
          id: 'payments-config',
          title: 'Payments configuration change',
          entityRefs: ['component:default/payments-api'],
          changeKinds: ['config'],
        },
      ],
    });
    server.respond(
      'post',
      '/releases',
      makeRelease({ type: 'standard', standardChangeId: 'payments-config' }),
      { status: 201 },
    );
    const { onCreated } = await render();
    setValue('Title', 'Pool size');
    setValue('Version', '2.1.1');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'standard');
    const field = await screen.findByLabelText(/Standard change/);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(field).toHaveAccessibleDescription(
      'A standard (pre-approved) release follows a declared standard change: choose one',
    );
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: 'Payments configuration change' }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(field, 'payments-config');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(server.bodies('post', '/releases')[0]).toMatchObject({
      type: 'standard',
      standardChangeId: 'payments-config',
    });
  });

  it('shows the message of a rejected request', async () => {
    server.fail(
      'post',
      '/releases',
      400,
      'entityRefs: component:default/nope does not exist',
    );
    const { onCreated } = await render();
    setValue('Title', 'Payments 2.1');
    setValue('Version', '2.1.0');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'entityRefs: component:default/nope does not exist',
    );
    expect(onCreated).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('adds entities and closes on Escape', async () => {
    const { onClose } = await render();
    await userEvent.type(
      screen.getByLabelText('Add entity'),
      'api:default/payments{Enter}',
    );
    expect(screen.getByText('api:payments')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  describe('Suggest slots', () => {
    const local = (iso: string) =>
      DateTime.fromISO(iso).toFormat("yyyy-MM-dd'T'HH:mm");

    it('lists conflict-free windows of the window length and fills Start and End with the chosen one', async () => {
      server.respond('get', '/trains', { items: [makeTrain()] });
      server.respond('get', '/slots', {
        items: [
          {
            start: '2030-01-08T09:00:00.000Z',
            end: '2030-01-08T10:30:00.000Z',
          },
          {
            start: '2030-01-15T09:00:00.000Z',
            end: '2030-01-15T10:30:00.000Z',
            trainId: 't1',
          },
        ],
      });
      await render();
      setValue('Type', 'hotfix');
      setValue('Start', '2030-01-02T10:00');
      setValue('End', '2030-01-02T11:30');
      const before = Date.now();
      await userEvent.click(
        screen.getByRole('button', { name: 'Suggest slots' }),
      );

      const list = await screen.findByRole('list', { name: 'Suggested slots' });
      const items = within(list).getAllByTestId('form-suggested-slot');
      expect(items).toHaveLength(2);
      expect(items[0]).toHaveTextContent(
        DateTime.fromISO('2030-01-08T09:00:00.000Z').toLocaleString(
          DateTime.DATETIME_MED,
        ),
      );
      expect(items[0]).not.toHaveTextContent('Train slot');
      expect(items[1]).toHaveTextContent('Train slot: Commerce train');

      // The button's request, apart from the default window's (count 1).
      const calls = server
        .queries('get', '/slots')
        .filter(query => query.count === 5);
      expect(calls).toHaveLength(1);
      const call = calls[0] as Record<string, string>;
      expect(call).toMatchObject({
        entityRef: ['component:default/payments-api'],
        duration: 'PT1H30M',
        type: 'hotfix',
        count: 5,
      });
      expect(Date.parse(call.after!)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(call.after!)).toBeLessThanOrEqual(Date.now());

      await userEvent.click(items[1]);
      expect(screen.getByLabelText('Start')).toHaveValue(
        local('2030-01-15T09:00:00.000Z'),
      );
      expect(screen.getByLabelText('End')).toHaveValue(
        local('2030-01-15T10:30:00.000Z'),
      );
      expect(
        within(list).getAllByTestId('form-suggested-slot')[1],
      ).toHaveAttribute('aria-pressed', 'true');
    });

    it('shows the message of a rejected request', async () => {
      server.fail(
        'get',
        '/slots',
        400,
        'entityRef: component:default/payments-api does not exist',
      );
      await render();
      await userEvent.click(
        screen.getByRole('button', { name: 'Suggest slots' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Slots could not be suggested: entityRef: component:default/payments-api does not exist',
      );
    });

    it('needs an entity and a window', async () => {
      await render();
      setValue('Start', '2030-01-02T10:00');
      setValue('End', '2030-01-02T09:00');
      const button = screen.getByRole('button', { name: 'Suggest slots' });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(
        'Set a window to get suggestions.',
      );
      setValue('End', '2030-01-02T12:00');
      expect(button).toBeEnabled();
      screen.getByRole('button', { name: 'component:payments-api' }).focus();
      await userEvent.keyboard('{Delete}');
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(
        'Add an entity to get suggestions.',
      );
      expect(
        server.queries('get', '/slots').filter(query => query.count === 5),
      ).toHaveLength(0);
    });
  });
});
