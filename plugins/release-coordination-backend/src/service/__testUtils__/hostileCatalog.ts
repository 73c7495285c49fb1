/*
 * The catalog of the hostile-input tests (`src/service/hostile*.test.ts`) and
 * the refs valid requests are built from.
 */
import { testEntity } from '../../catalogGraph/testCatalog';

/** The user every request is made as (the test backend's default credentials). */
export const USER = 'user:default/mock';

/** The small catalog of the tests: two teams, their users, components and a system. */
export const CATALOG = [
  testEntity('group:default/checkout-team', {
    spec: { type: 'team' },
    relations: [['hasMember', USER]],
  }),
  testEntity('group:default/platform-team', {
    spec: { type: 'team' },
    relations: [['hasMember', 'user:default/carol']],
  }),
  testEntity(USER, {
    relations: [['memberOf', 'group:default/checkout-team']],
  }),
  testEntity('user:default/carol', {
    relations: [['memberOf', 'group:default/platform-team']],
  }),
  testEntity('system:default/checkout', {
    spec: { owner: 'group:default/checkout-team' },
  }),
  ...['checkout-service', 'cart-service'].map(name =>
    testEntity(`component:default/${name}`, {
      spec: {
        owner: 'group:default/checkout-team',
        system: 'system:default/checkout',
        lifecycle: 'production',
        type: 'service',
      },
      relations: [
        ['ownedBy', 'group:default/checkout-team'],
        ['partOf', 'system:default/checkout'],
      ],
    }),
  ),
  testEntity('component:default/payments-service', {
    spec: {
      owner: 'group:default/platform-team',
      lifecycle: 'production',
      type: 'service',
    },
    relations: [['ownedBy', 'group:default/platform-team']],
  }),
];

/** Refs of the catalog above, to build valid bodies and queries from. */
export const REFS = {
  components: [
    'component:default/checkout-service',
    'component:default/cart-service',
    'component:default/payments-service',
  ],
  groups: ['group:default/checkout-team', 'group:default/platform-team'],
  systems: ['system:default/checkout'],
};
