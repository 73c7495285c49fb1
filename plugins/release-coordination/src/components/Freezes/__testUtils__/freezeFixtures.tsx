import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../../api/ReleaseCoordinationApi';
import { FreezesTab } from '../FreezesTab';
import { Freeze } from '@internal/plugin-release-coordination-common';
import {
  makeFreeze,
  makeFreezeOccurrence,
} from '../../../__fixtures__/builders';
import { ContractServer } from '../../../__testUtils__/contractServer';

const NOW = '2030-03-13T12:00:00.000Z';
const none = { domains: [], systems: [], groups: [], entities: [] };

/** Four freezes: recurring, active, quarterly and ended. */
export function fourFreezes(): Freeze[] {
  return [
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
}

/**
 * Declares the freezes the backend lists (by default {@link fourFreezes}) and
 * the next occurrences of the first three; returns the freezes.
 */
export function answerFreezes(server: ContractServer, freezes = fourFreezes()) {
  server.respond('get', '/freezes', { items: freezes });
  server.respond('get', '/freeze-occurrences', {
    items: [
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
    ],
  });
  return freezes;
}

/**
 * Renders the freezes tab at 2030-03-13 12:00 UTC, allowing or denying
 * `freezeManagePermission`, and waits for the list and the decision.
 * `usePermission` caches decisions per test file: use one decision a file.
 */
export async function renderFreezesTab(server: ContractServer, allowed = true) {
  await renderInTestApp(<FreezesTab now={NOW} />, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      mockApis.permission({ authorize: (allowed ? 'ALLOW' : 'DENY') as any }),
    ],
  });
  await screen.findByText('Weekend freeze');
  // Permission decisions are cached across renders; wait for this one.
  if (allowed) await screen.findByRole('button', { name: 'New freeze' });
  else await screen.findByText('Only platform admins manage freezes.');
}
