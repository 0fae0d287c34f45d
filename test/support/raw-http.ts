/** Raw bytes to a server on 127.0.0.1, as a hostile client sends them: no HTTP library tidying anything. */
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before closing. */
  text: string;
  status: number;
  /** The JSON body, when there is one. */
  body: { error?: { code: string; message: string } } | undefined;
  /** Bytes of the request written before the server closed the socket. */
  bytesSent: number;
}

function answerOf(text: string, bytesSent: number): RawAnswer {
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
  const start = text.indexOf('\r\n\r\n');
  let body: RawAnswer['body'];
  try {
    body = start === -1 ? undefined : JSON.parse(text.slice(start + 4));
  } catch {
    body = undefined;
  }
  return { text, status, body, bytesSent };
}

function answerComplete(text: string): boolean {
  const start = text.indexOf('\r\n\r\n');
  if (start === -1) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, start))?.[1];
  return length !== undefined && Buffer.byteLength(text.slice(start + 4)) >= Number(length);
}

/**
 * Writes `head` at once, then `drip` one byte per `dripEveryMs` (the attacker's pace, not an
 * assertion), until the server closes the socket or the drip runs out; resolves with what came back.
 */
export function rawRequest(url: string, head: string, options: { drip?: string; dripEveryMs?: number } = {}): Promise<RawAnswer> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      // One whole answer is enough: a kept-alive socket would otherwise stay open for seconds.
      if (answerComplete(text)) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answerOf(text, bytesSent));
    });
    socket.write(head, () => (bytesSent += Buffer.byteLength(head)));
    const drip = options.drip ?? '';
    if (drip.length === 0) return;
    let next = 0;
    timer = setInterval(() => {
      if (socket.destroyed || next >= drip.length) {
        clearInterval(timer);
        if (!socket.destroyed) socket.end();
        return;
      }
      socket.write(drip[next++], () => (bytesSent += 1));
    }, options.dripEveryMs ?? 100);
  });
}
