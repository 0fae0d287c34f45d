/** Issued thread prompts in the SQLite file (see `thread-prompt-store.ts`). */
import type Database from 'better-sqlite3';
import { type IssuedThreadPrompt, threadPromptOf, type ThreadPromptRow, type ThreadPromptStore } from './thread-prompt-store.js';

export const THREAD_PROMPT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS thread_prompt (
    id TEXT PRIMARY KEY,
    issued_at TEXT NOT NULL,
    prompt_json TEXT NOT NULL
  ) WITHOUT ROWID;
`;

export class SqliteThreadPromptTable implements ThreadPromptStore {
  constructor(private readonly db: Database.Database) {}

  async saveThreadPrompt(prompt: IssuedThreadPrompt): Promise<{ prompt: IssuedThreadPrompt; created: boolean }> {
    const { changes } = this.db
      .prepare('INSERT OR IGNORE INTO thread_prompt (id, issued_at, prompt_json) VALUES (?, ?, ?)')
      .run(prompt.id, prompt.issuedAt, JSON.stringify(prompt));
    return { prompt: (await this.findThreadPrompt(prompt.id))!, created: changes === 1 };
  }

  async findThreadPrompt(id: string): Promise<IssuedThreadPrompt | undefined> {
    const row = this.db.prepare<[string], ThreadPromptRow>('SELECT * FROM thread_prompt WHERE id = ?').get(id);
    return row ? threadPromptOf(row) : undefined;
  }
}
