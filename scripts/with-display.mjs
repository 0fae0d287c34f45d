#!/usr/bin/env node
// Runs a command with an X display when WebKit (MiniBrowser, which has no headless mode) needs one.
//
//   node scripts/with-display.mjs web-test-runner --config web-test-runner.config.mjs
//
// The command runs directly when DISPLAY is set, when OPTIN_BROWSERS leaves WebKit out, when
// Debian's MiniBrowser is absent (Playwright's WebKit is headless), or when xvfb-run is absent;
// otherwise under `xvfb-run -a --server-args="-screen 0 1280x1024x24"`.
// Bare commands are looked up in node_modules/.bin first. Stdio and exit code pass through.
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-display.mjs <command> [args...]');
  process.exit(2);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH, or undefined. */
function which(name, pathVar = process.env.PATH ?? '') {
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function wantsWebKit() {
  const v = process.env.OPTIN_BROWSERS;
  if (!v || !v.trim()) return true;
  return v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes('webkit');
}

const env = { ...process.env, PATH: [BIN, process.env.PATH].filter(Boolean).join(path.delimiter) };
const resolved = !cmd.includes('/') && isExecutable(path.join(BIN, cmd)) ? path.join(BIN, cmd) : cmd;

const xvfbRun = which('xvfb-run');
const needsDisplay = !process.env.DISPLAY && wantsWebKit() && isExecutable(MINIBROWSER);

const wrapped = Boolean(needsDisplay && xvfbRun);
const [file, argv] = wrapped ? [xvfbRun, ['-a', '--server-args=-screen 0 1280x1024x24', resolved, ...args]] : [resolved, args];

if (needsDisplay && !xvfbRun) {
  console.warn('with-display: no DISPLAY and no xvfb-run; WebKit (MiniBrowser) will probably fail to start.');
}

const child = spawn(file, argv, { stdio: 'inherit', env });

/**
 * Descendants of rootPid that share our process group (Xvfb, the test runner, npx), i.e. the processes
 * a terminal Ctrl-C would reach. Browsers that their launchers put in their own groups are left to
 * the test runner, which closes them on its way out. Linux /proc only; elsewhere: [].
 */
function sameGroupDescendants(rootPid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const procs = [];
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(d), comm, ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      /* exited meanwhile */
    }
  }
  const ownGroup = procs.find((p) => p.pid === process.pid)?.pgrp;
  const found = [];
  let frontier = [rootPid];
  while (frontier.length) {
    const kids = procs.filter((p) => frontier.includes(p.ppid));
    found.push(...kids);
    frontier = kids.map((p) => p.pid);
  }
  return found.filter((p) => p.pgrp === ownGroup);
}

// A signal sent to this process alone (npm run, CI cancellation, `kill`) must reach the test
// runner too. Under xvfb-run only the command is signalled: xvfb-run (a shell script) then sees it
// exit and stops Xvfb and removes its auth dir itself; signalled directly, it would die without
// cleaning up (SIGTERM) and Xvfb treats SIGHUP as "reset", not "exit".
function signalTree(sig, everything = false) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const tree = sameGroupDescendants(child.pid);
  const targets = wrapped && !everything ? tree.filter((p) => p.comm !== 'Xvfb').map((p) => p.pid) : [child.pid, ...tree.map((p) => p.pid)];
  for (const pid of targets) {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}
let forwarded = 0;
const forward = (sig) => () => {
  // A second signal, or a command still alive 15 s after the first, ends everything.
  if (++forwarded > 1) return signalTree('SIGKILL', true);
  signalTree(sig);
  setTimeout(() => signalTree('SIGKILL', true), 15_000).unref();
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, forward(sig));

child.on('error', (err) => {
  console.error(`with-display: cannot run ${file}: ${err.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal) {
    const signum = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
    process.exit(128 + signum);
  }
  process.exit(code ?? 1);
});
