/**
 * The browser side of a lane of the component tests' real receiver (receiver-lanes.mjs): a test
 * gets its own endpoint on the real receiver, counts what arrived there, and can hold requests or
 * make the receiver unavailable. What a test says was "sent once" is counted here, on the wire.
 */
export type LaneMode = 'pass' | 'hold' | 'unavailable' | 'unreachable' | 'absent' | 'garbled';

export interface LaneModes {
  /** Record POSTs to `…/consents`. */
  consents?: LaneMode;
  /** `GET …/consents/nonce`. */
  nonce?: LaneMode;
  /** `Retry-After` of an `unavailable` answer, in seconds. Default 0. */
  retryAfterSeconds?: number;
}

export interface LaneRequest {
  method: string;
  /** The path after the lane's prefix, e.g. `/consents` or `/consents/nonce`. */
  path: string;
  idempotencyKey: string;
  contentType: string;
  body: string;
  /** The answer's status; 0 while held, or when the connection was dropped. */
  status: number;
}

export interface ReceiverLane {
  /** The lane's `/consents` endpoint, for the element's `endpoint` attribute. */
  readonly endpoint: string;
  set(modes: LaneModes): Promise<void>;
  /** Held requests go on to the receiver, and the lane passes from now on. */
  release(): Promise<void>;
  /** Every request that reached the lane, in order of arrival. */
  requests(): Promise<LaneRequest[]>;
  /** The record POSTs that reached the lane. */
  posts(): Promise<LaneRequest[]>;
  /** The nonce requests that reached the lane. */
  nonceRequests(): Promise<LaneRequest[]>;
  /** How many requests wait for `release()`. */
  held(): Promise<number>;
}

async function control(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, { cache: 'no-store', ...init });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** A lane with a fresh random key: no other test, and no other engine running this test, shares it. */
export async function openReceiverLane(modes: LaneModes = {}): Promise<ReceiverLane> {
  const key = crypto.randomUUID();
  const controlUrl = `/receiver-lanes/${key}`;
  const state = async () => (await (await control(controlUrl)).json()) as { requests: LaneRequest[]; held: number };
  const requests = async () => (await state()).requests;
  const lane: ReceiverLane = {
    endpoint: `/receiver/lane/${key}/consents`,
    set: async (next) => void (await control(controlUrl, { method: 'PUT', body: JSON.stringify(next) })),
    release: async () => void (await control(`${controlUrl}/release`, { method: 'POST' })),
    requests,
    posts: async () => (await requests()).filter((r) => r.method === 'POST' && r.path === '/consents'),
    nonceRequests: async () => (await requests()).filter((r) => r.method === 'GET' && r.path === '/consents/nonce'),
    held: async () => (await state()).held,
  };
  await lane.set(modes);
  return lane;
}

/** The ids (Idempotency-Key) of the records POSTed to the lane, in order of arrival. */
export async function postedIds(lane: ReceiverLane): Promise<string[]> {
  return (await lane.posts()).map((post) => post.idempotencyKey);
}
