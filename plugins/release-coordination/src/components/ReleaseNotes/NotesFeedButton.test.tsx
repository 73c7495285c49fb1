import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { NotesFeedButton } from './NotesFeedButton';

const server = setupContractServer();

const SYSTEM = 'system:default/storefront';
const ownFeed = {
  id: 'feed1',
  system: SYSTEM,
  createdAt: '2030-02-02T09:00:00.000Z',
};
const otherSystemFeed = {
  id: 'feed0',
  system: 'system:default/payments',
  createdAt: '2030-02-01T09:00:00.000Z',
};
const URL_OF_NEW =
  'http://localhost:7007/api/release-coordination/notes-feeds/feed2/atom.xml?token=secret-feed2';

describe('NotesFeedButton', () => {
  it("creates a System's release notes feed, shows its URL once, and revokes after asking", async () => {
    server.respond('get', '/notes-feeds', {
      items: [otherSystemFeed, ownFeed],
    });
    await renderInTestApp(<NotesFeedButton system={SYSTEM} />, {
      apis: [[releaseCoordinationApiRef, server.api], mockApis.identity()],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Release notes feed' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Release notes of storefront as a feed',
    });
    // only this System's feeds
    const feeds = await within(dialog).findByRole('list', {
      name: 'Your release notes feeds of storefront',
    });
    expect(within(feeds).getAllByRole('listitem')).toHaveLength(1);
    expect(
      within(feeds).getByText('release notes of storefront'),
    ).toBeInTheDocument();

    server.respond(
      'post',
      '/notes-feeds',
      {
        id: 'feed2',
        system: SYSTEM,
        createdAt: '2030-02-02T10:00:00.000Z',
        token: 'secret-feed2',
        url: URL_OF_NEW,
      },
      { status: 201 },
    );
    server.respond('get', '/notes-feeds', {
      items: [otherSystemFeed, ownFeed, { ...ownFeed, id: 'feed2' }],
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create feed URL' }),
    );
    expect(server.bodies('post', '/notes-feeds')).toEqual([{ system: SYSTEM }]);
    expect(
      await within(dialog).findByRole('textbox', { name: 'Feed URL' }),
    ).toHaveValue(URL_OF_NEW);
    expect(within(dialog).getByText(/shown only once/)).toBeInTheDocument();

    server.respond('delete', '/notes-feeds/feed1', undefined);
    await waitFor(() =>
      expect(within(feeds).getAllByRole('listitem')).toHaveLength(2),
    );
    await userEvent.click(
      within(feeds).getAllByRole('button', { name: /Revoke/ })[0],
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Revoke this feed?',
    });
    expect(server.requests('delete', '/notes-feeds/{id}')).toEqual([]);
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() =>
      expect(server.requests('delete', '/notes-feeds/{id}')).toEqual([
        expect.objectContaining({ params: { id: 'feed1' } }),
      ]),
    );
  });
});
