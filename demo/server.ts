/**
 * `npm start`: the demo page and an embedded receiver on one origin.
 * The receiver stores records in demo/consents.db (created on first start).
 */
import { startDemoServer } from './demo-server.js';

const dbFile = process.env.OPTIN_DEMO_DB ?? 'demo/consents.db';
const demo = await startDemoServer({ port: Number(process.env.PORT ?? 5173), host: process.env.HOST, db: dbFile });
console.log(`optin-elements demo: ${demo.url}/demo/`);
console.log(`receiver: POST ${demo.url}/consents · ledger: ${dbFile}`);

const stop = () => void demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
