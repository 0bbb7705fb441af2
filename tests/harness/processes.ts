import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './demo';

// Process lifecycle shared by the database harnesses. Every child runs in its own process group
// and is tracked with the signal that stops it, so an exit hook can take all of them down
// synchronously (and remove the temp dirs) if a test dies before its mesh's stop().
const children = new Map<ChildProcess, NodeJS.Signals>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/** Where and as whom a child runs (uid/gid: a service user when we are root). */
export interface RunAs {
  uid?: number;
  gid?: number;
  cwd: string;
}

/** A fresh directory under the OS temp dir, removed by the exit hook unless `removeTempDir` came first. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  tempDirs.delete(dir);
}

/** Starts a long-running child in its own process group; `stopSignal` is what `terminate` and the exit hook send it. */
export function launch(command: string, args: string[], options: RunAs, stopSignal: NodeJS.Signals, onOutput: (chunk: string) => void): ChildProcess {
  installExitHook();
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(child, stopSignal);
  child.stdout!.setEncoding('utf8').on('data', onOutput);
  child.stderr!.setEncoding('utf8').on('data', onOutput);
  child.on('error', (error) => onOutput(`\n${command}: ${error.message}\n`));
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs a setup tool to completion; rejects with its output if it fails. */
export function run(command: string, args: string[], options: RunAs): Promise<void> {
  let output = '';
  const child = launch(command, args, options, 'SIGKILL', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code ?? signal}:\n${output}`))));
  });
}

/** Sends the child its stop signal; SIGKILL if it is still alive 10 s later. */
export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(children.get(child) ?? 'SIGKILL');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Polls `probe` every 50 ms until it returns a value (a throw ends the wait). */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(describe());
    await sleep(50);
  }
}

/** uid and gid of OS user `name` when we are root (servers refuse to run as root), else undefined: run as ourselves. */
export function serviceUser(name: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [child, signal] of children) killGroup(child, signal);
    for (const dir of tempDirs) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
      } catch {
        // A server may still be writing while it dies; the dir is only a leak, not a failure.
      }
    }
  });
  // 'exit' does not fire on a fatal signal; turn one into a normal exit.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
