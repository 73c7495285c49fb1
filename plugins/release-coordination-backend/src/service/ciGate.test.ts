import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

/*
 * The CI integrations of the deploy gate (docs/deploy-gate-ci.md) run
 * against a mock gate: the GitHub Action's script, the GitLab include's
 * script and the Jenkins stage's script.
 */
const ROOT = resolve(__dirname, '../../../..');
const run = promisify(execFile);

const FREEZE_LINK = {
  kind: 'freeze',
  id: 'f-1',
  title: 'Year-end freeze',
  url: 'https://portal.example.com/release-coordination?tab=freezes',
};

/** Answers like the gate: entities named `*-free` may deploy; the token must be `s3cret-token`. */
function mockGate() {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url!);
    const url = new URL(req.url!, 'http://localhost');
    res.setHeader('Content-Type', 'application/json');
    if (req.headers.authorization !== 'Bearer s3cret-token') {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: { message: 'Illegal token' } }));
      return;
    }
    const free = url.searchParams.get('entityRef')!.endsWith('-free');
    res.end(
      JSON.stringify(
        free
          ? {
              allowed: true,
              status: 'allowed',
              reasons: ['Covered.'],
              blockedBy: [],
            }
          : {
              allowed: false,
              status: 'prevented',
              reasons: ['Freeze "Year-end freeze" applies.'],
              blockedBy: [FREEZE_LINK],
            },
      ),
    );
  });
  return { server, asked };
}

/** The shell scripts of the three integrations, as each CI system runs them. */
const SCRIPTS: Record<string, { shell: string; args: string[] }> = {
  'GitHub Action': {
    shell: 'bash',
    args: [resolve(ROOT, '.github/actions/release-gate/gate.sh')],
  },
  'GitLab include': {
    shell: 'sh',
    args: [
      '-c',
      parse(readFileSync(resolve(ROOT, 'ci/gitlab/release-gate.yml'), 'utf8'))[
        '.release-gate'
      ].script.join('\n'),
    ],
  },
  'Jenkins stage': {
    shell: 'bash',
    args: [
      '-c',
      /sh '''([\s\S]*?)'''/
        .exec(
          readFileSync(resolve(ROOT, 'ci/jenkins/releaseGate.groovy'), 'utf8'),
        )![1]
        .replace(/\\\\/g, '\\'),
    ],
  },
};

describe.each(Object.entries(SCRIPTS))(
  'deploy gate in CI: %s',
  (_name, script) => {
    let server: Server;
    let asked: string[];
    let baseUrl: string;
    beforeAll(async () => {
      ({ server, asked } = mockGate());
      await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise(done => server.close(done)));

    const gate = (entityRef: string, token = 's3cret-token') =>
      run(script.shell, script.args, {
        env: {
          PATH: process.env.PATH,
          BACKSTAGE_URL: baseUrl,
          BACKSTAGE_TOKEN: token,
          ENTITY_REF: entityRef,
          AT: '',
        },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        error => ({
          code: error.code as number,
          stdout: error.stdout as string,
          stderr: error.stderr as string,
        }),
      );

    it('passes when the gate allows the deploy', async () => {
      const result = await gate('component:default/cart-free');
      expect(result.code).toBe(0);
      const url = new URL(asked.at(-1)!, 'http://localhost');
      expect(url.pathname).toBe('/api/release-coordination/gate');
      expect(url.searchParams.get('entityRef')).toBe(
        'component:default/cart-free',
      );
    });

    it('fails with the reasons and the link to the freeze when it is prevented', async () => {
      const result = await gate('component:default/payments');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Freeze "Year-end freeze" applies.');
      expect(result.stdout).toContain(
        `blocked by freeze "Year-end freeze": ${FREEZE_LINK.url}`,
      );
    });

    it('fails with 2 when the gate refuses the token', async () => {
      const result = await gate('component:default/payments', 'wrong-token');
      expect(result.code).toBe(2);
    });
  },
);
