import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
// the real plugin, in the test only, to collate from
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseCoordinationPlugin from '@internal/plugin-release-coordination-backend';
import { Release } from '@internal/plugin-release-coordination-common';
import { AddressInfo } from 'node:net';
import { ReleaseCollatorFactory } from './ReleaseCollatorFactory';
import { ReleaseSearchDocument } from './releaseDocument';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The real release-coordination backend with its demo data, over HTTP. */
async function startReleaseBackend() {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { releaseCoordination: { demoData: { seed: true } } },
      }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/release-coordination`;
  return { knex, baseUrl };
}

async function collate(factory: ReleaseCollatorFactory) {
  const documents: ReleaseSearchDocument[] = [];
  for await (const document of await factory.getCollator()) {
    documents.push(document);
  }
  return documents;
}

describe('ReleaseCollatorFactory', () => {
  it('indexes every release plan but drafts, page by page, from the real backend', async () => {
    const { knex, baseUrl } = await startReleaseBackend();
    const factory = new ReleaseCollatorFactory({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      logger: mockServices.logger.mock(),
      locationTemplate: '/release-coordination/releases/:id',
      pageSize: 20,
    });
    // the demo data: drafts, and more releases than three pages of 20 hold
    const rows: { id: string; state: string }[] = await knex('releases').select(
      'id',
      'state',
    );
    const drafts = rows.filter(r => r.state === 'draft').map(r => r.id);
    expect(drafts.length).toBeGreaterThan(0);
    expect(rows.length - drafts.length).toBeGreaterThan(3 * 20);

    const documents = await collate(factory);

    expect(documents.map(d => d.releaseId).sort()).toEqual(
      rows
        .filter(r => r.state !== 'draft')
        .map(r => r.id)
        .sort(),
    );
    // each document names what a person would search for and links to its page
    const [document] = documents;
    const release: Release = await (
      await fetch(`${baseUrl}/releases/${document.releaseId}`, {
        headers: { Authorization: mockCredentials.user.header() },
      })
    ).json();
    expect(document).toMatchObject({
      title: release.title,
      location: `/release-coordination/releases/${release.id}`,
      authorization: { resourceRef: release.id },
      state: release.state,
      version: release.version,
      entityRefs: release.entityRefs,
    });
    expect(document.text).toContain(`release ${release.version} of`);
    // names, not refs, ISO times or Markdown marks
    expect(document.text).not.toMatch(/component:|\d{4}-\d{2}-\d{2}T|##|\*\*/);
  });

  it('fails the collation, not silently, when the backend refuses', async () => {
    const factory = new ReleaseCollatorFactory({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => 'http://127.0.0.1:9/api/release-coordination',
        getExternalBaseUrl: async () => '',
      },
      logger: mockServices.logger.mock(),
      locationTemplate: '/release-coordination/releases/:id',
    });
    await expect(collate(factory)).rejects.toThrow();
  });
});
