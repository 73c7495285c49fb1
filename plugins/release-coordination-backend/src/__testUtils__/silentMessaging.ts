/*
 * Test-only: Backstage's notifications and signals services that deliver
 * nothing, for backends started with `startTestBackend`.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';

/** A signals service that publishes nothing. */
export const silentSignals = createServiceFactory({
  service: signalsServiceRef,
  deps: {},
  factory: () => ({ publish: async () => {} }),
});

/** Notifications and signals services that deliver nothing. */
export const silentMessaging = [
  createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({ send: async () => {} }),
  }),
  silentSignals,
];
