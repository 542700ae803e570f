import { encodeInitialDocument, type DocumentText } from '#collab';
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
