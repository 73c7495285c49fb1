import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  Release,
  ReleaseIssue,
} from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { EntityOpenIssues } from './EntityOpenIssues';
import { OpenIssuesTab } from './OpenIssuesTab';
import { ReleaseIssues } from './ReleaseIssues';

const release: Release = {
  id: 'r1',
  title: 'Checkout 4',
  version: '4',
  type: 'normal',
  state: 'released',
  window: { start: '2026-12-10T10:00:00Z', end: '2026-12-10T12:00:00Z' },
  entityRefs: ['component:default/checkout-service'],
  ownerRef: 'group:default/checkout-team',
  description: '',
  changes: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  revision: 1,
};

const issue: ReleaseIssue = {
  id: 'i1',
  releaseId: 'r1',
  title: 'Checkout returns 500s',
  severity: 'sev1',
  status: 'open',
  ownerRef: 'user:default/alice',
  entityRefs: ['component:default/checkout-service'],
  links: [{ kind: 'incident', url: 'https://incidents.example/1' }],
  createdBy: 'user:default/alice',
  createdAt: '2026-12-10T13:00:00.000Z',
  updatedAt: '2026-12-10T13:00:00.000Z',
  statusSince: '2026-12-10T13:00:00.000Z',
  revision: 1,
};

const server = setupContractServer();

async function render(children: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, server.api]]}>
      {children}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const field = (label: RegExp) => screen.getByLabelText(label);
const type = (label: RegExp, value: string) =>
  fireEvent.change(field(label), { target: { value } });

describe('ReleaseIssues', () => {
  it('shows an empty state, then records an issue and lists it', async () => {
    server.respond('get', '/releases/r1/issues', { items: [] }, { once: true });
    await render(<ReleaseIssues release={release} />);
    expect(await screen.findByText(/No issues recorded/)).toBeInTheDocument();

    server.respond('post', '/releases/r1/issues', { ...issue, timeline: [] });
    server.respond('get', '/releases/r1/issues', { items: [issue] });
    fireEvent.click(screen.getByRole('button', { name: 'Record an issue' }));
    type(/^Title/, 'Checkout returns 500s');
    type(/Incident link/, 'https://incidents.example/1');
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));

    const list = await screen.findByRole('list', { name: 'Issues' });
    expect(within(list).getByText('Checkout returns 500s')).toBeInTheDocument();
    expect(within(list).getByText('sev1')).toBeInTheDocument();
    expect(server.bodies('post', '/releases/r1/issues')).toEqual([
      {
        title: 'Checkout returns 500s',
        severity: 'sev2',
        status: 'open',
        links: [{ kind: 'incident', url: 'https://incidents.example/1' }],
      },
    ]);
  });

  it('checks fields on the client and shows the server 400 under the field it names', async () => {
    server.respond('get', '/releases/r1/issues', { items: [] });
    await render(<ReleaseIssues release={release} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Record an issue' }),
    );
    type(/Incident link/, 'ftp://files.example/1');
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText(/must be an http\(s\) URL/)).toBeVisible();
    expect(server.requests('post', '/releases/r1/issues')).toEqual([]);

    server.fail(
      'post',
      '/releases/r1/issues',
      400,
      'ownerRef: user:default/ghost is not in the catalog',
    );
    type(/^Title/, 'Slow');
    type(/Incident link/, '');
    type(/^Owner/, 'user:default/ghost');
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    const owner = field(/^Owner/);
    await waitFor(() =>
      expect(owner).toHaveAccessibleDescription(
        'ownerRef: user:default/ghost is not in the catalog',
      ),
    );
  });

  it('changes the status after confirming, and shows the timeline', async () => {
    server.respond('get', '/releases/r1/issues', { items: [issue] });
    const resolved = { ...issue, status: 'resolved' as const, revision: 2 };
    server.respond('patch', '/issues/i1', resolved);
    await render(<ReleaseIssues release={release} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change' }));
    fireEvent.mouseDown(field(/^Status/));
    fireEvent.click(await screen.findByRole('option', { name: 'resolved' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    await waitFor(() =>
      expect(server.bodies('patch', '/issues/i1')).toEqual([
        { revision: 1, status: 'resolved' },
      ]),
    );

    server.respond('get', '/issues/i1', {
      ...resolved,
      timeline: [
        {
          action: 'changed',
          by: 'user:default/bob',
          at: '2026-12-10T14:00:00.000Z',
          changes: [{ field: 'status', before: 'open', after: 'resolved' }],
        },
      ],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Timeline' }));
    expect(
      await screen.findByText('status: open → resolved'),
    ).toBeInTheDocument();
  });

  it('does not change anything when resolving is not confirmed', async () => {
    server.respond('get', '/releases/r1/issues', { items: [issue] });
    await render(<ReleaseIssues release={release} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change' }));
    fireEvent.mouseDown(field(/^Status/));
    fireEvent.click(await screen.findByRole('option', { name: 'resolved' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Keep it open' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Resolve this issue?')).toBeNull(),
    );
    expect(server.requests('patch', '/issues/i1')).toEqual([]);
  });

  it('shows an error when the issues cannot be loaded', async () => {
    server.fail('get', '/releases/r1/issues', 500, 'boom');
    await render(<ReleaseIssues release={release} />);
    expect(await screen.findByText('boom')).toBeInTheDocument();
  });
});

describe('OpenIssuesTab', () => {
  it('lists unresolved issues, filters by severity and pages with the cursor', async () => {
    server.respond('get', '/issues', request =>
      request.query.cursor
        ? { items: [{ ...issue, id: 'i2', title: 'Second page' }] }
        : { items: [issue], nextCursor: 'c1' },
    );
    await render(<OpenIssuesTab />);
    expect(
      await screen.findByText('Checkout returns 500s'),
    ).toBeInTheDocument();
    expect(server.queries('get', '/issues')[0]).toEqual({
      status: ['open', 'acknowledged', 'mitigated'],
      limit: 20,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Second page')).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByLabelText('Severity'));
    fireEvent.click(await screen.findByRole('option', { name: 'sev1' }));
    await waitFor(() =>
      expect(server.queries('get', '/issues').at(-1)).toEqual({
        severity: ['sev1'],
        status: ['open', 'acknowledged', 'mitigated'],
        limit: 20,
      }),
    );
  });
});

describe('EntityOpenIssues', () => {
  it("lists an entity's unresolved issues, and nothing when it has none", async () => {
    server.respond('get', '/issues', { items: [issue] }, { once: true });
    const { unmount } = await render(
      <EntityOpenIssues entityRef="component:default/checkout-service" />,
    );
    expect(
      await screen.findByText('Checkout returns 500s'),
    ).toBeInTheDocument();
    expect(server.queries('get', '/issues')[0]).toEqual({
      entityRef: 'component:default/checkout-service',
      status: ['open', 'acknowledged', 'mitigated'],
      limit: 20,
    });
    unmount();
    server.respond('get', '/issues', { items: [] });
    await render(<EntityOpenIssues entityRef="component:default/cart" />);
    await waitFor(() =>
      expect(server.requests('get', '/issues')).toHaveLength(2),
    );
    expect(screen.queryByText('Open issues')).toBeNull();
  });
});
