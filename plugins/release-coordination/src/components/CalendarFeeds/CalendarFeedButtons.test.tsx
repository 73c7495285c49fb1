import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { CalendarFeedButtons, feedFiltersOf } from './CalendarFeedButtons';

const server = setupContractServer();

const otherFeed = {
  id: 'feed1',
  filters: { owner: 'group:default/other' },
  createdAt: '2030-02-02T09:00:00.000Z',
};
const newFeed = {
  id: 'feed2',
  filters: {
    system: 'system:default/payments',
    owner: 'group:default/payments',
  },
  createdAt: '2030-02-02T10:00:00.000Z',
};

function render() {
  return renderInTestApp(
    <CalendarFeedButtons
      filter={{
        system: 'system:default/payments',
        owner: 'group:default/payments',
        type: ['normal'],
      }}
    />,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({ ownershipEntityRefs: ['group:default/payments'] }),
      ],
    },
  );
}

describe('CalendarFeedButtons', () => {
  it('keeps the filters a feed understands', () => {
    expect(
      feedFiltersOf({
        entityRef: ['component:default/a'],
        domain: 'domain:default/x',
        onlyMine: true,
      }),
    ).toEqual({ entityRef: 'component:default/a' });
    expect(
      feedFiltersOf({ entityRef: ['component:default/a', 'api:default/b'] }),
    ).toEqual({});
  });

  it('creates a feed, shows its URL once with a copy button, and revokes feeds', async () => {
    server.respond('get', '/calendar-feeds', { items: [otherFeed] });
    await render();

    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Subscribe to the calendar',
    });
    expect(await within(dialog).findByText('owner other')).toBeInTheDocument();

    server.respond('get', '/calendar-feeds', { items: [otherFeed, newFeed] });
    server.respond(
      'post',
      '/calendar-feeds',
      {
        ...newFeed,
        token: 'secret-feed2',
        url: 'http://localhost:7007/api/release-coordination/calendar-feeds/feed2/calendar.ics?token=secret-feed2',
      },
      { status: 201 },
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create feed URL' }),
    );
    expect(server.bodies('post', '/calendar-feeds')).toEqual([
      {
        filters: {
          system: 'system:default/payments',
          owner: 'group:default/payments',
        },
      },
    ]);
    expect(
      await within(dialog).findByRole('textbox', { name: 'Feed URL' }),
    ).toHaveValue(
      'http://localhost:7007/api/release-coordination/calendar-feeds/feed2/calendar.ics?token=secret-feed2',
    );
    expect(within(dialog).getByText(/shown only once/)).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Copy feed URL' }),
    ).toBeInTheDocument();

    const feeds = await within(dialog).findByRole('list', {
      name: 'Your calendar feeds',
    });
    await waitFor(() =>
      expect(within(feeds).getAllByRole('listitem')).toHaveLength(2),
    );
    server.respond('delete', '/calendar-feeds/feed1', undefined);
    server.respond('get', '/calendar-feeds', { items: [newFeed] });
    await userEvent.click(
      within(feeds).getAllByRole('button', { name: /Revoke/ })[0],
    );
    // revoking asks first
    const confirm = await screen.findByRole('dialog', {
      name: 'Revoke this feed?',
    });
    expect(server.requests('delete', '/calendar-feeds/{id}')).toEqual([]);
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() =>
      expect(server.requests('delete', '/calendar-feeds/{id}')).toEqual([
        expect.objectContaining({ params: { id: 'feed1' } }),
      ]),
    );
    await waitFor(() =>
      expect(within(feeds).getAllByRole('listitem')).toHaveLength(1),
    );
  });

  it('downloads the .ics with the token through fetch and saves it', async () => {
    server.respond(
      'get',
      '/calendar.ics',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
    const createObjectURL = jest.fn(() => 'blob:ics');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await render();
    await userEvent.click(
      screen.getByRole('button', { name: 'Download .ics' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(server.queries('get', '/calendar.ics')).toEqual([
      { system: 'system:default/payments', owner: 'group:default/payments' },
    ]);
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    click.mockRestore();
  });
});
