import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Conflict,
  CONFLICT_KINDS,
} from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ConflictStore, ListedConflict } from './ConflictStore';
import { ConflictService } from './ConflictService';

const RELEASES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
const ENTITIES = ['component:default/a', 'component:default/b'];
const RANGE = {
  from: '2026-12-01T00:00:00.000Z',
  to: '2027-01-01T00:00:00.000Z',
};

/** A stored conflict of some releases, some of them drafts. */
const listed = (
  id: string,
  kind: Conflict['kind'],
  audience: ListedConflict['audience'],
  releaseIds: string[],
  draftIds: string[],
  entityRefs: string[],
): ListedConflict => ({
  id,
  kind,
  audience,
  draftIds,
  json: JSON.stringify({ id, kind, releaseIds, entityRefs }),
});

const subset = <T>(items: T[]) =>
  fc.subarray(items, { minLength: 1 }).map(picked => [...picked].sort());

/**
 * Conflicts as the table holds them: pair conflicts of any kind, and owner
 * overloads as the table stores them: the count with drafts (`all`) and,
 * when it has drafts, the count without them (`committed`).
 */
const storedConflicts = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[0-9a-f]{6}$/),
      kind: fc.constantFrom(...CONFLICT_KINDS),
      releaseIds: subset(RELEASES),
      drafts: fc.subarray(RELEASES),
      entityRefs: subset(ENTITIES),
      committedId: fc.stringMatching(/^[0-9a-f]{6}$/),
    }),
    { selector: c => c.id, maxLength: 25 },
  )
  .map(specs =>
    specs.flatMap(spec => {
      const draftIds = spec.releaseIds.filter(id => spec.drafts.includes(id));
      const own = listed(
        spec.id,
        spec.kind,
        'all',
        spec.releaseIds,
        draftIds,
        spec.entityRefs,
      );
      const committed = spec.releaseIds.filter(id => !draftIds.includes(id));
      return spec.kind === 'owner-overload' &&
        draftIds.length > 0 &&
        committed.length > 0
        ? [
            own,
            listed(
              spec.committedId,
              spec.kind,
              'committed',
              committed,
              [],
              spec.entityRefs,
            ),
          ]
        : [own];
    }),
  );

/** The table over a list of stored conflicts, every one of them in the range. */
function tableOf(
  stored: ListedConflict[],
): Pick<ConflictStore, 'idsInRange' | 'listByIds' | 'listInvolving'> {
  const releaseIdsOf = (c: ListedConflict) =>
    (JSON.parse(c.json) as Conflict).releaseIds;
  return {
    idsInRange: async (_range, { after, limit }) =>
      [...new Set(stored.map(c => c.id))]
        .sort()
        .filter(id => !after || id > after)
        .slice(0, limit),
    listByIds: async ids => stored.filter(c => ids.includes(c.id)),
    listInvolving: async ids =>
      stored.filter(c => releaseIdsOf(c).some(id => ids.includes(id))),
  };
}

function serviceOver(stored: ListedConflict[], hiddenDrafts: string[]) {
  const store = {
    getViewerFacts: async (ids: string[]) =>
      ids.map(id => ({ id, state: 'draft', ownerRef: 'group:default/x' })),
  } as unknown as ReleaseStore;
  return new ConflictService({
    store,
    table: tableOf(stored),
    freezes: {} as FreezeService,
    catalog: new CatalogModel({
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
    }),
    auth: mockServices.auth(),
    visibility: {
      visibleReleases: async <T extends { id: string }>(releases: T[]) =>
        releases.filter(r => !hiddenDrafts.includes(r.id)),
      draftOwnerRefs: async () => [],
    },
  });
}

describe('GET /conflicts pages', () => {
  it('following nextCursor at any page size lists what one page of everything lists, in the order of ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        storedConflicts,
        fc.subarray(RELEASES),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.constantFrom(...ENTITIES), { nil: undefined }),
        fc.boolean(),
        async (stored, hiddenDrafts, limit, entityRef, asService) => {
          const service = serviceOver(stored, hiddenDrafts);
          const credentials = asService
            ? mockCredentials.service()
            : mockCredentials.user();
          const query = {
            ...RANGE,
            entityRef: entityRef ? [entityRef] : undefined,
          };
          const whole = await service.listConflicts(
            { ...query, limit: 1_000 },
            credentials,
          );
          expect(whole.nextCursor).toBeUndefined();
          const ids = whole.items.map(json => JSON.parse(json).id as string);
          expect(ids).toEqual([...ids].sort());

          const paged: string[] = [];
          const cursorsWithPages: { items: string[]; nextCursor?: string }[] =
            [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await service.listConflicts(
              { ...query, limit, cursor },
              credentials,
            );
            expect(page.items.length).toBeLessThanOrEqual(limit);
            paged.push(...page.items);
            if (page.nextCursor) cursorsWithPages.push(page);
            cursor = page.nextCursor;
            pages++;
          } while (cursor && pages <= stored.length);
          expect(cursor).toBeUndefined();
          expect(paged).toEqual(whole.items);
          // each cursor names a conflict its page listed, never a hidden one
          const unlisted = cursorsWithPages.filter(page => {
            const { id } = JSON.parse(
              Buffer.from(page.nextCursor!, 'base64url').toString('utf8'),
            );
            return !page.items.some(json => JSON.parse(json).id === id);
          });
          expect(unlisted).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a cursor it did not hand out', async () => {
    const service = serviceOver([], []);
    await expect(
      service.listConflicts(
        { ...RANGE, entityRef: undefined, limit: 10, cursor: 'not-a-cursor' },
        mockCredentials.user(),
      ),
    ).rejects.toThrow('cursor: not a cursor of this listing');
  });
});
