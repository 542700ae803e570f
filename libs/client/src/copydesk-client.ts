/** The Copydesk client: REST helpers and live draft sessions over one /collab socket. */
import {
  SESSION_END_CODES,
  type AuthSessionView,
  type ClaimsQueuePage,
  type ClaimsQueueQuery,
  type DismissFindingRequest,
  type DraftClaim,
  type DraftView,
  type ExtractClaimsRequest,
  type ExtractClaimsResponse,
  type LoginResponse,
  type MeView,
  type Page,
  type PresenceEntry,
  type Publication,
  type PublicationFeedPage,
  type PublicationFeedQuery,
  type ReviewAction,
  type ReviewActionRequest,
  type ReviewHistory,
  type ReviewHistoryQuery,
  type ReviewOutcome,
  type ReviewQueuePage,
  type ReviewQueueQuery,
  type RevisionDiff,
  type RevisionSummaryView,
  type RevisionView,
  type SessionEndedEvent,
  type TagClaimRequest,
  type VerdictRequest,
} from '#contracts';
import type { CollabChannel } from './collab-channel.js';
import { openCollabSocket, type CollabSocket, type CollabSocketOptions } from './collab-socket.js';
import { DraftSession } from './draft-session.js';
import type { DraftSessionOptions } from './draft-session-events.js';
import { draftPath, withQuery } from './rest-paths.js';
import { RestTransport } from './rest-transport.js';
import { RetryBackoff } from './retry-backoff.js';
import { SessionRenewal, type SessionEndedHandler } from './session-renewal.js';
import type { CreateDraftRequest, FetchFunction, ListDraftsQuery } from './rest-types.js';

/** A connection that lasted this long was not a kick loop: reconnection backoff starts over. */
const STABLE_CONNECTION_MS = 10_000;

export interface CopydeskClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** An access token to use instead of logging in (several clients may share one). */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: FetchFunction;
  /** How long to wait for a socket ack before treating it as lost (and retrying). Default 15 000. */
  ackTimeoutMs?: number;
  /** Passed to socket.io-client (reconnection delays, ...); transport and auth are fixed. */
  socket?: CollabSocketOptions;
  /**
   * Called when the server ends the socket's sign-in (the token expired, or the session was
   * revoked: signed out elsewhere, a password change, an admin) or refuses the token at a
   * reconnect. Resolve with a new access token (sign the user in again, e.g. with `login`'s
   * answer) and the client reconnects with it, re-joins and sends the changes made meanwhile;
   * resolve with nothing to stay signed out until `login` is called. The server has no refresh
   * tokens: a new token always comes from signing in.
   */
  onSessionEnded?: SessionEndedHandler;
}

export class CopydeskClient {
  readonly baseUrl: string;
  private accessToken: string | null;
  private socket: CollabSocket | undefined;
  private readonly sessions = new Map<string, DraftSession>();
  private readonly rest: RestTransport;
  private readonly ackTimeoutMs: number;
  private readonly channel: CollabChannel;
  private readonly reconnectBackoff = new RetryBackoff(1_000, 30_000);
  private connectedAt = 0;
  private readonly renewal: SessionRenewal;
  /** What the server said just before closing the socket, if it ended the sign-in. */
  private sessionEnd: SessionEndedEvent | null = null;

  constructor(private readonly options: CopydeskClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.accessToken = options.token ?? null;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
    const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.rest = new RestTransport(this.baseUrl, fetchFn, () => this.accessToken);
    this.channel = this.createChannel();
    this.renewal = new SessionRenewal(
      options.onSessionEnded,
      () => this.accessToken,
      (token) => this.resumeWith(token),
    );
  }

  get token(): string | null {
    return this.accessToken;
  }

