import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../../api/ReleaseCoordinationApi';
import { FreezesTab } from '../FreezesTab';
import {
  FakeReleaseCoordinationApi,
  makeFreeze,
  makeFreezeOccurrence,
} from '../../../__fixtures__/FakeReleaseCoordinationApi';

const NOW = '2030-03-13T12:00:00.000Z';
const none = { domains: [], systems: [], groups: [], entities: [] };

/** A fake API with four freezes: recurring, active, quarterly and ended. */
export function setupFreezes() {
  const api = new FakeReleaseCoordinationApi();
  api.freezes = [
    makeFreeze({
      id: 'f1',
      title: 'Weekend freeze',
      // Friday 16:00 to Monday 08:00 in Berlin (UTC+1 in March 2030).
      start: '2030-03-01T15:00:00.000Z',
      end: '2030-03-04T07:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        timezone: 'Europe/Berlin',
        exdates: ['2030-03-22T15:00:00.000Z'],
      },
      revision: 3,
    }),
    makeFreeze({
      id: 'f2',
      title: 'Payments migration',
      scope: {
        ...none,
        all: false,
        systems: ['system:default/payments'],
        groups: ['group:default/platform-team'],
      },
      start: '2030-03-12T00:00:00.000Z',
      end: '2030-03-14T00:00:00.000Z',
      exemptTypes: ['emergency'],
    }),
    makeFreeze({
      id: 'f3',
      title: 'Quarter close',
      scope: { ...none, all: false, domains: ['domain:default/commerce'] },
      start: '2030-03-17T23:00:00.000Z',
      end: '2030-03-31T22:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-14',
        timezone: 'Europe/Berlin',
        exdates: [],
      },
      exemptTypes: [],
    }),
    makeFreeze({
      id: 'f4',
      title: 'Incident freeze',
      endedAt: '2030-03-02T00:00:00.000Z',
      endReason: 'Incident resolved',
    }),
  ];
  api.freezeOccurrences = [
    makeFreezeOccurrence({
      freezeId: 'f1',
      start: '2030-03-15T15:00:00.000Z',
      end: '2030-03-18T07:00:00.000Z',
    }),
    makeFreezeOccurrence({
      freezeId: 'f2',
      start: '2030-03-12T00:00:00.000Z',
      end: '2030-03-14T00:00:00.000Z',
    }),
    makeFreezeOccurrence({
      freezeId: 'f3',
      start: '2030-03-17T23:00:00.000Z',
      end: '2030-03-31T22:00:00.000Z',
    }),
  ];
  return api;
}

/**
 * Renders the freezes tab at 2030-03-13 12:00 UTC, allowing or denying
 * `freezeManagePermission`, and waits for the list and the decision.
 * `usePermission` caches decisions per test file: use one decision a file.
 */
export async function renderFreezesTab(
  api: FakeReleaseCoordinationApi,
  allowed = true,
) {
  await renderInTestApp(<FreezesTab now={NOW} />, {
    apis: [
      [releaseCoordinationApiRef, api],
      mockApis.permission({ authorize: (allowed ? 'ALLOW' : 'DENY') as any }),
    ],
  });
  await screen.findByText('Weekend freeze');
  // Permission decisions are cached across renders; wait for this one.
  if (allowed) await screen.findByRole('button', { name: 'New freeze' });
  else await screen.findByText('Only platform admins manage freezes.');
}
