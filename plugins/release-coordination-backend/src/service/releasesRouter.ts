import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  handoverRequestSchema,
  LinkedRequestSchemas,
  Release,
  releaseRequestSchemas,
  transitionReleaseRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Response, Router } from 'express';
import { ConflictService } from '../conflicts/ConflictService';
import { ReleaseService } from '../releases/ReleaseService';
import { ListingCache } from '../listingCache/ListingCache';
import {
  mutationAuditor,
  parseInput,
  readableRelease,
  UserReleaseChange,
  withBody,
} from './http';
import { UserCredentials } from '../credentials';

/**
 * What the release routes need.
 *
 * @public
 */
export interface ReleaseRouterOptions {
  releases: ReleaseService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** Conflict detection; when given, every release answered carries its own conflicts. */
  conflicts?: ConflictService;
  /** When given, users' listings are kept while nothing they show has changed (see {@link ListingCache}). */
  listings?: ListingCache;
  /** The request schemas with the configured time horizon and link schemes. */
  schemas: Pick<ReturnType<typeof releaseRequestSchemas>, 'listReleasesQuery'> &
    Pick<LinkedRequestSchemas, 'createRelease' | 'updateRelease'>;
}

/** The audit meta of a release a mutation returned. */
const describeRelease = (release: Release): JsonObject => ({
  releaseId: release.id,
  revision: release.revision,
  state: release.state,
});

/**
 * What the release handlers share: the caller's credentials, audited
 * mutations, the conflicts an answered release carries, and the handler of a
 * change to one release.
 */
function releaseHandling(options: ReleaseRouterOptions) {
  const { httpAuth, auditor, conflicts } = options;

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const audit = mutationAuditor(auditor);
  /** Runs a release mutation by the caller as an audited event; a refused caller (401) is audited too. */
  const audited = (
    req: Request,
    eventId: string,
    meta: JsonObject,
    mutation: (credentials: UserCredentials) => Promise<Release>,
  ) =>
    audit(
      req,
      eventId,
      meta,
      async () => mutation(await userCredentials(req)),
      describeRelease,
    );

  /** Adds each release's own conflicts (from the conflicts table), when conflicts are on. */
  const carry = async (req: Request, found: Release[]) =>
    conflicts
      ? conflicts.withConflicts(found, await userCredentials(req))
      : found;

  /**
   * A handler for a change to the release `:id`, audited (the caller's
   * credentials are part of the audited event), answered with the changed
   * release and its conflicts.
   */
  const releaseChange =
    (eventId: string, change: UserReleaseChange<Release>) =>
    async (req: Request, res: Response) => {
      const { id } = req.params;
      const release = await audited(req, eventId, { releaseId: id }, c =>
        change(id, req, c),
      );
      res.json((await carry(req, [release]))[0]);
    };

  return { userCredentials, audited, carry, releaseChange };
}

/**
 * Adds the routes of releases themselves: listing, creating, reading and
 * editing them, their lifecycle transitions, hand-over, history
 * (`/releases/:id/events`) and the declared standard changes. All need a
 * user but the listing, which a backend service may read too. `GET /releases/:id` answers the release that the router read, as the
 * caller may see it, ahead of every route below `/releases/:id`.
 *
 * @public
 */
export function addReleaseRoutes(
  router: Router,
  options: ReleaseRouterOptions,
) {
  const { releases, schemas, httpAuth, listings } = options;
  const { userCredentials, audited, carry, releaseChange } =
    releaseHandling(options);

  router.get('/releases', async (req, res) => {
    // backend services may list too (the search collator): every release
    // but drafts, without the conflicts a person plans against
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(schemas.listReleasesQuery, req.query);
    if (credentials.principal.type !== 'user') {
      res.json(await releases.listReleases(query, credentials));
      return;
    }
    const answer = async () => {
      const page = await releases.listReleases(query, credentials);
      return { ...page, items: await carry(req, page.items) };
    };
    // a system's or domain's parts come from the catalog, which the
    // listing revision does not follow
    if (!listings || query.system || query.domain) {
      res.json(await answer());
      return;
    }
    // everything of the caller a listing depends on: who they are and the
    // groups whose drafts they see
    const key = JSON.stringify([
      credentials.principal.userEntityRef,
      await releases.draftOwnerRefs(credentials),
      query,
    ]);
    const listing = await listings.listing(key, credentials, answer);
    res.set({ ETag: listing.etag, Vary: 'Accept-Encoding' }).type('json');
    // a browser is sent the kept compressed body: the backend's compression
    // would otherwise compress the whole listing again for every request
    if (!req.fresh && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.set('Content-Encoding', 'gzip').send(await listing.gzipped());
    } else {
      res.send(listing.body);
    }
  });

  router.post('/releases', async (req, res) => {
    const release = await audited(req, 'release-create', {}, credentials =>
      releases.createRelease(
        parseInput(schemas.createRelease, req.body),
        credentials,
      ),
    );
    res.status(201).json((await carry(req, [release]))[0]);
  });

  router.get('/releases/:id', async (req, res) => {
    const [release] = await carry(req, [readableRelease(res)]);
    res.json(release);
  });

  const update = withBody(schemas.updateRelease, (id, body, credentials) =>
    releases.updateRelease(id, body, credentials),
  );
  const transition = withBody(
    transitionReleaseRequestSchema,
    (id, body, credentials) =>
      releases.transitionRelease(id, body, credentials),
  );
  const offer = withBody(handoverRequestSchema, (id, body, credentials) =>
    releases.offerHandover(id, body, credentials),
  );
  const accept: UserReleaseChange<Release> = (id, _req, credentials) =>
    releases.acceptHandover(id, credentials);
  const cancel: UserReleaseChange<Release> = (id, _req, credentials) =>
    releases.cancelHandover(id, credentials);
  // the changes to the release `:id`: method, path, audited event, change
  const changes: Array<
    ['patch' | 'post' | 'delete', string, string, UserReleaseChange<Release>]
  > = [
    ['patch', '/releases/:id', 'release-update', update],
    ['post', '/releases/:id/transition', 'release-transition', transition],
    ['post', '/releases/:id/handover', 'release-handover-offer', offer],
    [
      'post',
      '/releases/:id/handover/accept',
      'release-handover-accept',
      accept,
    ],
    ['delete', '/releases/:id/handover', 'release-handover-cancel', cancel],
  ];
  for (const [method, path, eventId, change] of changes) {
    router[method](path, releaseChange(eventId, change));
  }

  router.get('/standard-changes', async (req, res) => {
    await userCredentials(req);
    res.json({ items: releases.listStandardChanges() });
  });

  router.get('/releases/:id/events', async (req, res) => {
    await userCredentials(req);
    res.json({ items: await releases.listEvents(req.params.id) });
  });
}
