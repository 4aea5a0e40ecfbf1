import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '#functions/dev/dynamodb-local';

/** What `npm run dev` runs. */
const devArgs = ['--import', 'tsx', 'functions/dev/main.ts'];

export interface RunningApp {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** Ctrl-C, as a developer would press it; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/** Starts `npm run dev`'s entry as its own process, as a developer would, on a free port. */
export async function startApp(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'decide-together-'));
  const child = spawn(process.execPath, devArgs, {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The app did not start within 60 s:\n${output}`)),
      60_000,
    );
    const check = setInterval(() => {
      if (output.includes('is running at')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`The app exited with ${child.exitCode}:\n${output}`));
      }
    }, 100);
  });

  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    child,
    output: () => output,
    async interrupt() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Runs the dev entry until it exits, for the failures it must explain. */
export async function runAppToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, devArgs, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}
