/**
 * Property-based fuzzing of the update path: genuine, reordered, duplicated, dropped, mutated,
 * crafted and random updates go through a real DocumentManager on a real database, and after
 * each scenario the draft must still load, join, compact and keep its plain text in step, with
 * every accepted update in the document.
 *
 * Reproduce a failure with FUZZ_SEED (and FUZZ_PATH, both printed in the failure), scale up with
 * FUZZ_RUNS, and print outcome counts with FUZZ_STATS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as Y from 'yjs';
import { DocumentManager, readDocumentText, type DocumentManagerOptions, type DocumentRelay } from '#collab';
import { isDomainError } from '#domain';
import type { Database, DraftDocumentsRepository } from '#persistence';
import { DOCUMENT_FIELDS } from '#contracts';
import { markersJunkMayHaveChanged } from './junk-influence.js';
import { testDatabaseMode } from '../../../test/support/test-database.js';
import { openDocumentsTestBed, type DocumentsTestBed } from './documents-test-bed.js';
import { rawScenario, scenario, type Scenario } from './update-scenario.arbitrary.js';
import { buildGenuineUpdates, planDeliveries, toHex, type Delivery } from './update-scenario.builder.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_251_109;
const PATH = process.env.FUZZ_PATH || undefined;
// Sized for about a minute on PostgreSQL; the embedded database is several times slower.
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : testDatabaseMode() === 'postgres' ? 300 : 60;
const STATS = process.env.FUZZ_STATS === '1';
const TRANSCRIPT_LINES = 80;

/** An item whose origin is its own future clock: stored, it made every later load throw. */
const SELF_ORIGIN = '0101b2f2190084b2f21905016100';
/** An item of client 777777 at clock 10 with clocks 0..9 never sent: stored, it stayed pending and blocked compaction. */
const MISSING_DEPENDENCIES = '0101b1bc2f0a040104626f6479017a00';

const REFUSALS = new Set(['INVALID_UPDATE', 'RESYNC_REQUIRED', 'TOO_LARGE', 'LOCKED', 'NOT_FOUND', 'UNAVAILABLE']);

const quietLogger = { warn: () => undefined, error: () => undefined };

const BASE_OPTIONS: DocumentManagerOptions = {
  compactEvery: 1_000,
  idleUnloadMs: 60_000,
  textSyncDebounceMs: 5,
  gapRepairMs: 20,
  maxUpdateBytes: 1024 * 1024,
  maxDocumentBytes: 2 * 1024 * 1024,
};

/** Every manager gets its own relay with no peers: each instance here only talks to the database. */
class SilentRelay implements DocumentRelay {
  async subscribe(): Promise<() => Promise<void>> {
    return async () => undefined;
  }
  async publish(): Promise<void> {}
  async close(): Promise<void> {}
}

class FuzzFailure extends Error {
  constructor(message: string, delivery?: Delivery) {
    super(delivery ? `${message}\n  update: ${delivery.label}\n  hex: ${toHex(delivery.bytes)}` : message);
  }
}

/** What must survive storing, compacting and reloading: text with formatting, other types, and the state vector. */
function contentOf(doc: Y.Doc) {
  return {
    headline: doc.getText(DOCUMENT_FIELDS.headline).toDelta(),
    body: doc.getText(DOCUMENT_FIELDS.body).toDelta(),
    meta: doc.getMap('meta').toJSON(),
    notes: doc.getArray('notes').toJSON(),
    stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))),
  };
}

function assertNothingPending(doc: Y.Doc, where: string, delivery?: Delivery): void {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs || pendingDs)
    throw new FuzzFailure(
      `${where}: the document holds ${pendingStructs ? 'pending structs' : 'pending deletes'} ` +
        `(an accepted update depends on changes the server does not have)`,
      delivery,
    );
}

/** A fresh client joins: what syncFor gives it must apply cleanly and hold the whole document. */
function joinFrom(manager: DocumentManager, live: Parameters<DocumentManager['syncFor']>[0], where: string): Y.Doc {
  const joiner = new Y.Doc();
  try {
    Y.applyUpdate(joiner, manager.syncFor(live).update);
  } catch (error) {
    throw new FuzzFailure(`${where}: the join answer does not apply to a fresh document: ${String(error)}`);
  }
  assertNothingPending(joiner, `${where} (joiner)`);
  return joiner;
}

interface Tally {
  scenarios: number;
  submitted: number;
  /** Outcome counts (accepted or the refusal code) per kind of update. */
  outcomes: Record<string, Record<string, number>>;
}

function count(tally: Tally, delivery: Delivery, outcome: string): void {
  const kind = delivery.label.split(/[ :]/)[0]!;
  tally.submitted++;
  const counts = (tally.outcomes[kind] ??= {});
  counts[outcome] = (counts[outcome] ?? 0) + 1;
}

