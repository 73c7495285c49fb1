/*
 * The two-replica cluster: a fresh PostgreSQL database per run, a static
 * signing key both replicas share, and the real backend (packages/backend)
 * started twice from source on ports of its own.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { withDatabase } from './db';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/** The signing key of the run: the auth backends issue with it, the script mints with it. */
export interface RunKey {
  keyId: string;
  privateKeyPem: string;
  publicKeyFile: string;
  privateKeyFile: string;
}

/** Writes a fresh ES256 key pair into the run folder. */
export function createRunKey(folder: string): RunKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const privateKeyPem = privateKey
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const publicKeyFile = path.join(folder, 'public.pem');
  const privateKeyFile = path.join(folder, 'private.pem');
  fs.writeFileSync(
    publicKeyFile,
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(privateKeyFile, privateKeyPem, { mode: 0o600 });
  return {
    keyId: 'replicas-run',
    privateKeyPem,
    publicKeyFile,
    privateKeyFile,
  };
}

/** Creates the run's own database; `drop` removes it (and only it). */
export async function createRunDatabase(pgUrl: string, name: string) {
  await withDatabase(pgUrl, query => query(`CREATE DATABASE "${name}"`));
  return {
    url: `${pgUrl.replace(/\/$/, '')}/${name}`,
    async drop() {
      await withDatabase(pgUrl, query =>
        query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

/** The app-config of one replica, on top of the repository's app-config.yaml. */
function replicaConfig(port: number, databaseUrl: string, key: RunKey) {
  // JSON is YAML: no YAML writer needed
  return JSON.stringify(
    {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: {
          client: 'pg',
          connection: databaseUrl,
          // every plugin in a schema of the run's database
          pluginDivisionMode: 'schema',
        },
      },
      auth: {
        keyStore: {
          provider: 'static',
          static: {
            keys: [
              {
                keyId: key.keyId,
                publicKeyFile: key.publicKeyFile,
                privateKeyFile: key.privateKeyFile,
                algorithm: 'ES256',
              },
            ],
          },
        },
      },
    },
    null,
    2,
  );
}

/** What the backend logs when a plugin failed to start (it then stays up, unready). */
const STARTUP_FAILED = 'Backend startup failed';

/** One backend process of the cluster. */
export class Replica {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** Starts of this replica so far; each start logs to a file of its own. */
  starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly folder: string,
    databaseUrl: string,
    key: RunKey,
  ) {
    fs.writeFileSync(this.configFile, replicaConfig(port, databaseUrl, key));
  }

  get baseUrl() {
    return `http://localhost:${this.port}`;
  }

  get configFile() {
    return path.join(this.folder, `app-config.${this.name}.yaml`);
  }

  get logFile() {
    return path.join(this.folder, `${this.name}.${this.starts}.log`);
  }

  /** Everything this replica logged, over all its starts. */
  logs(): string {
    return Array.from({ length: this.starts }, (_, i) =>
      path.join(this.folder, `${this.name}.${i + 1}.log`),
    )
      .filter(file => fs.existsSync(file))
      .map(file => fs.readFileSync(file, 'utf8'))
      .join('\n');
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null;
  }

  /** Starts the backend from source, as `backstage-cli package start` runs it, without the file watcher. */
  start() {
    this.starts += 1;
    const log = fs.openSync(this.logFile, 'a');
    const backendDir = path.join(ROOT, 'packages/backend');
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        path.join(ROOT, 'app-config.yaml'),
        '--config',
        this.configFile,
      ],
      {
        cwd: backendDir,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
        },
      },
    );
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
  }

  /**
   * Waits until the backend says it is ready (all plugins started); false
   * when its startup failed (it then waits for nothing: the caller restarts it).
   */
  async waitReady(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) {
        throw new Error(`${this.name} exited; see ${this.logFile}`);
      }
      if (fs.readFileSync(this.logFile, 'utf8').includes(STARTUP_FAILED)) {
        return false;
      }
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/readiness`,
        );
        if (res.ok) return true;
      } catch {
        // not listening yet
      }
      await sleep(1000);
    }
    throw new Error(`${this.name} not ready within ${timeoutMs / 1000} s`);
  }

  /** The crash: SIGKILL, no shutdown hooks, connections cut. */
  async kill() {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM, SIGKILL after 15 s). */
  async stop() {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Synchronous last resort on exit of the script: no orphans. */
  killNow() {
    if (this.running) this.child!.kill('SIGKILL');
  }
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));
