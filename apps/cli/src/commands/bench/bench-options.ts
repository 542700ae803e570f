import { parseArgs } from 'node:util';
import { UsageError } from '../../command-io.js';
import { DEMO_PASSWORD } from '../seed.command.js';

export const BENCH_USAGE = `Usage: copydesk bench [options]

Drives a running server with simulated clients, each with its own socket, all signed in as one
user: raise the server's COLLAB_MAX_CONNECTIONS_PER_USER above the number of clients.

Modes (default: editors typing):
  --editors N        editors typing into the drafts (default 20)
  --rate R           updates per second per editor (default 5; in --presence mode cursor moves
                     per second per session, default 30; in --history mode 50, below the
                     server's default per-session limit, so that every update is stored on its own)
  --viewers V        passive viewers spread over the drafts (default 100)
  --authors N        instead of editors and viewers: N authors, the server's capacity per draft
                     without the bench paying every author's client CPU. Each types as an editor
                     does (its own socket and session, the same typing and --rate, acked updates,
                     the server's limits) and receives every update the server sends it, but
                     integrates none into its document (which holds the join answer and its own
                     changes; it does not resync): applying the others' updates is each real
                     author's own machine's work, N(N-1) applies a second on one bench machine.
                     Propagation is timed to the last of --observers full SDK sessions, which join
                     spread among the authors; at the end the observers must agree with a fresh
                     join, and every insertion the server acked must be in it
  --observers M      --authors: full SDK sessions integrating everything, spread over the drafts
                     (default 10, at least one a draft)
  --reference hocuspocus
                     also run the same workload, in the same run, against a reference Yjs server:
                     Hocuspocus 3 with its database extension storing every change in PostgreSQL
                     (a development dependency of the bench, started as a child process on
                     127.0.0.1), in --rounds alternating rounds, and print Copydesk's propagation
                     and peak RSS as ratios to it. The reference has no durable ack: only
                     propagation is compared. Needs --reference-db
  --rounds K         --reference: rounds, each running Copydesk and the reference one after the
                     other, the order alternating (default 2)
  --reference-db URL --reference: the PostgreSQL database the reference stores into (default:
                     DATABASE_URL); it creates and empties the table copydesk_bench_reference_documents
  --idle N           instead: hold N idle sessions joined over the drafts, report server memory
  --history N        instead: append N small updates to one draft, then time fresh joins
  --presence N       instead: N sessions in the draft(s) moving their cursors --rate times a
                     second each (default 30), counting the presence broadcasts they receive;
                     run it against a server with PRESENCE_CURSOR_INTERVAL_MS=0 and with the
                     default to see what coalescing saves
  --claims N         instead: N rounds on one Arabic draft of --text-length characters, each
                     changing a digit of a figure the server found and timing the edit until the
                     \`claims\` event carries the new text (settle delay included); reports the
                     server's reconciliation and extractor time (its /metrics) and the extractor's
                     time on the same text in the bench process
  --releases N       instead: N stories released one after another, each written by the reporter
                     (--email), approved and published by the editor (--editor-email), timing the
                     publish request and the webhook delivery to a receiver the bench runs on
                     127.0.0.1 and registers as the admin (--admin-email) for the run; then
                     min(N, 20) more scheduled under one embargo --embargo-ms ahead, timing the
                     release lag. Start the server with WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true: it
                     refuses a receiver on a loopback address otherwise (and the server must run
                     on this machine). Exits 1 if a delivery is lost, comes twice or fails its
                     signature check
  --web              instead: the web page in a real Chromium (Debian's /usr/bin/chromium, or
                     CHROMIUM_PATH; needs playwright-core, a devDependency). The reporter
                     (--email) and the editor (--editor-email) sign in through the page's form in
                     two browser contexts and open one new Arabic draft; the reporter types
                     --keystrokes Arabic letters and spaces into the body at --rate a second
                     (default 10), timing each from its keydown to the character on the editor's
                     screen. Also the page's JavaScript and CSS, gzipped, against --budget-kib,
                     and how long the sign-in page and the draft take to show. Exits 1 if a
                     keystroke never arrives, the texts differ, or the page is over budget

Common:
  --url URL          server (default http://127.0.0.1:3000)
  --drafts D         drafts to create (default 1)
  --duration S       seconds to type (or to hold idle sessions) (default 60)
  --email E          user who may create drafts on a desk (default reporter@copydesk.local)
  --password P       (default ${DEMO_PASSWORD}, the demo users' password); --releases and
                     --web sign in all their users with it
  --joins K          fresh joins to time in --history mode (default 5)
  --resync S         client resync interval in seconds, 0 disables (default 30)
  --concurrency C    sessions connecting at once (default 50)
  --shards K         load mode: run the viewers in K-1 worker threads beside the editors (default:
                     one per hundred viewers). Viewers record what arrives and integrate it at the
                     end; editors integrate every update as it comes, through the SDK
  --editor-shards K  load mode: run the editors in K worker threads (editor i in thread i % K)
                     instead of the main thread, which then only coordinates and times (default 0:
                     the main thread; with --authors, the authors, default 1: the main thread
                     keeps the observers). Each editor is still a full SDK session integrating every
                     remote update as it arrives; with N authors on one draft that is N(N-1)
                     applies a second, more than one thread can do from ~125 authors up. Times
                     stay on one clock: an insertion counts as delivered when the last client of
                     its draft, in whichever thread, holds it. Not with --reference
  --nice N           run the bench at this CPU niceness, 0-19 (default 10): on a machine shared
                     with the server, the server is scheduled first, as with a separate load machine
  --drain S          seconds to wait for acks and propagation after typing, or for the last
                     webhook deliveries in --releases mode, or for the last keystrokes to show in
                     --web mode (default 30)
  --max-rss-mb M     exit 1 if the server's RSS ends above M MB
  --server-pid PID   the Copydesk server's process id (on this machine): load mode and --reference
                     then read its memory from /proc/PID/status, the peak over each run as the
                     kernel's high-water mark VmHWM (reset at each run's start by writing 5 to
                     /proc/PID/clear_refs, which needs the process's owner or root) and VmRSS every
                     100 ms; --reference reads the reference server's the same way. Without it,
                     Copydesk's RSS comes from /metrics (every second with --reference)
  --metrics-token T  bearer token for /metrics, when the server sets METRICS_TOKEN
  --settle MS        --claims: the server's CLAIMS_SETTLE_MS (default 1000); each round waits this
                     plus 200 ms after the previous one, so that every edit is a settled burst
  --text-length L    --claims: the draft body's length in UTF-16 code units (default 6000)
  --editor-email E   --releases and --web: an editor of the reporter's desk (default
                     editor@copydesk.local)
  --admin-email E    --releases: an admin, to register the webhook endpoint (default
                     admin@copydesk.local)
  --keystrokes N     --web: keystrokes to type and time (default 200)
  --budget-kib K     --web: the page's JavaScript and CSS together, gzipped, must stay within K
                     KiB (default 300)
  --embargo-ms M     --releases: how far ahead of scheduling the embargo ends (default 1500;
                     0: no embargoed releases). The K stories are approved first and scheduled
                     one after another, all for the same instant: M must leave time for that
  --typing T         how the simulated users type: 'cursor' (words at a cursor that moves now
                     and then, as a reporter types) or 'scattered' (every word somewhere else: the
                     worst case for a CRDT) (default: scattered for typing load, cursor for --history)
  --seed N           seed for the simulated typing (default: random)
  --timeline         load mode: also print propagation and durable ack second by second of the
                     typing (by the second an update was sent), to see when a run was slow
  --allow-remote     allow a URL that is not a loopback address
  --json             print a machine-readable summary instead of text`;

