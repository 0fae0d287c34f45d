/**
 * Responses whose body is produced while it is sent (a whole-ledger export): the Node server
 * writes these chunk by chunk as the client reads, instead of buffering the whole body first.
 */
const streamed = new WeakSet<Response>();

export function markStreamed(response: Response): Response {
  streamed.add(response);
  return response;
}

export function isStreamed(response: Response): boolean {
  return streamed.has(response);
}
