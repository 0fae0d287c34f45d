/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of the real receiver that
 * notes every consent POST and its answer: the receiver stores a record once
 * whatever arrives, so "sent twice" can only be seen here, on the wire.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountedPost {
  id: string;
  /** The record's signature: two different ones for one id would mean it was signed twice. */
  jws: string;
  status: number;
  /** `text/plain` for the CORS-simple last-chance send of a page being hidden (`sendOnPageHide`). */
  contentType: string;
}

export interface CountingProxy {
  url: string;
  /** Answered record POSTs, in the order their answers came. */
  posts: CountedPost[];
  /** From now on record POSTs wait here, unanswered, until `releasePosts()`. */
  holdPosts(): void;
  /** The held POSTs go on to the receiver, and later ones pass at once. */
  releasePosts(): void;
  /** How many record POSTs are waiting here now. */
  heldPosts(): number;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const posts: CountedPost[] = [];
  let holding = false;
  const held: Array<() => void> = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const isRecordPost = incoming.method === 'POST' && new URL(incoming.url ?? '/', target).pathname.endsWith('/consents');
      if (holding && isRecordPost) held.push(forward);
      else forward();
    });
    function forward() {
      const body = Buffer.concat(chunks);
      const url = new URL(incoming.url ?? '/', target);
      const forwarded = request(url, { method: incoming.method, headers: { ...incoming.headers, host: url.host } }, (answer) => {
        if (incoming.method === 'POST' && url.pathname.endsWith('/consents')) {
          let record: { id?: string; proof?: { jws?: string } } = {};
          try {
            record = JSON.parse(body.toString('utf8'));
          } catch {
            // Counted anyway, under the header's id.
          }
          posts.push({
            id: String(incoming.headers['idempotency-key'] ?? record.id),
            jws: record.proof?.jws ?? '',
            status: answer.statusCode ?? 0,
            contentType: String(incoming.headers['content-type'] ?? ''),
          });
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    holdPosts: () => {
      holding = true;
    },
    releasePosts: () => {
      holding = false;
      for (const go of held.splice(0)) go();
    },
    heldPosts: () => held.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