export type BenchMode = 'load' | 'idle' | 'history' | 'presence' | 'claims' | 'releases' | 'web';

export type TypingStyle = 'cursor' | 'scattered';

export type ReferenceServer = 'hocuspocus';

/** Load mode: editors (full SDK sessions) and viewers, or --authors and observers. */
export type LoadShape = 'editors' | 'authors';

export interface BenchOptions {
  mode: BenchMode;
  url: string;
  email: string;
  password: string;
  /** Load mode: editors and viewers, or authors that integrate nothing and observers. */
  shape: LoadShape;
  /** The clients that type: editors, or with --authors the authors. */
  editors: number;
  /** --authors: full SDK sessions over which propagation is timed. */
  observers: number;
  /** Updates per second per editor (--history: of the one writer). */
  rate: number;
  drafts: number;
  viewers: number;
  durationS: number;
  idle: number;
  history: number;
  presence: number;
  /** --claims: edit-to-event rounds. */
  claims: number;
  /** --claims: the server's settle delay (ms), to space the rounds. */
  settleMs: number;
  /** --claims: the draft body's length in UTF-16 code units. */
  textLength: number;
  /** --releases: stories published one after another. */
  releases: number;
  /** --releases: how far ahead the embargo of the scheduled stories ends (ms); 0: none scheduled. */
  embargoMs: number;
  /**
   * --releases: the editor who approves and publishes (--web: who watches the reporter type), and
   * the admin who registers the endpoint.
   */
  editorEmail: string;
  adminEmail: string;
  /** --web: keystrokes typed into the body and timed to the other screen. */
  keystrokes: number;
  /** --web: the page's JavaScript and CSS together, gzipped, in KiB. */
  budgetKib: number;
  joins: number;
  resyncS: number;
  concurrency: number;
  shards: number;
  /** Load mode: worker threads for the editors; 0 keeps them in the main thread. */
  editorShards: number;
  /** The Copydesk server's process id, to read its memory from /proc; null: from /metrics. */
  serverPid: number | null;
  /** CPU niceness for the bench's threads. */
  nice: number;
  drainS: number;
  maxRssMb: number | null;
  metricsToken: string | null;
  typing: TypingStyle;
  seed: number;
  json: boolean;
  /** Load mode: figures per second of the typing as well as over the run. */
  timeline: boolean;
  /** Load mode: a reference server to run the same workload against, or null. */
  reference: ReferenceServer | null;
  /** --reference: rounds of Copydesk then the reference (the order alternating). */
  rounds: number;
  /** --reference: where the reference server stores (PostgreSQL). */
  referenceDatabaseUrl: string | null;
}

