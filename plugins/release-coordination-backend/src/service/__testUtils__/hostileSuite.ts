/* eslint-disable jest/no-export, jest/valid-title -- a kit that declares the describe and it blocks of the suites importing it; the titles are the endpoint names */
/*
 * The frame every hostile-input suite (`src/service/hostile*.test.ts`) shares:
 * one describe per test database, the plugin started before and its figures
 * recorded after, and one property per endpoint.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  HostileBackend,
  hostileInputDatabases,
  startHostileBackend,
} from './hostileBackend';
import { RawBody, deleteBody } from './hostileRequests';
import {
  HostileInputRun,
  HostileRequest,
  RUNS_PER_ENDPOINT,
  recordResults,
} from './hostileRun';

/**
 * The generated requests of one endpoint: a path and, where it takes them, a
 * query and a body. A DELETE without `body` is sent `deleteBody`.
 */
export interface HostileCases {
  path: fc.Arbitrary<string>;
  query?: fc.Arbitrary<string>;
  body?: fc.Arbitrary<RawBody | undefined>;
}

/** What a suite's definition gets to declare its endpoints with. */
export interface HostileSuite {
  /** The plugin under test; available inside the case factories. */
  backend(): HostileBackend;
  /**
   * Declares the property of an endpoint, named `METHOD /path` (the method is
   * what is sent): on RUNS_PER_ENDPOINT requests made by `cases`, none gets a
   * 5xx and none that is refused (4xx) changes the database.
   */
  endpoint(
    name: string,
    cases: () => HostileCases | Promise<HostileCases>,
  ): void;
}

/**
 * A hostile-input suite, once on every test database: `define` declares its
 * endpoints; the figures go to the section `<resultsKey>-<database>` of the
 * results file.
 */
export function describeHostileSuite(
  options: { title: string; resultsKey: string; resultsTitle: string },
  define: (suite: HostileSuite) => void,
) {
  jest.setTimeout(20 * 60_000);
  const databases = TestDatabases.create({ ids: hostileInputDatabases() });

  describe.each(databases.eachSupportedId())(
    `${options.title} on %p`,
    databaseId => {
      let backend: HostileBackend | undefined;
      let run: HostileInputRun;

      beforeAll(async () => {
        backend = await startHostileBackend(databases, databaseId);
        run = new HostileInputRun(backend);
      });

      afterAll(async () => {
        recordResults(
          `${options.resultsKey}-${databaseId}`,
          `${options.resultsTitle} on ${databaseId}`,
          run,
        );
        await backend?.stop();
      });

      define({
        backend: () => backend!,
        endpoint: (name, cases) =>
          it(name, async () => {
            const method = name.split(' ')[0].toLowerCase() as Parameters<
              HostileInputRun['check']
            >[1];
            const { path, query, body } = await cases();
            const requests: fc.Arbitrary<HostileRequest> = fc.record({
              path,
              query: query ?? fc.constant(undefined),
              body:
                body ??
                (method === 'delete' ? deleteBody : fc.constant(undefined)),
            });
            await expect(run.check(name, method, requests)).resolves.toBe(
              RUNS_PER_ENDPOINT,
            );
          }),
      });
    },
  );
}
