/*
 * Test-only: a release with a change inventory of every kind and its impact
 * report, for the release notes tests.
 */
import { NotesFacts } from '../composeNotes';

const RELEASE_ID = '0b7e4a8e-52c1-4c53-9d8f-2a4b1f6f1c11';

/** Checkout 4.0 of checkout-service: a breaking API change consumed by two storefront components. */
export const NOTES_FACTS: NotesFacts = {
  release: {
    title: 'Checkout 4.0',
    version: '4.0.0',
    type: 'normal',
    window: {
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-01T12:00:00.000Z',
    },
    ownerRef: 'group:default/checkout-team',
    description: `Faster checkout; see component:default/checkout-service and ticket ${RELEASE_ID}.`,
    changes: [
      { kind: 'fix', title: 'Rounding of totals' },
      {
        kind: 'feature',
        title: 'One-click reorder',
        link: 'https://tracker.example.com/CHK-1',
      },
      {
        kind: 'breaking',
        title: 'Drop /v1/cart from api:default/checkout-api',
        entityRef: 'component:default/checkout-service',
        link: 'https://tracker.example.com/CHK-2',
      },
      { kind: 'dependency', title: 'Upgrade the payments SDK' },
      { kind: 'security', title: 'Rotate the signing key' },
    ],
  },
  report: {
    changed: [
      {
        entityRef: 'component:default/checkout-service',
        kind: 'Component',
        name: 'checkout-service',
        system: 'system:default/checkout',
      },
    ],
    apiConsumers: [
      {
        apiRef: 'api:default/checkout-api',
        consumerRef: 'component:default/storefront-bff',
        breaking: true,
      },
      {
        apiRef: 'api:default/checkout-api',
        consumerRef: 'component:default/mobile-bff',
        breaking: false,
      },
    ],
    systems: [
      { ref: 'system:default/checkout', count: 1 },
      { ref: 'system:default/storefront', count: 2 },
    ],
    audiences: [
      {
        audience: 'customers',
        entityRefs: ['component:default/storefront-bff'],
      },
      {
        audience: 'internal-ops',
        entityRefs: ['component:default/checkout-service'],
      },
    ],
    graph: {
      nodes: [
        {
          id: 'component:default/checkout-service',
          kind: 'Component',
          name: 'checkout-service',
          title: 'Checkout service',
          system: 'system:default/checkout',
          depth: 0,
          role: 'changed',
        },
        {
          id: 'api:default/checkout-api',
          kind: 'API',
          name: 'checkout-api',
          depth: 0,
          role: 'context',
        },
        {
          id: 'component:default/storefront-bff',
          kind: 'Component',
          name: 'storefront-bff',
          system: 'system:default/storefront',
          depth: 1,
          role: 'consumer',
        },
        {
          id: 'component:default/mobile-bff',
          kind: 'Component',
          name: 'mobile-bff',
          system: 'system:default/storefront',
          depth: 1,
          role: 'consumer',
        },
      ],
      edges: [],
    },
  },
  systems: [
    { ref: 'system:default/checkout', name: 'Checkout', tier: 'tier-1' },
    { ref: 'system:default/storefront', name: 'Web shop', tier: 'tier-2' },
  ],
  releaseUrl: `https://portal.example.com/release-coordination/releases/${RELEASE_ID}`,
};
