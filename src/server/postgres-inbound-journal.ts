/**
 * The inbound webhook journal (see inbound-journal.ts) in the PostgreSQL ledger: tables
 * `optin_inbound_delivery` and `optin_inbound_delivery_unit`. Every method is one committed
 * statement (or reads after one), so its promise resolves only when it is durable, and two
 * receivers working on the same delivery agree: the first entry and the first outcome of a unit stay.
 */
import type { Pool } from 'pg';
import type { InboundDelivery, InboundJournal, InboundUnitOutcome, NewInboundDelivery } from './consent-store.js';

interface DeliveryRow {
  id: string;
  source: string;
  received_at: string;
  body: string;
  status: 'pending' | 'done';
  attempts: number;
  units: Array<{ unit: number; outcome_json: string }> | null;
}

/** A delivery with its settled units, in one statement so both come from one snapshot. */
const SELECT_DELIVERY = `
  SELECT d.id, d.source, d.received_at, d.body, d.status, d.attempts,
    (SELECT json_agg(json_build_object('unit', u.unit, 'outcome_json', u.outcome_json) ORDER BY u.unit)
       FROM optin_inbound_delivery_unit u WHERE u.delivery_id = d.id) AS units
  FROM optin_inbound_delivery d`;

function toDelivery(row: DeliveryRow): InboundDelivery {
  const settled: Record<number, InboundUnitOutcome> = {};
  for (const { unit, outcome_json } of row.units ?? []) settled[unit] = JSON.parse(outcome_json) as InboundUnitOutcome;
  return { id: row.id, source: row.source, receivedAt: row.received_at, body: row.body, status: row.status, attempts: row.attempts, settled };
}

export class PostgresInboundJournal implements InboundJournal {
  constructor(private readonly pool: Pool) {}

  async journalDelivery(delivery: NewInboundDelivery): Promise<{ delivery: InboundDelivery; created: boolean }> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO optin_inbound_delivery (id, source, received_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [delivery.id, delivery.source, delivery.receivedAt, delivery.body],
    );
    // A statement of its own: it sees the entry another receiver committed while ours waited on the conflict.
    const { rows } = await this.pool.query<DeliveryRow>(`${SELECT_DELIVERY} WHERE d.id = $1`, [delivery.id]);
    return { delivery: toDelivery(rows[0]), created: rowCount === 1 };
  }

  async noteDeliveryAttempt(id: string): Promise<number> {
    const { rows } = await this.pool.query<{ attempts: number }>('UPDATE optin_inbound_delivery SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts', [
      id,
    ]);
    return rows[0]?.attempts ?? 0;
  }

  async settleDeliveryUnit(id: string, unit: number, outcome: InboundUnitOutcome): Promise<void> {
    await this.pool.query(
      'INSERT INTO optin_inbound_delivery_unit (delivery_id, unit, outcome_json) VALUES ($1, $2, $3) ON CONFLICT (delivery_id, unit) DO NOTHING',
      [id, unit, JSON.stringify(outcome)],
    );
  }

  async completeDelivery(id: string): Promise<void> {
    // The body held personal data only until its messages were in the ledger (or rejected, each with its own unit kept).
    await this.pool.query("UPDATE optin_inbound_delivery SET status = 'done', body = '' WHERE id = $1", [id]);
  }

  async listPendingDeliveries(): Promise<InboundDelivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(`${SELECT_DELIVERY} WHERE d.status = 'pending' ORDER BY d.received_at, d.id`);
    return rows.map(toDelivery);
  }
}
