/** The receiver in its own process for the load bench, so the load generator does not share its event loop. */
import { startConsentServer } from '../src/server/node-server.js';
import { threadCpuMicros } from './cpu-time.js';

const db = process.argv[2];
// One client address sends everything here, so the abuse limits are off for the measurement.
const server = await startConsentServer({
  db,
  port: 0,
  rateLimits: { perClient: false, perSubject: false },
  // RECEIVER_VERIFICATION_THREAD=0 measures verification in the main thread.
  verificationThread: process.env.RECEIVER_VERIFICATION_THREAD !== '0',
  // RECEIVER_EXPORT_THREAD=0 runs audit exports in the main thread, page by page.
  exportThread: process.env.RECEIVER_EXPORT_THREAD !== '0',
  ...(process.env.RECEIVER_ADMIN_TOKEN ? { adminToken: process.env.RECEIVER_ADMIN_TOKEN } : {}),
});
process.stdout.write(`${server.url}\n`);
// The bench asks for the CPU time spent so far (before and after the load) on a line of stdin:
// the whole process's, and the main thread's own (its HTTP, handler and SQLite work), where Linux tells it.
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMicros: user + system, mainThreadMicros: threadCpuMicros() })}\n`);
});
// process.exit() after close, not before: a profiled run (--cpu-prof) writes its profile on a normal exit.
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
