/**
 * The reference server of `copydesk bench --reference hocuspocus`, run by the bench as a child
 * process: Hocuspocus 3 with its database extension storing every change (the document's full
 * state, which is what the extension stores) in PostgreSQL.
 *
 * Reads one JSON line on stdin, `{"databaseUrl": "postgres://…", "initialBody": "…"}` (the body a
 * new document starts with, as the bench's Copydesk drafts do; on stdin, a password stays out of
 * the process list). Prints one JSON line on stdout, `{"port": N}`, once it listens on
 * 127.0.0.1; stops on SIGTERM or when stdin closes.
 *
 * Hocuspocus itself is set up in reference-hocuspocus.ts.
 */
import { DOCUMENT_FIELDS } from '#contracts';
import { createInterface } from 'node:readline';
import pg from 'pg';
import * as Y from 'yjs';
import { listenReference } from './reference-hocuspocus.js';

const TABLE = 'copydesk_bench_reference_documents';

async function main(): Promise<void> {
  const { databaseUrl, initialBody } = await readSettings();

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (name text PRIMARY KEY, data bytea NOT NULL)`);
  // The bench names its documents per run; what earlier runs left is of no use.
  await pool.query(`TRUNCATE ${TABLE}`);

  const server = await listenReference({
    fetch: async (documentName) => {
      const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${TABLE} WHERE name = $1`, [documentName]);
      return rows[0] ? new Uint8Array(rows[0].data) : initialState(documentName, initialBody);
    },
    store: async (documentName, state) => {
      await pool.query(
        `INSERT INTO ${TABLE} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
        [documentName, state],
      );
    },
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

  const stop = async () => {
    await server.destroy();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

async function readSettings(): Promise<{ databaseUrl: string; initialBody: string }> {
  const lines = createInterface({ input: process.stdin });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    lines.once('close', () => reject(new Error('no settings on stdin')));
  });
  lines.close();
  const settings = JSON.parse(line) as { databaseUrl?: unknown; initialBody?: unknown };
  if (typeof settings.databaseUrl !== 'string') throw new Error('no databaseUrl in the settings');
  return {
    databaseUrl: settings.databaseUrl,
    initialBody: typeof settings.initialBody === 'string' ? settings.initialBody : '',
  };
}

/** A new document: a headline and the bench's body, as a Copydesk bench draft starts. */
function initialState(documentName: string, body: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(DOCUMENT_FIELDS.headline).insert(0, `copydesk bench reference ${documentName}`);
  doc.getText(DOCUMENT_FIELDS.body).insert(0, body);
  return Y.encodeStateAsUpdate(doc);
}

main().catch((error: unknown) => {
  process.stderr.write(`reference server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
