/**
 * Starts the real `optin-elements serve` command in a child process on a free port and answers
 * its URL once it listens; `stop()` ends it (and any process it started) with SIGTERM and waits for it to exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ReceiverProcess {
  url: string;
  child: ChildProcess;
  /** What it wrote to stderr so far, for failure messages. */
  errors(): string;
  stop(): Promise<void>;
}

/** `command` and `args` run the CLI (`node dist/server/cli.js`, `npx optin-elements`, `tsx src/server/cli.ts`); `serve --port 0` is added. */
export async function startReceiverProcess(command: string, args: string[], options: { cwd?: string; serveArgs: string[] }): Promise<ReceiverProcess> {
  // Its own process group: `npx` runs the CLI in a grandchild, which a signal to npx alone would leave running.
  const child = spawn(command, [...args, 'serve', '--port', '0', ...options.serveArgs], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /receiver on (http:\/\/\S+?)\/consents/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    child,
    errors: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
