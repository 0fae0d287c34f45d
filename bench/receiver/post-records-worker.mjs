/**
 * Load generator for the receiver bench, in its own thread so the receiver's event loop
 * only serves requests. Posts every body once (plus the repeats), `concurrency` at a time,
 * and reports each request's status and latency.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { url, bodies, repeats, concurrency } = workerData;
const queue = [...bodies.map((body, index) => ({ body, index })), ...repeats.map((index) => ({ body: bodies[index], index }))];
const results = [];
let next = 0;

async function lane() {
  while (next < queue.length) {
    const { body, index } = queue[next++];
    const id = JSON.parse(body).id;
    const start = performance.now();
    let status = 0;
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id }, body });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = -1;
    }
    results.push({ index, status, ms: performance.now() - start });
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
parentPort.postMessage({ results, seconds: (performance.now() - started) / 1000 });