  /** Whether the /collab socket is connected (false before the first `openDraft`). */
  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const response = await this.rest.request<LoginResponse>('POST', '/api/auth/login', { email, password });
    this.accessToken = response.accessToken;
    // A refused handshake stops socket.io's reconnection; a new token deserves another try.
    if (this.socket && !this.socket.active) this.socket.connect();
    return response;
  }

  /**
   * Signs out: closes every draft session (their documents stay usable offline), then ends the
   * sign-in on the server, so that no socket of this client hears its own sign-out.
   */
  async logout(): Promise<void> {
    await this.close();
    await this.rest.request('POST', '/api/auth/logout');
    this.accessToken = null;
  }

  /** This user's live sign-in sessions, newest first, this client's marked `current`. */
  listSessions(): Promise<AuthSessionView[]> {
    return this.rest.request('GET', '/api/auth/sessions');
  }

  /** Ends one of this user's sessions (its sockets close at once, wherever they are). */
  async revokeSession(sessionId: string): Promise<void> {
    await this.rest.request('DELETE', `/api/auth/sessions/${encodeURIComponent(sessionId)}`);
  }

  /** Changes this user's password; every other session ends, this one stays signed in. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.rest.request('POST', '/api/auth/password', { currentPassword, newPassword });
  }

  me(): Promise<MeView> {
    return this.rest.request('GET', '/api/me');
  }

  createDraft(request: CreateDraftRequest): Promise<DraftView> {
    return this.rest.request('POST', '/api/drafts', request);
  }

  getDraft(draftId: string): Promise<DraftView> {
    return this.rest.request('GET', draftPath(draftId));
  }

  listDrafts(query: ListDraftsQuery = {}): Promise<Page<DraftView>> {
    return this.rest.request('GET', withQuery('/api/drafts', query));
  }

  getPresence(draftId: string): Promise<PresenceEntry[]> {
    return this.rest.request('GET', draftPath(draftId, 'presence'));
  }

  /** The draft's open claims in text order, their spans resolved against the body now (docs/claims.md). */
  listClaims(draftId: string): Promise<DraftClaim[]> {
    return this.rest.request('GET', draftPath(draftId, 'claims'));
  }

  /** One claim of the draft, closed ones included, with every verdict and finding. */
  getClaim(draftId: string, claimId: string): Promise<DraftClaim> {
    return this.rest.request('GET', draftPath(draftId, 'claims', claimId));
  }

  /** Tags a span of the body as a claim (a fact-checker or an editor), by offsets or relative positions. */
  tagClaim(draftId: string, request: TagClaimRequest): Promise<DraftClaim> {
    return this.rest.request('POST', draftPath(draftId, 'claims'), request);
  }

  /** Records a verdict on a claim; answers the claim with its new status. */
  addVerdict(draftId: string, claimId: string, request: VerdictRequest): Promise<DraftClaim> {
    return this.rest.request('POST', draftPath(draftId, 'claims', claimId, 'verdicts'), request);
  }

  /** Sets a finding of a claim aside, saying why (it stays in the history); answers the claim. */
  dismissFinding(draftId: string, claimId: string, findingId: string, reason: string): Promise<DraftClaim> {
    const body: DismissFindingRequest = { reason };
    return this.rest.request('POST', draftPath(draftId, 'claims', claimId, 'findings', findingId, 'dismiss'), body);
  }

  /** The checker's queue: open claims that need work across the caller's desks (`GET /api/claims`). */
  claimsQueue(query: ClaimsQueueQuery = {}): Promise<ClaimsQueuePage> {
    return this.rest.request('GET', withQuery('/api/claims', query));
  }

  /**
   * Takes a review action (docs/review.md). `approve` and `publish` may fail `409 PUBLISH_GATE_FAILED`:
   * `CopydeskApiError#isPublishGateFailed()` then gives every blocker.
   */
  reviewAction(draftId: string, action: ReviewAction, request: ReviewActionRequest = {}): Promise<ReviewOutcome> {
    return this.rest.request('POST', draftPath(draftId, 'review', action), request);
  }

  /** The draft's review state and its log (transitions, verdicts, findings set aside), oldest first. */
  reviewHistory(draftId: string, query: ReviewHistoryQuery = {}): Promise<ReviewHistory> {
    return this.rest.request('GET', withQuery(draftPath(draftId, 'review'), query));
  }

  /** The copies kept on submit, approve and publish, oldest first, without their text. */
  revisions(draftId: string): Promise<RevisionSummaryView[]> {
    return this.rest.request('GET', draftPath(draftId, 'revisions'));
  }

  /** One kept copy in full: headline, body and the claims as they stood. */
  revision(draftId: string, number: number): Promise<RevisionView> {
    return this.rest.request('GET', draftPath(draftId, 'revisions', String(number)));
  }

  /** A word diff from kept revision `from` to revision `to`, headline and body. */
  revisionDiff(draftId: string, from: number, to: number): Promise<RevisionDiff> {
    return this.rest.request('GET', withQuery(draftPath(draftId, 'diff'), { from, to }));
  }

  /** The editor's queue: drafts in review on the caller's desks, with the gate's blocker counts. */
  reviewQueue(query: ReviewQueueQuery = {}): Promise<ReviewQueuePage> {
    return this.rest.request('GET', withQuery('/api/review/queue', query));
  }

  /** The draft's released versions, newest first (docs/publishing.md). */
  publications(draftId: string): Promise<Publication[]> {
    return this.rest.request('GET', draftPath(draftId, 'publications'));
  }

  /** One released version of the draft (1, 2, …). */
  publication(draftId: string, version: number): Promise<Publication> {
    return this.rest.request('GET', draftPath(draftId, 'publications', String(version)));
  }

  /** The release feed of the caller's desks, newest first; poll with `since` set to the last page's `head`. */
  publicationFeed(query: PublicationFeedQuery = {}): Promise<PublicationFeedPage> {
    return this.rest.request('GET', withQuery('/api/publications', query));
  }

  /** The claims and findings of a text (docs/claims.md); offsets are UTF-16 code units into `text`. */
  extractClaims(request: ExtractClaimsRequest): Promise<ExtractClaimsResponse> {
    return this.rest.request('POST', '/api/claims/extract', request);
  }

  /**
   * Starts keeping a draft's document in sync; connects the client's socket if needed. The
   * session joins as soon as the socket is up: await `session.whenSynced()` for the first join.
   */
  openDraft(draftId: string, options?: DraftSessionOptions): DraftSession {
    if (!this.accessToken) throw new Error('Log in (or pass a token) before opening a draft');
    if (this.sessions.has(draftId)) throw new Error(`Draft ${draftId} is already open on this client`);
    const session = new DraftSession(draftId, this.channel, options);
    this.sessions.set(draftId, session);
    const socket = this.ensureSocket();
    // After the caller had a chance to subscribe to the session's events.
    if (socket.connected) queueMicrotask(() => session.receiveConnect());
    return session;
  }

  /** Closes every session and the socket. */
  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
    this.disconnect();
  }

  private ensureSocket(): CollabSocket {
    if (this.socket) {
      if (!this.socket.active) this.socket.connect();
      return this.socket;
    }
    const socket = openCollabSocket(this.baseUrl, () => this.accessToken ?? '', this.options.socket);
    socket.on('connect', () => {
      this.connectedAt = Date.now();
      this.sessions.forEach((session) => session.receiveConnect());
    });
    socket.on('session', (event) => {
      if ((SESSION_END_CODES as readonly unknown[]).includes(event?.code)) this.sessionEnd = event;
    });
    socket.on('disconnect', (reason) => {
      this.sessions.forEach((session) => session.receiveDisconnect());
      const ended = this.sessionEnd;
      this.sessionEnd = null;
      if (ended) {
        // The same token would be refused: no reconnect until the application gives a new one.
        this.sessions.forEach((session) => session.receiveSessionEnded(ended.code, ended.message));
        void this.renewal.ended({ code: ended.code, message: ended.message });
      } else if (reason === 'io server disconnect') {
        this.reconnectLater(socket);
      }
    });
    socket.on('connect_error', (error) => {
      // socket.io gives up (inactive) exactly when the server refused the handshake.
      const refused = !socket.active;
      // The server could not check the token just now (its storage is down): try again later.
      if (refused && error.message === 'unavailable') return this.reconnectLater(socket);
      this.sessions.forEach((session) => session.receiveConnectError(error.message, refused));
      // Expired or revoked while offline: the application may sign in again.
      if (refused && error.message === 'unauthorized') {
        void this.renewal.ended({ code: 'UNAUTHORIZED', message: 'The server refused the token' });
      }
    });
    socket.on('update', (event) => this.route(event)?.receiveUpdate(event.update));
    socket.on('presence', (event) => this.route(event)?.receivePresence(event.entry));
    socket.on('presence:leave', (event) => this.route(event)?.receivePresenceLeave(event.sessionId));
    socket.on('access', (event) => this.route(event)?.receiveAccess(event.access));
    socket.on('claims', (event) => this.route(event)?.receiveClaims(event));
    socket.on('review', (event) => this.route(event)?.receiveReview(event));
    this.socket = socket;
    return socket;
  }

  /**
   * socket.io reconnects by itself after a lost connection, but not when the server closed the
   * socket (an instance draining, a kick). Come back with a backoff: a revoked token then ends
   * in `connect_error: unauthorized`, which stops reconnection for good.
   */
  private reconnectLater(socket: CollabSocket): void {
    if (Date.now() - this.connectedAt > STABLE_CONNECTION_MS) this.reconnectBackoff.reset();
    setTimeout(() => {
      if (this.socket === socket && !socket.active && this.sessions.size > 0) socket.connect();
    }, this.reconnectBackoff.next());
  }

  /** A new token from the application's `onSessionEnded`: connect again with it. */
  private resumeWith(token: string): void {
    this.accessToken = token;
    if (this.socket && !this.socket.active && this.sessions.size > 0) this.socket.connect();
  }

  private route(event: { draftId?: unknown } | null | undefined): DraftSession | undefined {
    return typeof event?.draftId === 'string' ? this.sessions.get(event.draftId) : undefined;
  }

  private createChannel(): CollabChannel {
    const isConnected = () => this.socket?.connected ?? false;
    const acked = () => {
      if (!this.socket) throw new Error('The socket is not open');
      return this.socket.timeout(this.ackTimeoutMs);
    };
    return {
      get connected(): boolean {
        return isConnected();
      },
      join: (request) => acked().emitWithAck('join', request),
      update: (request) => acked().emitWithAck('update', request),
      presence: (request) => acked().emitWithAck('presence', request),
      leave: (request) => acked().emitWithAck('leave', request),
      release: (draftId) => {
        this.sessions.delete(draftId);
        if (this.sessions.size === 0) this.disconnect();
      },
    };
  }

  private disconnect(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.disconnect();
  }
}