const DEFAULT_RATE: Record<BenchMode, number> = {
  load: 5,
  idle: 5,
  history: 50,
  presence: 30,
  claims: 1,
  releases: 1,
  web: 10,
};

const VIEWERS_PER_SHARD = 100;

const DEFAULT_EMBARGO_MS = 1_500;
const MIN_EMBARGO_MS = 200;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Reads the command line; null when help was asked for. Throws UsageError on a bad value. */
export function parseBenchOptions(
  argv: string[],
  randomSeed: () => number = () => Date.now(),
  // The bench is a harness: DATABASE_URL is only the default of --reference-db here, not the server's setting.
  // eslint-disable-next-line no-restricted-syntax -- see above; #config holds the server's configuration
  env: Record<string, string | undefined> = process.env,
): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      editors: { type: 'string' },
      authors: { type: 'string' },
      observers: { type: 'string' },
      rate: { type: 'string' },
      drafts: { type: 'string' },
      viewers: { type: 'string' },
      duration: { type: 'string' },
      idle: { type: 'string' },
      history: { type: 'string' },
      presence: { type: 'string' },
      claims: { type: 'string' },
      settle: { type: 'string' },
      'text-length': { type: 'string' },
      releases: { type: 'string' },
      'embargo-ms': { type: 'string' },
      'editor-email': { type: 'string' },
      'admin-email': { type: 'string' },
      web: { type: 'boolean' },
      keystrokes: { type: 'string' },
      'budget-kib': { type: 'string' },
      joins: { type: 'string' },
      resync: { type: 'string' },
      concurrency: { type: 'string' },
      shards: { type: 'string' },
      'editor-shards': { type: 'string' },
      'server-pid': { type: 'string' },
      nice: { type: 'string' },
      drain: { type: 'string' },
      'max-rss-mb': { type: 'string' },
      'metrics-token': { type: 'string' },
      typing: { type: 'string' },
      seed: { type: 'string' },
      reference: { type: 'string' },
      rounds: { type: 'string' },
      'reference-db': { type: 'string' },
      'allow-remote': { type: 'boolean' },
      json: { type: 'boolean' },
      timeline: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const modes = [values.idle, values.history, values.presence, values.claims, values.releases, values.web].filter(
    (value) => value !== undefined,
  );
  if (modes.length > 1) {
    throw new UsageError('Choose one of --idle, --history, --presence, --claims, --releases and --web.');
  }
  const url = readUrl(values.url ?? 'http://127.0.0.1:3000', values['allow-remote'] ?? false);
  if (values.releases !== undefined && !LOOPBACK.test(new URL(url).hostname)) {
    throw new UsageError('--releases needs the server on this machine: its webhook receiver listens on 127.0.0.1');
  }
  const mode: BenchMode =
    values.idle !== undefined
      ? 'idle'
      : values.history !== undefined
        ? 'history'
        : values.presence !== undefined
          ? 'presence'
          : values.claims !== undefined
            ? 'claims'
            : values.releases !== undefined
              ? 'releases'
              : values.web
                ? 'web'
                : 'load';
  const shape = loadShape(values, mode);
  const viewers = shape === 'authors' ? 0 : integer('--viewers', values.viewers, 100, 0, 100_000);
  const drafts = integer('--drafts', values.drafts, 1, 1, 10_000);
  const observers = shape === 'authors' ? integer('--observers', values.observers, 10, 1, 10_000) : 0;
  if (observers > 0 && observers < drafts) {
    throw new UsageError(
      '--observers must be at least --drafts: propagation is timed over the observers of each draft',
    );
  }
  const reference = referenceServer(values.reference, mode);
  if (reference && shape === 'authors') throw new UsageError('--authors does not go with --reference');
  if (reference === null && (values.rounds !== undefined || values['reference-db'] !== undefined)) {
    throw new UsageError('--rounds and --reference-db go with --reference');
  }
  const referenceDatabaseUrl = reference ? (values['reference-db'] ?? env.DATABASE_URL ?? null) : null;
  if (reference && !referenceDatabaseUrl) {
    throw new UsageError(
      '--reference needs PostgreSQL for the reference server to store every change in, as Copydesk does:' +
        ' pass --reference-db postgres://… or set DATABASE_URL',
    );
  }
  if (referenceDatabaseUrl !== null && !/^postgres(ql)?:\/\//.test(referenceDatabaseUrl)) {
    throw new UsageError('--reference-db must be a postgres:// URL');
  }
  const editorShards = integer('--editor-shards', values['editor-shards'], shape === 'authors' ? 1 : 0, 0, 64);
  if (editorShards > 0 && mode !== 'load')
    throw new UsageError('--editor-shards goes with the load mode (editors typing) only');
  if (editorShards > 0 && reference) {
    throw new UsageError(
      '--editor-shards does not go with --reference yet: the reference run keeps its editors in one thread',
    );
  }
  const serverPid =
    values['server-pid'] === undefined ? null : integer('--server-pid', values['server-pid'], 0, 1, 2 ** 22);
  if (serverPid !== null && mode !== 'load')
    throw new UsageError('--server-pid goes with the load mode and --reference');
  if (values.timeline && (mode !== 'load' || reference))
    throw new UsageError('--timeline goes with the load mode (editors or authors typing), without --reference');
  if (serverPid !== null && !LOOPBACK.test(new URL(url).hostname)) {
    throw new UsageError('--server-pid reads /proc on this machine: the server at --url must be on it too');
  }
  return {
    mode,
    url,
    email: values.email ?? 'reporter@copydesk.local',
    password: values.password ?? DEMO_PASSWORD,
    shape,
    editors:
      shape === 'authors'
        ? integer('--authors', values.authors, 0, 1, 10_000)
        : integer('--editors', values.editors, 20, 0, 10_000),
    observers,
    rate: values.rate === undefined ? DEFAULT_RATE[mode] : number('--rate', values.rate, 0.01, 10_000),
    drafts,
    viewers,
    durationS: number('--duration', values.duration ?? '60', 1, 24 * 3600),
    idle: integer('--idle', values.idle, 0, 1, 100_000),
    history: integer('--history', values.history, 0, 1, 1_000_000),
    presence: integer('--presence', values.presence, 0, 2, 10_000),
    claims: integer('--claims', values.claims, 0, 1, 10_000),
    settleMs: integer('--settle', values.settle, 1_000, 0, 60_000),
    textLength: integer('--text-length', values['text-length'], 6_000, 100, 200_000),
    releases: integer('--releases', values.releases, 0, 1, 10_000),
    embargoMs: embargoMs(values['embargo-ms']),
    editorEmail: values['editor-email'] ?? 'editor@copydesk.local',
    adminEmail: values['admin-email'] ?? 'admin@copydesk.local',
    keystrokes: integer('--keystrokes', values.keystrokes, 200, 1, 100_000),
    budgetKib: number('--budget-kib', values['budget-kib'] ?? '300', 1, 1_000_000),
    joins: integer('--joins', values.joins, 5, 1, 1_000),
    resyncS: number('--resync', values.resync ?? '30', 0, 24 * 3600),
    concurrency: integer('--concurrency', values.concurrency, 50, 1, 10_000),
    shards: integer('--shards', values.shards, defaultShards(mode, viewers), 1, 64),
    editorShards,
    serverPid,
    nice: integer('--nice', values.nice, 10, 0, 19),
    drainS: number('--drain', values.drain ?? '30', 0, 3600),
    maxRssMb: values['max-rss-mb'] === undefined ? null : number('--max-rss-mb', values['max-rss-mb'], 1, 1e6),
    metricsToken: values['metrics-token'] ?? null,
    typing: typingStyle(values.typing, mode === 'history' ? 'cursor' : 'scattered'),
    seed: values.seed === undefined ? randomSeed() >>> 0 : integer('--seed', values.seed, 0, 0, 2 ** 32 - 1),
    json: values.json ?? false,
    timeline: values.timeline ?? false,
    reference,
    rounds: integer('--rounds', values.rounds, 2, 1, 100),
    referenceDatabaseUrl,
  };
}

