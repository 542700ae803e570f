import * as Y from 'yjs';
import { encodeInitialDocument, type DocumentManagerOptions, type DocumentText } from '#collab';
import { DOCUMENT_FIELDS } from '#contracts';
import { DraftDocumentsRepository, DraftsRepository, UsersRepository, type Database } from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

/** A fresh migrated database with one writer on one desk, for document managers to run on. */
export interface DocumentsTestBed {
  database: Database;
  store: DraftDocumentsRepository;
  userId: string;
  /** A new draft holding `initial` as its first update (none when absent); resolves with its id. */
  newDraft(initial?: DocumentText): Promise<string>;
  dispose(): Promise<void>;
}

export async function openDocumentsTestBed(): Promise<DocumentsTestBed> {
  const { database, dispose } = await openMigratedTestDatabase();
  const user = await new UsersRepository(database.dataSource).insert({
    email: 'writer@example.test',
    displayName: 'كاتب',
    role: 'reporter',
    passwordHash: 'x',
  });
  const [{ id: deskId }]: { id: string }[] = await database.dataSource.query(
    `INSERT INTO desks (name) VALUES ('Desk') RETURNING id`,
  );
  const drafts = new DraftsRepository(database.dataSource);
  return {
    database,
    store: new DraftDocumentsRepository(database.dataSource),
    userId: user!.id,
    newDraft: async (initial) =>
      (
        await drafts.insert({
          deskId,
          language: 'ar',
          headline: initial?.headline ?? '',
          body: initial?.body ?? '',
          searchText: '',
          createdBy: user!.id,
          initialUpdate: initial ? encodeInitialDocument(initial) : null,
        })
      ).id,
    dispose,
  };
}

/** Document manager settings for tests: quick text sync and gap repair, unload at once. */
export const TEST_MANAGER_OPTIONS: DocumentManagerOptions = {
  compactEvery: 500,
  idleUnloadMs: 0,
  textSyncDebounceMs: 5,
  gapRepairMs: 20,
  maxUpdateBytes: 256 * 1024,
  maxDocumentBytes: 2 * 1024 * 1024,
};

/** The update of typing `text` at the end of `doc`'s body. */
export function typedAtEnd(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const body = doc.getText(DOCUMENT_FIELDS.body);
  body.insert(body.length, text);
  return Y.encodeStateAsUpdate(doc, before);
}
