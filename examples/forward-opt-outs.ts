/**
 * Recipe: the endpoint `optin-elements serve --notify URL` pushes to, forwarding every stop to the
 * suppression list of the BSP that sends the messages, so a person who said STOP on the website is
 * not sent the next campaign from the BSP.
 *
 * It answers 2xx only once the BSP took the stop: any other answer makes the receiver try the same
 * event again (same `Idempotency-Key`), so a stop is never lost on the way. Grants are answered 204
 * and not forwarded (a BSP's list is of people not to message). Adapt `suppress()` to your BSP's API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChangeNotification, type ReceiverJwks, verifyChangeNotification } from './verify-change-notification.js';

export interface OptOutForwarderOptions {
  /** This endpoint's public URL, exactly as given to `--notify` (the signature names it). */
  ownUrl: string;
  /** The receiver's `/.well-known/jwks.json`. */
  jwksUrl: string;
  /** The BSP's suppression-list endpoint. */
  suppressionUrl: string;
  /** The BSP's API token, sent as a bearer token. */
  suppressionToken?: string;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_BODY ? Buffer.concat(chunks) : undefined));
    req.on('error', () => resolve(undefined));
  });
}

/**
 * The categories a person stopped: `all` for an opt-out, else each one a preference change turned
 * off. (An opt-in's unticked boxes were never on: nothing to suppress.)
 */
export function stoppedCategories(event: ChangeNotification): string[] {
  if (event.kind !== 'opt-out' && event.kind !== 'preferences') return [];
  return event.categories.filter((c) => !c.granted).map((c) => c.id);
}

function identifiers(event: ChangeNotification, kind: 'phone' | 'bsuid'): string[] {
  return [event.subject, ...(event.linked ?? [])].map((identity) => identity[kind]).filter((value): value is string => value !== undefined);
}

export function createOptOutForwarder(options: OptOutForwarderOptions) {
  let jwks: ReceiverJwks | undefined;
  const loadJwks = async (refresh: boolean) => {
    if (!jwks || refresh) jwks = (await (await fetch(options.jwksUrl)).json()) as ReceiverJwks;
    return jwks;
  };

  async function suppress(event: ChangeNotification, categories: string[]): Promise<boolean> {
    const response = await fetch(options.suppressionUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        // The BSP may dedupe too; the receiver's event id is stable across its retries.
        'Idempotency-Key': event.id,
        ...(options.suppressionToken ? { Authorization: `Bearer ${options.suppressionToken}` } : {}),
      },
      // Every identifier of the person: a stop sent from a WhatsApp BSUID reaches the phone number the BSP knows.
      body: JSON.stringify({
        phones: identifiers(event, 'phone'),
        bsuids: identifiers(event, 'bsuid'),
        categories,
        reason: event.kind,
        at: event.capturedAt ?? event.at,
      }),
    }).catch(() => undefined);
    return response?.ok === true;
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = (status: number, text = ''): void => void res.writeHead(status, { 'Content-Type': 'text/plain' }).end(text);
    if (req.method !== 'POST') return answer(405);
    const body = await readBody(req);
    if (!body) return answer(413);
    const headers = {
      signature: (req.headers['optin-signature'] as string | undefined) ?? null,
      idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
    };
    let check = await verifyChangeNotification(body, headers, await loadJwks(false), options.ownUrl);
    // A key the cached JWKS lacks: the receiver rotated its key since; fetch the JWKS again once.
    if (!check.ok && check.reason.startsWith('no key')) check = await verifyChangeNotification(body, headers, await loadJwks(true), options.ownUrl);
    if (!check.ok) return answer(401, check.reason);
    const categories = stoppedCategories(check.event);
    if (categories.length === 0) return answer(204);
    // Not 2xx until the BSP has it: the receiver keeps the event and tries again.
    return (await suppress(check.event, categories)) ? answer(204) : answer(502, 'the suppression list did not take the stop');
  };
}

/** Runs the forwarder on its own port (0: a free one), on 127.0.0.1 unless told otherwise. */
export async function startOptOutForwarder(options: Omit<OptOutForwarderOptions, 'ownUrl'> & { ownUrl?: string; port?: number; host?: string }) {
  let forward: ReturnType<typeof createOptOutForwarder> | undefined;
  const server = createServer((req, res) => void forward!(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const url = options.ownUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/optin-changes`;
  forward = createOptOutForwarder({ ...options, ownUrl: url });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
