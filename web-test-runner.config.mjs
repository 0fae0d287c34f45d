// @ts-check
/**
 * Browser component tests: test/components/**\/*.test.ts in Chromium, Firefox and WebKit.
 *
 * - Chromium: Playwright driving Debian's /usr/bin/chromium (or Playwright's own Chromium).
 * - Firefox:  Puppeteer over WebDriver BiDi driving /usr/bin/firefox-esr
 *             (or Playwright's own Firefox when firefox-esr is absent).
 * - WebKit:   WebKitWebDriver + MiniBrowser from webkit2gtk-driver (needs a display: run through
 *             scripts/with-display.mjs), or Playwright's own WebKit when those are absent.
 *
 * OPTIN_BROWSERS=chromium,firefox restricts the engines (default: all three).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { testReceiverMiddleware } from './test/support/test-receiver-middleware.mjs';
import { testEndpoints } from './test/support/test-endpoints.mjs';
import { serveBuiltFiles } from './test/support/serve-built-files.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

/** Engines selected by OPTIN_BROWSERS (comma list), default all three. */
export function selectedEngines(value = process.env.OPTIN_BROWSERS) {
  if (!value || !value.trim()) return ALL_ENGINES;
  const wanted = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((e) => !ALL_ENGINES.includes(e));
  if (unknown.length) {
    throw new Error(`OPTIN_BROWSERS: unknown engine(s) ${unknown.join(', ')}; use a comma list of ${ALL_ENGINES.join(', ')}`);
  }
  return ALL_ENGINES.filter((e) => wanted.includes(e));
}

const SYSTEM = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const BROWSER_START_TIMEOUT = 120_000;

/** A TCP port that is free right now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts WebKitWebDriver on a free port, waits until GET /status answers ready, and makes sure it
 * is killed when this process exits. Returns the port.
 */