/** --authors replaces the editors and the viewers; --observers goes with it. */
function loadShape(
  values: { authors?: string; observers?: string; editors?: string; viewers?: string },
  mode: BenchMode,
): LoadShape {
  if (values.authors === undefined) {
    if (values.observers !== undefined) throw new UsageError('--observers goes with --authors');
    return 'editors';
  }
  if (mode !== 'load') throw new UsageError('--authors goes with the load mode only');
  if (values.editors !== undefined || values.viewers !== undefined) {
    throw new UsageError('--authors replaces --editors and --viewers (the full sessions are --observers)');
  }
  return 'authors';
}

function referenceServer(raw: string | undefined, mode: BenchMode): ReferenceServer | null {
  if (raw === undefined) return null;
  if (raw !== 'hocuspocus') throw new UsageError("--reference must be 'hocuspocus'");
  if (mode !== 'load') throw new UsageError('--reference goes with the load mode (editors typing) only');
  return raw;
}

/** A worker thread per hundred viewers, beside the thread that types and times. */
function defaultShards(mode: BenchMode, viewers: number): number {
  return mode === 'load' && viewers > 0 ? Math.min(8, 1 + Math.ceil(viewers / VIEWERS_PER_SHARD)) : 1;
}

/** 0 (no embargoed releases) or at least MIN_EMBARGO_MS: scheduling K stories takes a moment. */
function embargoMs(raw: string | undefined): number {
  const value = integer('--embargo-ms', raw, DEFAULT_EMBARGO_MS, 0, 3_600_000);
  if (value > 0 && value < MIN_EMBARGO_MS) throw new UsageError(`--embargo-ms must be 0 or at least ${MIN_EMBARGO_MS}`);
  return value;
}

function typingStyle(raw: string | undefined, fallback: TypingStyle): TypingStyle {
  if (raw === undefined) return fallback;
  if (raw === 'cursor' || raw === 'scattered') return raw;
  throw new UsageError("--typing must be 'cursor' or 'scattered'");
}

function readUrl(raw: string, allowRemote: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--url must be http(s)');
  if (!allowRemote && !LOOPBACK.test(url.hostname)) {
    throw new UsageError(`--url ${url.hostname} is not a loopback address; pass --allow-remote to load it anyway`);
  }
  return url.origin;
}

function number(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}`);
  }
  return value;
}

function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = number(flag, raw, min, max);
  if (!Number.isInteger(value)) throw new UsageError(`${flag} must be a whole number`);
  return value;
}
