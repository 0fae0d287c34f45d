/**
 * Recipe: check, at any later time, that a receipt a device (or your backend)
 * received is still in the receiver's log. It needs the receiver's answer to
 * `POST /consents` (kept as it came) and the log verifier key you pinned when
 * you first trusted the receiver (`GET /log/key`, printed by `serve`), never a
 * key taken from the same answer. It fetches today's checkpoint and an
 * inclusion proof against it, and checks both with `verifyReceipt`.
 */
import { type PublishedJwk, verifyReceipt } from 'optin-elements/server';

/** What the receiver answered to `POST /consents` (the parts this check uses). */
export interface StoredAnswer {
  receipt: string;
  log: { leafIndex: number };
}

export async function checkReceiptLater(receiverUrl: string, answer: StoredAnswer, pinnedLogKey: string): Promise<boolean> {
  const { keys } = (await (await fetch(`${receiverUrl}/.well-known/jwks.json`)).json()) as { keys: PublishedJwk[] };
  const checkpoint = await (await fetch(`${receiverUrl}/log/checkpoint`)).text();
  const size = Number(checkpoint.split('\n')[1]);
  const inclusion = await fetch(`${receiverUrl}/log/proof/inclusion?index=${answer.log.leafIndex}&size=${size}`);
  if (!inclusion.ok) return false;
  const { proof } = (await inclusion.json()) as { proof: string[] };
  const claims = await verifyReceipt(answer.receipt, keys, { leafIndex: answer.log.leafIndex, inclusionProof: proof, checkpoint, logKey: pinnedLogKey });
  // Keep `checkpoint` too: a witness or an auditor can later prove the receiver signed it.
  return claims !== undefined;
}
