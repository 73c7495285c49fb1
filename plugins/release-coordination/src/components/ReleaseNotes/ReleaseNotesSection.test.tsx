import { identityApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  Release,
  ReleaseNotes,
} from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { ReleaseNotesSection } from './ReleaseNotesSection';

const release: Release = {
  id: 'r1',
  title: 'Payments 6',
  version: '6.0.0',
  type: 'normal',
  state: 'planned',
  window: { start: '2026-12-10T10:00:00Z', end: '2026-12-10T12:00:00Z' },
  entityRefs: ['component:default/payments'],
  ownerRef: 'group:default/team-pay',
  description: '',
  changes: [{ kind: 'breaking', title: 'Drop v1 charges' }],
  createdBy: 'user:default/olga',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  revision: 2,
};

const identity = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/olga',
    ownershipEntityRefs: ['group:default/team-pay'],
  }),
} as any;

const server = setupContractServer();

/** The notes the server answers: their text names the audience and format asked. */
const notesFor = (query: Record<string, unknown>): ReleaseNotes => {
  const audience =
    (query.audience as ReleaseNotes['audience']) ?? 'engineering';
  const format = (query.format as ReleaseNotes['format']) ?? 'markdown';
  const generated = `# Payments 6 6.0.0\n\n## ${audience} notes`;
  return {
    releaseId: 'r1',
    audience,
    format,
    content:
      format === 'html' ? `<h1>Payments 6</h1><p>${audience}</p>` : generated,
    generated,
    revision: 0,
    editable: true,
  };
};

async function render(answer = notesFor) {
  server.respond('get', '/releases/r1/notes', req => answer(req.query));
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseCoordinationApiRef, server.api],
        [identityApiRef, identity],
      ]}
    >
      <ReleaseNotesSection release={release} />
    </TestApiProvider>,
  );
  // nothing is asked until the section is opened
  expect(server.requests('get', '/releases/r1/notes')).toHaveLength(0);
  fireEvent.click(screen.getByText('Release notes'));
  await screen.findByText(/## engineering notes/);
}

describe('ReleaseNotesSection', () => {
  it('shows the notes of the audience chosen, copies them and downloads them in the format chosen', async () => {
    const writeText = jest.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    await render();

    fireEvent.click(screen.getByRole('button', { name: 'Business' }));
    await screen.findByText(/## business notes/);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(
      '# Payments 6 6.0.0\n\n## business notes',
    );

    fireEvent.click(screen.getByRole('button', { name: 'HTML' }));
    await screen.findByText('<h1>Payments 6</h1><p>business</p>');
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:notes';
    });
    URL.revokeObjectURL = jest.fn();
    const names: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        names.push(this.download);
      });
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    click.mockRestore();
    expect(names).toEqual(['payments-6-6.0.0-business-notes.html']);
    expect(blobs[0].type).toBe('text/html;charset=utf-8');
    const text = await blobs[0].text();
    expect(text).toBe('<h1>Payments 6</h1><p>business</p>');
    expect(server.queries('get', '/releases/r1/notes').at(-1)).toEqual({
      audience: 'business',
      format: 'html',
    });
  });

  it('saves an edit at the revision read, and says so when someone saved first (409)', async () => {
    await render();
    server.fail('put', '/releases/r1/notes', 409, 'stale');
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const field = await screen.findByLabelText('Notes (Markdown)');
    expect(field).toHaveValue('# Payments 6 6.0.0\n\n## engineering notes');
    fireEvent.change(field, { target: { value: 'Faster charges.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    await screen.findByText(/Someone saved these notes/);

    server.respond('put', '/releases/r1/notes', req => ({
      ...notesFor({}),
      content: req.body.markdown,
      revision: 1,
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() =>
      expect(screen.queryByLabelText('Notes (Markdown)')).toBeNull(),
    );
    expect(server.bodies('put', '/releases/r1/notes').at(-1)).toEqual({
      audience: 'engineering',
      markdown: 'Faster charges.',
      revision: 0,
    });
  });

  it('disables Edit once released and says why in words', async () => {
    await render(query => ({ ...notesFor(query), editable: false }));
    const edit = screen.getByRole('button', { name: 'Edit' });
    expect(edit).toBeDisabled();
    expect(screen.getByText('Released: the notes are final.')).toBeVisible();
    expect(edit).toHaveAccessibleDescription('Released: the notes are final.');
  });

  it('previews what the next announcement sends to whom', async () => {
    await render();
    server.respond('get', '/releases/r1/announcements/preview', {
      releaseId: 'r1',
      moment: 'approved',
      optedOut: ['group:default/finance'],
      messages: [
        {
          audience: 'engineering',
          recipients: ['group:default/team-pay'],
          title: 'Payments 6 6.0.0 is approved',
          description: '# Payments 6',
          topic: 'release:r1',
        },
        {
          audience: 'business',
          recipients: ['group:default/customers'],
          title: 'Payments 6 6.0.0 is approved',
          description: '# Payments 6',
          topic: 'release:r1',
        },
      ],
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Preview announcement' }),
    );
    expect(await screen.findByText('Announcement when approved')).toBeVisible();
    expect(
      screen.getByText(/Business message to group:default\/customers/),
    ).toBeVisible();
    expect(
      screen.getByText(/Engineering message to group:default\/team-pay/),
    ).toBeVisible();
    expect(screen.getByText('Opted out: group:default/finance')).toBeVisible();
  });
});
