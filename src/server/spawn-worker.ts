/**
 * Starts one of the receiver's worker modules (`./NAME.js` beside this file, or under tsx in
 * tests and the bench, the `.ts` source through tsx).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `options.workerData` reaches the module as `workerData`. */
export function spawnWorker(name: string, options: Pick<WorkerOptions, 'workerData'> = {}): Worker {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./${name}.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return new Worker(url, options);
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
