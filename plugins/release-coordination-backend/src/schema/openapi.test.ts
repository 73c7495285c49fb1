import { mockServices } from '@backstage/backend-test-utils';
import {
  CHANGE_KINDS,
  CONFLICT_KINDS,
  RELEASE_STATES,
  RELEASE_TYPES,
  RISK_LEVELS,
} from '@internal/plugin-release-coordination-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ConflictService } from '../conflicts/ConflictService';
import { FreezeService } from '../freezes/FreezeService';
import { CalendarService } from '../ical/CalendarService';
import { TrainService } from '../trains/TrainService';
import { ReleaseService } from '../releases/ReleaseService';
import { ImpactService } from '../impact/ImpactService';
import { createRouter } from '../service/router';
import { ApprovalService } from '../approvals/ApprovalService';
import { ReadinessService } from '../readiness/ReadinessService';

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

describe('openapi.yaml', () => {
  it('documents exactly the routes of the router', async () => {
    const router = await createRouter({
      releases: {} as ReleaseService,
      freezes: {} as FreezeService,
      trains: {} as TrainService,
      calendar: {} as CalendarService,
      userInfo: mockServices.userInfo(),
      conflicts: {} as ConflictService,
      impact: {} as ImpactService,
      approvals: {} as ApprovalService,
      readiness: {} as ReadinessService,
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
    });
    const served = (router.stack as Layer[])
      .flatMap(({ route }) =>
        route
          ? Object.keys(route.methods).map(
              method =>
                `${method.toUpperCase()} ${route.path.replace(
                  /:(\w+)/g,
                  '{$1}',
                )}`,
            )
          : [],
      )
      .sort();
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter(key => key !== 'parameters')
          .map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('lists the same states, types and change kinds as the common package', () => {
    const { schemas } = spec.components;
    expect(schemas.ReleaseState.enum).toEqual(RELEASE_STATES);
    expect(schemas.ReleaseType.enum).toEqual(RELEASE_TYPES);
    expect(schemas.ReleaseChange.properties.kind.enum).toEqual(CHANGE_KINDS);
    expect(schemas.Conflict.properties.kind.enum).toEqual(CONFLICT_KINDS);
    expect(schemas.RiskLevel.enum).toEqual(RISK_LEVELS);
    expect(schemas.GateResult.properties.status.enum).toEqual([
      'allowed',
      'prevented',
    ]);
  });
});
