/**
 * Where `serve --notify` keeps its place: per target URL, the last ledger position whose changes
 * the target accepted (2xx), and a lease so that one receiver at a time delivers to it.
 */
export interface ChangeDeliveryLease {
  /** The last ledger position delivered (0: none yet). */
  cursor(): Promise<number>;
  /** Every change up to `seq` was accepted; durable when this resolves; never moves back. */
  advance(seq: number): Promise<void>;
  /** Gives the lease up (also when its connection was lost). */
  release(): Promise<void>;
}

/** Optional on a store: `--notify` needs it. */
export interface ChangeDeliveryStore {
  /** The right to deliver to `target`, or `undefined` while another receiver holds it. */
  acquireDeliveryLease(target: string): Promise<ChangeDeliveryLease | undefined>;
}
