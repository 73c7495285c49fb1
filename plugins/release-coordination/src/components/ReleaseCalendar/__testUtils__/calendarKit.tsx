import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { ReactElement } from 'react';
import { makeRelease } from '../../../__fixtures__/builders';
import { ContractServer } from '../../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../../routes';

/** A local time in 2030 as an ISO timestamp. */
export const at = (month: number, day: number, hour = 0, minute = 0) =>
  new Date(2030, month - 1, day, hour, minute).toISOString();
/** The end of a local day in 2030 as an ISO timestamp. */
export const endOf = (month: number, day: number) =>
  new Date(2030, month - 1, day, 23, 59, 59, 999).toISOString();

/** Wednesday, March 13 2030, noon local time. */
export const NOW = new Date(2030, 2, 13, 12);

/** A planned hotfix from March 11, 09:00 to March 13, 17:00. */
export const multiDay = makeRelease({
  id: 'multi',
  title: 'Payments 2.1',
  type: 'hotfix',
  state: 'planned',
  window: { start: at(3, 11, 9), end: at(3, 13, 17) },
});

/** Renders a calendar element for alice of the payments group. */
export function renderCalendar(
  server: ContractServer,
  element: ReactElement,
  catalog?: ReturnType<typeof catalogApiMock>,
) {
  return renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      ...(catalog ? [[catalogApiRef, catalog] as const] : []),
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['group:default/payments'],
      }),
    ],
    mountedRoutes: { '/release-coordination': rootRouteRef },
  });
}

/** The cell of a day (`yyyy-mm-dd`). */
export const day = (iso: string) => screen.getByTestId(`calendar-day-${iso}`);