/** The plain text as stored: PostgreSQL text cannot hold NUL, which it shows as U+FFFD (docs/collab.md). */
function storable(text: { headline: string; body: string }): { headline: string; body: string } {
  const map = (value: string) => value.replaceAll('\u0000', '\uFFFD');
  return { headline: map(text.headline), body: map(text.body) };
}

describe('the update path under fuzzed updates', () => {
  let bed: DocumentsTestBed;
  let database: Database;
  let store: DraftDocumentsRepository;
  let userId: string;
  const tally: Tally = { scenarios: 0, submitted: 0, outcomes: {} };

  beforeAll(async () => {
    bed = await openDocumentsTestBed();
    ({ database, store, userId } = bed);
  });
  afterAll(async () => {
    if (STATS) process.stdout.write(`update-path fuzz (seed ${SEED}): ${JSON.stringify(tally)}\n`);
    await bed.dispose();
  });

  async function draftRow(draftId: string): Promise<{ headline: string; body: string; head_seq: string }> {
    const [row] = await database.dataSource.query('SELECT headline, body, head_seq FROM drafts WHERE id = $1', [
      draftId,
    ]);
    return row;
  }

  /** Runs one scenario on a fresh draft; a failure names the property it broke and lists what was delivered. */
  async function runScenario(s: Scenario): Promise<void> {
    const transcript: string[] = [];
    try {
      await checkScenario(s, transcript);
    } catch (error) {
      if (error instanceof Error && transcript.length > 0) {
        const shown = transcript.slice(0, TRANSCRIPT_LINES).map((line) => `    ${line}`);
        if (transcript.length > TRANSCRIPT_LINES) shown.push(`    ... ${transcript.length - TRANSCRIPT_LINES} more`);
        error.message += `\n  deliveries (outcome, update, hex):\n${shown.join('\n')}`;
      }
      throw error;
    }
  }

  async function checkScenario(s: Scenario, transcript: string[]): Promise<void> {
    tally.scenarios++;
    const genuine = buildGenuineUpdates(s);
    const planned = planDeliveries(genuine, s.deliveries);
    const baseSeq = s.initial ? 1 : 0;
    const draftId = await bed.newDraft(s.initial ?? undefined);
    const { compactEvery, maxUpdateBytes, maxDocumentBytes } = s;
    // Every other scenario sends admitted updates to the room before their commit: admitted on
    // arrival instead of per batch, the stored log must come out the same.
    const earlyRelay = tally.scenarios % 2 === 0;
    const options = { ...BASE_OPTIONS, compactEvery, maxUpdateBytes, maxDocumentBytes, earlyRelay };
    const author = { userId, connectionId: 'fuzz-connection' };
    // seq null: an empty update, accepted with nothing to store.
    const accepted: { delivery: Delivery; seq: number | null }[] = [];

    // 1. Deliver everything to a live document, batch by batch (a batch is submitted at once).
    const writer = new DocumentManager(store, new SilentRelay(), options, quietLogger);
    let before: ReturnType<typeof contentOf>;
    let beforeText: ReturnType<typeof readDocumentText>;
    try {
      const live = await writer.acquire(draftId);
      if (!live) throw new FuzzFailure('a new draft did not load');
      const serverState = (client: number) => Y.getState(live.doc.store, client);
      for (let i = 0; i < planned.length;) {
        const batch = [planned[i++]!];
        while (i < planned.length && planned[i]!.together) batch.push(planned[i++]!);
        const deliveries = batch.map((p) => p.make(serverState));
        const results = await Promise.allSettled(deliveries.map((d) => writer.submit(live, d.bytes, author)));
        const acceptedBefore = accepted.length;
        results.forEach((result, k) => {
          const delivery = deliveries[k]!;
          const outcome =
            result.status === 'fulfilled'
              ? `seq ${result.value}`
              : ((result.reason as { code?: string }).code ?? 'error');
          transcript.push(`${outcome} | ${delivery.label} | ${toHex(delivery.bytes)}`);
          if (result.status === 'fulfilled') {
            count(tally, delivery, 'accepted');
            accepted.push({ delivery, seq: result.value });
            return;
          }
          const error: unknown = result.reason;
          if (!isDomainError(error) || !REFUSALS.has(error.code))
            throw new FuzzFailure(`submit rejected with something other than a refusal: ${String(error)}`, delivery);
          count(tally, delivery, error.code);
        });
        for (const { delivery } of accepted.slice(acceptedBefore))
          try {
            Y.decodeUpdate(delivery.bytes);
          } catch {
            throw new FuzzFailure('accepted bytes that do not decode as a Yjs update', delivery);
          }
        if (live.closed)
          throw new FuzzFailure(
            'the live document was dropped while taking updates (one was stored that should have been refused)\n' +
              deliveries.map((d) => `  ${d.label}: ${toHex(d.bytes)}`).join('\n'),
          );
        assertNothingPending(live.doc, 'after an accepted update', accepted.at(-1)?.delivery);
      }
      before = contentOf(live.doc);
      beforeText = readDocumentText(live.doc);
      expect(contentOf(joinFrom(writer, live, 'joining the live document'))).toEqual(before);

      // 2. Another instance loads it now, from the snapshot and the log as they stand.
      if (s.peerLoad) {
        const peer = new DocumentManager(store, new SilentRelay(), options, quietLogger);
        try {
          const onPeer = await peer.acquire(draftId).catch((error: unknown) => {
            throw new FuzzFailure(`a second instance could not load the draft: ${String(error)}`);
          });
          if (!onPeer) throw new FuzzFailure('a second instance found no draft');
          expect(contentOf(joinFrom(peer, onPeer, 'joining on a second instance'))).toEqual(before);
          expect(contentOf(onPeer.doc)).toEqual(before);
          peer.release(onPeer);
        } finally {
          await peer.close();
        }
      }
      writer.release(live);
    } finally {
      // Unloading writes the text and folds the log into a snapshot.
      await writer.close();
    }

    // 3. Nothing refused was stored; everything accepted was folded into the snapshot.
    const seqs = accepted.flatMap((a) => (a.seq === null ? [] : [a.seq])).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => baseSeq + i + 1));
    const row = await draftRow(draftId);
    if (Number(row.head_seq) !== baseSeq + seqs.length)
      throw new FuzzFailure(
        `${Number(row.head_seq) - baseSeq} updates were stored but ${seqs.length} accepted: a refused one was stored`,
      );
    const left = await store.countUpdates(draftId);
    if (left > 0) throw new FuzzFailure(`closing left ${left} update row(s) unfolded`);
    expect({ headline: row.headline, body: row.body }).toEqual(storable(beforeText));

    // 4. A fresh instance loads the compacted draft and holds the same document.
    const reader = new DocumentManager(store, new SilentRelay(), options, quietLogger);
    try {
      const live = await reader.acquire(draftId).catch((error: unknown) => {
        throw new FuzzFailure(`the compacted draft does not load: ${String(error)}`);
      });
      if (!live) throw new FuzzFailure('the compacted draft was not found');
      // Join first: a cold load answers from the stored snapshot before integrating it.
      expect(contentOf(joinFrom(reader, live, 'joining after a cold load'))).toEqual(before);
      const doc = live.doc;
      assertNothingPending(doc, 'after reloading');
      expect(contentOf(doc)).toEqual(before);
      expect(storable(readDocumentText(doc))).toEqual({ headline: row.headline, body: row.body });

      // 5. Every accepted update is in it, and so is every marker an accepted genuine edit inserted.
      for (const { delivery } of accepted) {
        for (const struct of Y.decodeUpdate(delivery.bytes).structs) {
          if (struct instanceof Y.Skip) continue;
          if (Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length)
            throw new FuzzFailure(
              `an accepted update is missing from the document (client ${struct.id.client} clock ${struct.id.clock})`,
              delivery,
            );
        }
      }
      const text = `${doc.getText(DOCUMENT_FIELDS.headline).toString()}\n${doc.getText(DOCUMENT_FIELDS.body).toString()}`;
      const inOrder = [...accepted].sort((x, y) => (x.seq ?? 0) - (y.seq ?? 0)).map((a) => a.delivery);
      const exempt = markersJunkMayHaveChanged(inOrder);
      for (const { delivery } of accepted) {
        for (const marker of delivery.markers ?? []) {
          if (!text.includes(marker.text) && !exempt.has(marker.text))
            throw new FuzzFailure(`marker ${marker.text} of an accepted edit is not in the document`, delivery);
        }
      }
      reader.release(live);
    } finally {
      await reader.close();
    }
  }

  // Seeded: CI sees the same cases every run, so a red build is always the code's fault.
  const params = (examples: [Scenario][] = []): fc.Parameters<[Scenario]> => ({
    seed: SEED,
    path: PATH,
    numRuns: RUNS,
    examples,
    // A failure still reports its best counterexample so far; a slow machine runs fewer cases instead of timing out.
    interruptAfterTimeLimit: 150_000,
  });

  it('refuses an item whose origin is its own future clock, and the draft still loads', async () => {
    await runScenario(rawScenario(SELF_ORIGIN));
  });

  it('refuses an update whose dependencies the server lacks, and the draft still compacts', async () => {
    await runScenario(rawScenario(MISSING_DEPENDENCIES));
  });

  it('keeps every draft loadable, joinable, compactable and its text in step, whatever updates arrive', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) => runScenario(s)),
      params([[rawScenario(SELF_ORIGIN)], [rawScenario(MISSING_DEPENDENCIES)]]),
    );
  }, 200_000);
});
