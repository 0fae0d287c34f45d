#!/usr/bin/env node
/** `optin-elements serve --port 8787 --db consents.db --origin https://shop.example` */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { LEDGER_COMMANDS_USAGE, runLedgerCommand } from './cli-ledger-commands.js';
import { ERASURE_COMMANDS_USAGE, runErasureCommand } from './cli-erasure-commands.js';
import { QR_COMMAND_USAGE, runQrCommand } from './cli-qr-command.js';
import { IMPORT_COMMAND_USAGE, runImportCommand } from './cli-import-command.js';
import { REPORT_COMMAND_USAGE, runReportCommand } from './cli-report-command.js';
import { REPROCESS_INBOUND_USAGE, runReprocessInbound } from './cli-reprocess-inbound.js';
import { LOG_COMMANDS_USAGE, runLogCommand } from './cli-log-commands.js';
import { readCheckpointFile } from './log/checkpoint-file.js';
import { startConsentServer } from './node-server.js';
import { parseTrustProxy, type TrustProxy } from './client-address.js';
import { adminTokenProblem } from './routes/admin-routes.js';
import { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';
import { verifyLedger } from './verify-ledger.js';
import { notifyUrlProblem } from './changes/change-notifier.js';

const USAGE = `Usage: optin-elements serve [--port 8787] [--host 127.0.0.1] [--db consents.db] [--origin URL ...] [--base-path /api] [--notify URL ...]
       optin-elements verify-ledger [--db consents.db | --db postgres://USER@HOST:PORT/DB] [--key-file FILE] [--checkpoint FILE] [--log-key NAME+HASH+KEY]

serve: runs the consent receiver: POST /consents, GET /consents/nonce, GET /.well-known/jwks.json.
  --port       port to listen on (default 8787; 0 picks a free one)
  --host       address to bind (default 127.0.0.1; use 0.0.0.0 to accept other machines)
  --db         SQLite file, created on first start (default consents.db), or a PostgreSQL URL
               postgres://USER[:PASSWORD]@HOST:PORT/DB: any number of receivers may share one
               database; its tables are created and migrated on start
  --origin     a browser origin allowed to send records; repeat for several, "*" for any
  --base-path  prefix for the routes (default none)
  --admin-token            secret for POST /preference-tokens, POST /subjects/erase, GET /audit/*, /may-send and
                           GET /changes (or env OPTIN_ADMIN_TOKEN), at least
                           32 characters: openssl rand -hex 32
  --whatsapp-app-secret    turns on the WhatsApp Cloud API webhook at /webhooks/whatsapp (or env OPTIN_WHATSAPP_APP_SECRET)
  --whatsapp-verify-token  the verify token of the webhook subscription handshake
  --request-timeout        seconds a client has to send a whole request, headers and body (default 30); later: 408
  --stop-word              one of the business's own stop keywords, conclusive like STOP; repeat for several
  --max-record-age-days    refuse records captured longer ago than this (default 90)
  --trust-proxy            the proxies in front of the receiver: their number (1) or a comma list of their
                           addresses and CIDR ranges (10.0.0.0/8,::1); the client is then the rightmost
                           X-Forwarded-For hop they do not vouch for (default: none; the header is ignored)
  --notify URL             push every consent change (the GET /changes feed) to this http(s) URL, one signed
                           POST per change (Idempotency-Key: the event id; Optin-Signature: a JWS by the
                           receipt key, see /.well-known/jwks.json), retried until a 2xx, resumed after a
                           restart; repeat for several URLs. docs/changes.md
  --notify-retry-ms        first wait after a failed notification, doubling up to 5 minutes (default 1000)
  --notify-poll-ms         how often the ledger is looked at for new changes to push (default 1000)
  --key-file   the receiver's private keys, created on first start, mode 0600 (default beside --db:
               consents.db → consents.keys.json; required with a PostgreSQL --db to keep keys out of
               the database); keep it out of the database's backups

verify-ledger: checks every signature, receipt and chain link of a ledger (file or PostgreSQL); exits 1 and names
the first broken row if there is one, and says how many rows were erased (their receipt and link still checked). --checkpoint FILE (a saved /log/checkpoint, or a witness's
state file): also checks that the ledger still holds exactly the log that checkpoint signed.

${LEDGER_COMMANDS_USAGE}

${ERASURE_COMMANDS_USAGE}

${REPROCESS_INBOUND_USAGE}
${IMPORT_COMMAND_USAGE}

${LOG_COMMANDS_USAGE}
${QR_COMMAND_USAGE}
${REPORT_COMMAND_USAGE}`;

async function verifyLedgerCommand(args: string[]): Promise<number> {
  let db: string;
  let values: { 'key-file'?: string; checkpoint?: string; 'log-key'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        db: { type: 'string', default: 'consents.db' },
        'key-file': { type: 'string' },
        checkpoint: { type: 'string' },
        'log-key': { type: 'string' },
      },
    }));
    db = (values as { db: string }).db;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (!isPostgresUrl(db) && !existsSync(db)) {
    console.error(`--db: no ledger file at ${db}`);
    return 2;
  }
  const checkpoint = values.checkpoint !== undefined ? readCheckpointFile(values.checkpoint) : undefined;
  let store;
  try {
    store = await openConsentStore(db, { readonly: true });
  } catch (error) {
    console.error(`--db: cannot open the ledger at ${describeLedger(db)}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const result = await verifyLedger(store, { ...checkpoint, keyFile: values['key-file'], logKey: values['log-key'] ?? checkpoint?.logKey });
    if (result.ok) {
      console.log(`ledger ${describeLedger(db)}: ${result.rowsChecked} rows, every signature, receipt and chain link verified`);
      // Erased rows have no record left to sign-check: their chain link, receipt and log leaf were checked.
      console.log(`ledger ${describeLedger(db)}: ${result.erasedRows} of them erased (personal data removed; receipt and chain link verified)`);
      if (result.checkpointSize !== undefined)
        console.log(`ledger ${describeLedger(db)}: its first ${result.checkpointSize} rows are exactly the log the checkpoint signed`);
      return 0;
    }
    if (result.checkpointProblem) {
      console.error(`ledger ${describeLedger(db)}: does not match the checkpoint: ${result.checkpointProblem}`);
      return 1;
    }
    const row = result.firstBroken!;
    console.error(`ledger ${describeLedger(db)}: row ${row.seq} (id ${row.id}) is broken: ${row.reason}`);
    return 1;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'verify-ledger') return verifyLedgerCommand(rest);
  if (command === 'witness' || command === 'rotate-key') {
    try {
      return await runLogCommand(command, rest);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (command === 'erase' || command === 'suppression' || command === 'retention') {
    try {
      return await runErasureCommand(command, rest);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (command === 'qr') {
    try {
      return runQrCommand(rest);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (command === 'report') {
    try {
      return await runReportCommand(rest);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (command === 'token' || command === 'audit' || command === 'reprocess-inbound' || command === 'import') {
    try {
      if (command === 'import') return await runImportCommand(rest);
      return command === 'reprocess-inbound' ? await runReprocessInbound(rest) : await runLedgerCommand(command, rest);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (command === '--help' || command === '-h') {
    // Asked for: the usage is the output (stdout, exit 0), so `optin-elements --help | less` works.
    console.log(USAGE);
    return 0;
  }
  if (command !== 'serve') {
    console.error(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: 'consents.db' },
        origin: { type: 'string', multiple: true, default: [] },
        'base-path': { type: 'string', default: '' },
        'admin-token': { type: 'string', default: process.env.OPTIN_ADMIN_TOKEN ?? '' },
        'whatsapp-app-secret': { type: 'string', default: process.env.OPTIN_WHATSAPP_APP_SECRET ?? '' },
        'whatsapp-verify-token': { type: 'string', default: '' },
        'request-timeout': { type: 'string', default: '30' },
        'stop-word': { type: 'string', multiple: true, default: [] },
        'max-record-age-days': { type: 'string', default: '90' },
        'key-file': { type: 'string' },
        'trust-proxy': { type: 'string' },
        notify: { type: 'string', multiple: true, default: [] },
        'notify-retry-ms': { type: 'string', default: '1000' },
        'notify-poll-ms': { type: 'string', default: '1000' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  let trustProxy: TrustProxy | undefined;
  try {
    trustProxy = values['trust-proxy'] === undefined ? undefined : parseTrustProxy(values['trust-proxy']);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const notifyProblem = values.notify.map(notifyUrlProblem).find((problem) => problem !== undefined);
  if (notifyProblem) {
    console.error(notifyProblem);
    return 2;
  }
  const notifyTimes: Record<string, number> = {};
  for (const flag of ['notify-retry-ms', 'notify-poll-ms'] as const) {
    const ms = Number(values[flag]);
    if (!Number.isInteger(ms) || ms < 1 || ms > 3_600_000) {
      console.error(`--${flag} must be a whole number of milliseconds from 1 to 3600000, got "${values[flag]}"`);
      return 2;
    }
    notifyTimes[flag] = ms;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    return 2;
  }
  const requestTimeout = Number(values['request-timeout']);
  if (!Number.isFinite(requestTimeout) || requestTimeout < 1 || requestTimeout > 3600) {
    console.error(`--request-timeout must be a number of seconds from 1 to 3600, got "${values['request-timeout']}"`);
    return 2;
  }
  const weakToken = values['admin-token'] ? adminTokenProblem(values['admin-token']) : undefined;
  if (weakToken) {
    console.error(`--admin-token / OPTIN_ADMIN_TOKEN: ${weakToken}`);
    return 2;
  }
  const bad = values.origin.filter((origin) => origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin));
  if (bad.length > 0) {
    console.error(`--origin takes an origin such as https://shop.example (no path), got ${bad.join(', ')}`);
    return 2;
  }
  const maxAgeDays = Number(values['max-record-age-days']);
  if (!Number.isFinite(maxAgeDays) || maxAgeDays <= 0) {
    console.error(`--max-record-age-days must be a positive number of days, got "${values['max-record-age-days']}"`);
    return 2;
  }
  const server = await startConsentServer({
    stopWords: values['stop-word'],
    maxRecordAgeMs: maxAgeDays * 24 * 3600 * 1000,
    port,
    host: values.host,
    db: values.db,
    allowedOrigins: values.origin,
    basePath: values['base-path'],
    requestTimeoutMs: Math.round(requestTimeout * 1000),
    keyFile: values['key-file'],
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    notify: values.notify.map((url) => ({ url, retryDelayMs: notifyTimes['notify-retry-ms'], pollIntervalMs: notifyTimes['notify-poll-ms'] })),
    adminToken: values['admin-token'] || undefined,
    whatsapp: values['whatsapp-app-secret']
      ? { appSecret: values['whatsapp-app-secret'], verifyToken: values['whatsapp-verify-token'] || undefined }
      : undefined,
  });
  console.log(`optin-elements receiver on ${server.url}${values['base-path']}/consents (ledger: ${describeLedger(values.db)})`);
  console.log(`log verifier key (for witnesses and auditors): ${server.logKey}`);
  for (const url of values.notify) console.log(`pushing consent changes to ${url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`optin-elements: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
