/**
 * The reference server of `copydesk bench --reference hocuspocus`, run by the bench as a child
 * process: Hocuspocus 3 with its database extension storing every change in PostgreSQL. With
 * `debounce: 0` every update runs the extension's `store`, which writes the document's full state
 * (that is what the extension stores); Hocuspocus serialises the stores of one document.
 *
 * Reads one JSON line on stdin, `{"databaseUrl": "postgres://…", "initialBody": "…"}` (the body a
 * new document starts with, as the bench's Copydesk drafts do; on stdin, a password stays out of
 * the process list). Prints one JSON line on stdout, `{"port": N}`, once it listens on
 * 127.0.0.1; stops on SIGTERM or when stdin closes.
 *
 * Its packages are development dependencies of the bench, imported here only.
 */
import { DOCUMENT_FIELDS } from '#contracts';
import { createInterface } from 'node:readline';
import pg from 'pg';
import * as Y from 'yjs';

const TABLE = 'copydesk_bench_reference_documents';

async function main(): Promise<void> {
  const { databaseUrl, initialBody } = await readSettings();
  const { Server } = await import('@hocuspocus/server');
  const { Database } = await import('@hocuspocus/extension-database');

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (name text PRIMARY KEY, data bytea NOT NULL)`);
  // The bench names its documents per run; what earlier runs left is of no use.
  await pool.query(`TRUNCATE ${TABLE}`);

  const server = new Server({
    address: '127.0.0.1',
    port: 0,
    quiet: true,
    stopOnSignals: false,
    debounce: 0,
    maxDebounce: 0,
    extensions: [
      new Database({
        fetch: async ({ documentName }) => {
          const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${TABLE} WHERE name = $1`, [
            documentName,
          ]);
          return rows[0] ? new Uint8Array(rows[0].data) : initialState(documentName, initialBody);
        },
        store: async ({ documentName, state }) => {
          await pool.query(
            `INSERT INTO ${TABLE} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
            [documentName, state],
          );
        },
      }),
    ],
  });
  await server.listen();
  process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);

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
