import { RELEASE_STATES } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import request from 'supertest';
import { API } from './__testUtils__/hostileBackend';
import { REFS } from './__testUtils__/hostileCatalog';
import { hostileBody, pathSegment } from './__testUtils__/hostileRequests';
import { describeHostileSuite } from './__testUtils__/hostileSuite';
import {
  validChange,
  validComponents,
  validText,
  validWindow,
} from './__testUtils__/hostileValidValues';
import { nearTimestamp } from './__testUtils__/hostileValues';

/** Readiness items of the default templates, plus one that does not exist. */
const ITEMS = [
  'rollback-plan',
  'release-notes',
  'on-call-informed',
  'security-review',
  'no-such-item',
];

/** A valid release body; `after` names some of `releaseIds`. */
const validRelease = (releaseIds: string[]) =>
  fc.record(
    {
      title: validText,
      version: fc.constantFrom('1.0.0', '2.3.4-rc.1', 'v5'),
      type: fc.constantFrom(
        'standard',
        'normal',
        'emergency',
        'hotfix',
        'security',
      ),
      window: validWindow,
      entityRefs: validComponents,
      ownerRef: fc.constantFrom(...REFS.groups),
      description: fc.constantFrom('', 'Faster **checkout**.', '<b>bold</b>'),
      rollbackPlan: fc.constantFrom('', 'Roll back with helm.'),
      changes: fc.array(validChange, { maxLength: 3 }),
      after: fc.subarray(releaseIds, { maxLength: 2 }),
    },
    {
      requiredKeys: ['title', 'version', 'type', 'window', 'entityRefs'],
    },
  );

/** A valid PATCH body of a release; `after` names some of `releaseIds`. */
const validReleasePatch = (releaseIds: string[]) =>
  fc.record(
    {
      revision: fc.integer({ min: 1, max: 8 }),
      title: validText,
      version: fc.constantFrom('1.0.1', '9.9.9'),
      type: fc.constantFrom('normal', 'hotfix'),
      window: validWindow,
      entityRefs: validComponents,
      description: fc.constantFrom('', 'Updated.'),
      rollbackPlan: fc.constantFrom('', 'Revert.'),
      changes: fc.array(validChange, { maxLength: 2 }),
      after: fc.subarray(releaseIds, { maxLength: 2 }),
    },
    { requiredKeys: ['revision', 'title'] },
  );

/** Valid bodies of the POST routes under /releases/{id}, by sub-path. */
const VALID_BODIES: Record<string, fc.Arbitrary<unknown>> = {
  transition: fc.record(
    {
      to: fc.constantFrom(...RELEASE_STATES),
      reason: validText,
      override: validText.map(reason => ({ reason })),
    },
    { requiredKeys: ['to'] },
  ),
  approvals: fc.record(
    { decision: fc.constantFrom('approve', 'reject'), comment: validText },
    { requiredKeys: ['decision'] },
  ),
  'freeze-override': fc.record({ reason: validText }),
  'risk-override': fc.record({
    level: fc.constantFrom('low', 'medium', 'high', 'critical'),
    reason: validText,
  }),
  handover: fc.record(
    { toGroupRef: fc.constantFrom(...REFS.groups), reason: validText },
    { requiredKeys: ['toGroupRef'] },
  ),
  'handover/accept': fc.constant({}),
};

/** A valid body of a readiness item. */
const validReadinessItem = fc.record(
  {
    checked: fc.boolean(),
    evidence: fc.constantFrom(
      'https://ci.example.com/runs/1',
      'http://wiki.example.com/x',
    ),
  },
  { requiredKeys: ['checked'] },
);

describeHostileSuite(
  {
    title: 'hostile input to the release routes',
    resultsKey: 'releases',
    resultsTitle: 'Release routes',
  },
  ({ backend, endpoint }) => {
    const release = () => pathSegment(backend().ids.releases);
    /** Requests to a route under /releases/{id} with bodies around `valid`. */
    const underRelease = (
      sub: string,
      valid: fc.Arbitrary<unknown> = VALID_BODIES[sub],
    ) => ({
      path: release().map(id => `/releases/${id}/${sub}`),
      body: hostileBody(valid),
    });

    endpoint('POST /releases', () => ({
      path: fc.constant('/releases'),
      body: hostileBody(validRelease(backend().ids.releases)),
    }));

    endpoint('PATCH /releases/{id}', () => ({
      path: release().map(id => `/releases/${id}`),
      body: hostileBody(validReleasePatch(backend().ids.releases)),
    }));

    endpoint('POST /releases/{id}/transition', () =>
      underRelease('transition'),
    );
    endpoint('POST /releases/{id}/approvals', () => underRelease('approvals'));
    endpoint('POST /releases/{id}/readiness/items/{itemId}', () => ({
      path: fc
        .tuple(release(), pathSegment(ITEMS))
        .map(([id, item]) => `/releases/${id}/readiness/items/${item}`),
      body: hostileBody(validReadinessItem),
    }));
    endpoint('POST /releases/{id}/freeze-override', () =>
      underRelease('freeze-override'),
    );
    endpoint('POST /releases/{id}/risk-override', () =>
      underRelease('risk-override'),
    );

    endpoint('POST /releases/{id}/train-slot', async () => {
      const slotStarts: string[] = [];
      for (const trainId of backend().ids.trains) {
        const slots = await request(backend().server).get(
          `${API}/trains/${trainId}/slots?count=5`,
        );
        slotStarts.push(
          ...slots.body.items.map((s: { start: string }) => s.start),
        );
      }
      return underRelease(
        'train-slot',
        fc.record({
          trainId: fc.constantFrom(...backend().ids.trains),
          slotStart: fc.oneof(fc.constantFrom(...slotStarts), nearTimestamp()),
        }),
      );
    });

    endpoint('POST /releases/{id}/handover', () => underRelease('handover'));
    endpoint('POST /releases/{id}/handover/accept', () =>
      underRelease('handover/accept'),
    );

    endpoint('DELETE /releases/{id}/approvals/{groupRef}', () => ({
      path: fc
        .tuple(release(), pathSegment(REFS.groups))
        .map(([id, group]) => `/releases/${id}/approvals/${group}`),
    }));

    for (const sub of [
      'freeze-override',
      'risk-override',
      'train-slot',
      'handover',
    ]) {
      endpoint(`DELETE /releases/{id}/${sub}`, () => ({
        path: release().map(id => `/releases/${id}/${sub}`),
      }));
    }
  },
);
