/** Issued thread prompts in PostgreSQL (see `thread-prompt-store.ts`); its table is migration 8 in `postgres-migrations.ts`. */
import type { Pool } from 'pg';
import { type IssuedThreadPrompt, threadPromptOf, type ThreadPromptRow, type ThreadPromptStore } from './thread-prompt-store.js';

export const POSTGRES_THREAD_PROMPT_MIGRATION_SQL = `
  CREATE TABLE optin_thread_prompt (
    id text PRIMARY KEY,
    issued_at text NOT NULL,
    prompt_json text NOT NULL
  );
`;

export class PostgresThreadPromptTable implements ThreadPromptStore {
  constructor(private readonly pool: Pool) {}

  async saveThreadPrompt(prompt: IssuedThreadPrompt): Promise<{ prompt: IssuedThreadPrompt; created: boolean }> {
    const { rowCount } = await this.pool.query('INSERT INTO optin_thread_prompt (id, issued_at, prompt_json) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
      prompt.id,
      prompt.issuedAt,
      JSON.stringify(prompt),
    ]);
    return { prompt: (await this.findThreadPrompt(prompt.id))!, created: rowCount === 1 };
  }

  async findThreadPrompt(id: string): Promise<IssuedThreadPrompt | undefined> {
    const { rows } = await this.pool.query<ThreadPromptRow>('SELECT * FROM optin_thread_prompt WHERE id = $1', [id]);
    return rows[0] ? threadPromptOf(rows[0]) : undefined;
  }
}
