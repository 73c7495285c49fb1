/** The portal test backend and the freezes and releases the authority tests start from. */

import {
  PortalTestBackend,
  portalTestBackend,
} from '../../__testUtils__/portalTestBackend';

export const portal = portalTestBackend();
export const startPortalTestBackend = portal.start;

export const PAYMENTS = 'component:default/payments-service';
export const CHECKOUT = 'component:default/checkout-service';

type Backend = PortalTestBackend;

/** A freeze over payments-service from an hour ago for a day, declared by the platform admin. */
export async function freezePayments(backend: Backend) {
  const res = await backend
    .as('platformAdmin')
    .post('/freezes')
    .send({
      title: 'Payments freeze',
      scope: { entities: [PAYMENTS] },
      start: new Date(Date.now() - 3_600_000).toISOString(),
      end: new Date(Date.now() + 86_400_000).toISOString(),
      exemptTypes: [],
    });
  expect(res.status).toBe(201);
}

export async function gateOf(backend: Backend, entityRef: string) {
  const res = await backend
    .as('releaseManager')
    .get(`/gate?entityRef=${encodeURIComponent(entityRef)}`);
  expect(res.status).toBe(200);
  return res.body as { allowed: boolean; reasons: string[] };
}

export const standardPaymentsRelease = {
  title: 'Payments config tweak',
  version: '1.0.1',
  type: 'standard',
  standardChangeId: 'payments-config',
  entityRefs: [PAYMENTS],
  changes: [{ kind: 'config', title: 'Raise pool size' }],
};
