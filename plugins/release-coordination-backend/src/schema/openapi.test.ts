import { ReviewService } from '../reviews/ReviewService';
import { MetricsService } from '../metrics/MetricsService';
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
import { VerificationService } from '../verification/VerificationService';
import { ReleaseIssueService } from '../releaseIssues/ReleaseIssueService';
import { EntityAnnotationService } from '../annotations/EntityAnnotationService';
import { RollbackService } from '../rollback/RollbackService';
import { ReleaseNotesService } from '../releaseNotes/ReleaseNotesService';
import { ReleaseAnnouncer } from '../releaseNotes/ReleaseAnnouncer';
import { NotesFeedService } from '../releaseNotes/NotesFeedService';

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** The routes of a router and of the routers mounted in it, as `METHOD /path/{param}`. */
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap(({ route, handle }) =>
    route
      ? Object.keys(route.methods).map(
          method =>
            `${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : servedRoutes(handle?.stack ?? []),
  );
}

/** Served by the validated router of @backstage/backend-openapi-utils: the document itself. */
const DOCUMENT_ROUTE = 'GET /openapi.json';

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
      verification: {} as VerificationService,
      issues: {} as ReleaseIssueService,
      rollbacks: {} as RollbackService,
      reviews: {} as ReviewService,
      releaseNotes: {} as ReleaseNotesService,
      announcer: {} as ReleaseAnnouncer,
      notesFeeds: {} as NotesFeedService,
      metrics: {} as MetricsService,
      annotations: {} as EntityAnnotationService,
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
    });
    const served = servedRoutes(router.stack as Layer[])
      .filter(route => route !== DOCUMENT_ROUTE)
      .sort();
    expect(servedRoutes(router.stack as Layer[])).toContain(DOCUMENT_ROUTE);
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter(key => key !== 'parameters')
          .map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('documents 413 and 415 on every operation that takes a body, and 400 on every path with a parameter', () => {
    const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
    const operations = Object.entries(
      spec.paths as Record<string, Record<string, any>>,
    ).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => method !== 'parameters')
        .map(([method, operation]) => ({
          operation: `${method.toUpperCase()} ${path}`,
          method,
          path,
          responses: operation.responses,
        })),
    );
    const withBody = operations.filter(o =>
      ['post', 'patch', 'put', 'delete'].includes(o.method),
    );
    expect(
      withBody.map(o => [o.operation, o.responses['413'], o.responses['415']]),
    ).toEqual(
      withBody.map(o => [
        o.operation,
        ref('PayloadTooLarge'),
        ref('UnsupportedMediaType'),
      ]),
    );
    const malformedPathUndocumented = operations
      .filter(o => o.path.includes('{'))
      .filter(
        o =>
          !['BadRequest', 'MalformedPath'].some(
            name => o.responses['400']?.$ref === ref(name).$ref,
          ),
      )
      .map(o => o.operation);
    expect(malformedPathUndocumented).toEqual([]);
    for (const name of [
      'BadRequest',
      'MalformedPath',
      'PayloadTooLarge',
      'UnsupportedMediaType',
    ]) {
      expect(
        spec.components.responses[name].content['application/json'].schema,
      ).toEqual({ $ref: '#/components/schemas/Error' });
    }
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