async function startWebKitWebDriver() {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    // Own process group: MiniBrowser is WebKitWebDriver's child and survives a plain SIGTERM to
    // the driver, so the whole group is signalled on exit.
    const child = spawn(SYSTEM.webkitDriver, [`--port=${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    child.on('error', (e) => {
      lastError = e;
      exited = true;
    });

    const kill = () => {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        try {
          child.kill('SIGTERM');
        } catch {
          /* already gone */
        }
      }
    };
    process.once('exit', kill);
    // wtr turns SIGINT into a graceful stop + process.exit; SIGTERM/SIGHUP (CI cancellation,
    // closed terminal) would otherwise end node without an 'exit' event and orphan the driver.
    for (const [sig, code] of /** @type {const} */ ([
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ])) {
      if (process.listenerCount(sig) === 0) process.once(sig, () => process.exit(code));
    }

    const deadline = Date.now() + 30_000;
    while (!exited && Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          const body = await res.json().catch(() => ({}));
          if (body?.value?.ready !== false) {
            child.stderr?.removeAllListeners('data');
            child.stderr?.resume();
            return port;
          }
        }
      } catch (e) {
        lastError = e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    kill();
    process.removeListener('exit', kill);
    lastError = new Error(`WebKitWebDriver on port ${port} did not become ready (attempt ${attempt})${stderr ? `: ${stderr.trim()}` : ''}`, {
      cause: lastError,
    });
  }
  throw lastError;
}

async function chromiumBrowser() {
  if (existsSync(SYSTEM.chromium)) {
    return playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: SYSTEM.chromium, headless: true, args: CHROMIUM_ARGS },
    });
  }
  return playwrightLauncher({ product: 'chromium', launchOptions: { headless: true } });
}

async function firefoxBrowser() {
  if (existsSync(SYSTEM.firefox)) {
    const { puppeteerLauncher } = await import('@web/test-runner-puppeteer');
    return puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: SYSTEM.firefox, headless: true },
    });
  }
  return playwrightLauncher({ product: 'firefox', launchOptions: { headless: true } });
}

async function webkitBrowser() {
  if (existsSync(SYSTEM.webkitDriver) && existsSync(SYSTEM.miniBrowser)) {
    const { webdriverLauncher } = await import('@web/test-runner-webdriver');
    const port = await startWebKitWebDriver();
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      connectionRetryTimeout: BROWSER_START_TIMEOUT,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: SYSTEM.miniBrowser, args: ['--automation'] },
      },
    });
  }
  return playwrightLauncher({ product: 'webkit', launchOptions: { headless: true } });
}

const factories = { chromium: chromiumBrowser, firefox: firefoxBrowser, webkit: webkitBrowser };
const engines = selectedEngines();
const browsers = [];
for (const engine of engines) browsers.push(await factories[engine]());

const cpus = os.availableParallelism?.() ?? os.cpus().length;

/** Clears what a previous test file left: the outbox database and localStorage. */
const CLEAN_SLATE = `await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('optin-elements-outbox');
    request.onsuccess = request.onerror = () => resolve();
    request.onblocked = () => setTimeout(resolve, 2000);
  });
  try { localStorage.clear(); } catch {}`;

/**
 * The built script-tag file (run `npm run build` first) on a plain page, with its SRI hash, as a
 * marketer's page loads it, in every engine: test/script-tag/ from dist/cdn/, and
 * test/script-tag-tampered/ from a copy whose data files were altered (test/support/serve-built-files.mjs).
 * Left out when a run names its own `--files`; `-- --group script-tag` runs one alone.
 */
const SCRIPT = 'dist/cdn/optin-elements.min.js';
const SRI = existsSync(`${SCRIPT}.sri`) ? readFileSync(`${SCRIPT}.sri`, 'utf8').trim() : '';
const focused = process.argv.some((arg) => arg === '--files' || arg.startsWith('--files='));
/** @param {string} name @param {string} folder the script's folder as the page names it */
const scriptTagGroup = (name, folder) => ({
  name,
  files: [`test/${name}/**/*.test.ts`],
  /** @param {string} testRunnerImport */
  testRunnerHtml: (testRunnerImport) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script>
  // Before the script opens the outbox: IndexedDB runs this deletion first, whatever is pending.
  indexedDB.deleteDatabase('optin-elements-outbox');
  try { localStorage.clear(); } catch {}
</script>
<script src="${folder}/optin-elements.min.js"${SRI ? ` integrity="${SRI}"` : ''} crossorigin="anonymous"></script>
</head><body>
<script type="module">
  await import('${testRunnerImport}');
</script>
</body></html>`,
});

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: ROOT,
  files: ['test/components/**/*.test.ts'],
  groups: focused ? [] : [scriptTagGroup('script-tag', '/dist/cdn'), scriptTagGroup('script-tag-tampered', '/dist/cdn-tampered')],
  // The source tree's side of package.json `imports` (#platform/…): see src/platform/.
  nodeResolve: { exportConditions: ['optin-source'] },
  browsers,
  // Test files per browser at once, and browsers at once: keep a 2-core CI box from thrashing.
  concurrency: cpus <= 2 ? 1 : Math.min(4, Math.floor(cpus / 2)),
  concurrentBrowsers: cpus <= 2 ? 2 : 3,
  browserStartTimeout: BROWSER_START_TIMEOUT,
  testsStartTimeout: BROWSER_START_TIMEOUT,
  testsFinishTimeout: 5 * 60_000,
  // Generous: WebKit under Xvfb on a busy 2-core box can take seconds for a first IndexedDB open.
  testFramework: { config: { timeout: 30_000 } },
  // Each test file starts with an empty outbox: the outbox keeps one subject's records in order, so a
  // record a previous file left waiting (on purpose, for the "queued" state) must not hold back this
  // file's records for the same number. WebKit keeps one profile for the whole run.
  testRunnerHtml: (testRunnerImport) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script type="module">
  ${CLEAN_SLATE}
  await import('${testRunnerImport}');
</script>
</body></html>`,
  // Scripted test endpoints, and a real receiver with a real SQLite file at /receiver/….
  middleware: [testEndpoints, await testReceiverMiddleware(), serveBuiltFiles(ROOT)],
  plugins: [
    // ts:true also rewrites relative `./x.js` imports in .ts files to `./x.ts` when that exists.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: TSCONFIG }),
  ],
};
