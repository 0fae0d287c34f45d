/**
 * A send loop that asks the receiver before each message: a stop that arrives during the campaign
 * is honoured for every message after it. `send` is your BSP's or CRM's own call.
 */
export async function sendOffers(receiver: string, adminToken: string, phones: string[], send: (phone: string) => Promise<void>): Promise<void> {
  for (const phone of phones) {
    const url = `${receiver}/may-send?phone=${encodeURIComponent(phone)}&category=offers&template=marketing`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${adminToken}` } });
    if (!response.ok) throw new Error(`may-send answered ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as { allowed: boolean; basis: string };
    if (answer.allowed) await send(phone);
  }
}
