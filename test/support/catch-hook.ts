/**
 * A local stand-in for a no-code catch hook (Zapier, Make, n8n): it takes any
 * JSON POST, keeps the parsed body, and answers 200 like they do. With `cors`,
 * it also answers browser preflights (as an n8n Webhook node with allowed origins
 * does); without, it behaves like a hook that only servers can call.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CatchHook {
  url: string;
  received: Array<{ headers: Record<string, string | string[] | undefined>; body: unknown }>;
  close(): Promise<void>;
}

export async function startCatchHook(options: { cors?: boolean } = {}): Promise<CatchHook> {
  const received: CatchHook['received'] = [];
  const corsHeaders: Record<string, string> = options.cors
    ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key' }
    : {};
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(options.cors ? 204 : 405, corsHeaders).end();
      return;
    }
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        received.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(200, { 'Content-Type': 'application/json', ...corsHeaders }).end('{"status":"success"}');
      } catch {
        res.writeHead(400, corsHeaders).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/catch/123/abc/`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
