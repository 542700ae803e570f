/**
 * --web: what the bench installs in every page before the page's own scripts run
 * (page.addInitScript). Plain JavaScript in a string: it runs in the browser, and the CLI is
 * compiled without the DOM's types. All times are `performance.timeOrigin + performance.now()`:
 * wall-clock milliseconds, comparable between pages of one browser on one machine.
 *
 * It records, in `window.__copydeskBench`:
 * - `keydowns`: the time of each keydown of a printable key (capture phase, before the editor);
 * - `changes`: each change of the body editor's visible length (`.cm-content` labelled "Body":
 *   the text of its `.cm-line`s without remote cursors and their name labels), with the time the
 *   MutationObserver saw it and the time of the animation frame after it ("on screen");
 * - `statuses`: each change of the save status's text (`.status-region`);
 * - `updatesSent`, `acks`: each socket.io `update` event the page sent over its WebSocket (with its
 *   ack id) and each ack it received, read from the frames (socket.io's text encoding: `42`/`45`
 *   for an event, `43`/`46` for an ack, then the attachment count, the namespace and the id);
 * - `formShownAt`: the frame after the sign-in form's Email field appeared;
 * - `bodyShownAt`: the frame after the body first held `expectBodyLength` characters.
 */

export interface ProbeConfig {
  /** The body's length that counts as "the draft is shown" (null: not timed). */
  expectBodyLength: number | null;
  /** The label of the body editor's `.cm-content` (the English interface's). */
  bodyLabel: string;
  /** The label of the sign-in form's email field. */
  emailLabel: string;
  /** A token to put in sessionStorage before the page starts (a signed-in tab), or null. */
  token: string | null;
  tokenKey: string;
}

/** What `window.__copydeskBench.read()` gives back. */
export interface ProbeReading {
  timeOrigin: number;
  keydowns: number[];
  changes: { length: number; domAt: number; screenAt: number | null }[];
  statuses: { text: string; at: number }[];
  updatesSent: { id: number; at: number }[];
  acks: { id: number; at: number }[];
  formShownAt: number | null;
  bodyShownAt: number | null;
  bodyText: string | null;
}

/** A socket.io `update` event sent (text packet of an event, binary or not), capturing its ack id. */
const SENT_UPDATE = /^4[25](?:\d+-)?(?:\/[^,]*,)?(\d+)\["update"/;
/** An ack received (text or binary), capturing its id. */
const ACK = /^4(?:3|6\d+-)(?:\/[^,]*,)?(\d+)\[/;

export function probeScript(config: ProbeConfig): string {
  return `(() => {
  const config = ${JSON.stringify(config)};
  if (config.token !== null) {
    try { sessionStorage.setItem(config.tokenKey, config.token); } catch (error) { void error; }
  }
  if (window.__copydeskBench) return;
  const now = () => performance.timeOrigin + performance.now();
  const SKIP = '.cm-ySelectionCaret, .cm-ySelectionInfo, .cm-placeholder, .cm-widgetBuffer';
  const bodySelector = '.cm-content[aria-label=' + JSON.stringify(config.bodyLabel) + ']';
  const probe = {
    keydowns: [],
    changes: [],
    statuses: [],
    updatesSent: [],
    acks: [],
    formShownAt: null,
    bodyShownAt: null,
  };
  let lastLength = -1;
  let lastStatus = null;
  let pending = [];
  let bodyShownPending = false;
  let formSeen = false;

  function visibleText(content) {
    const lines = [];
    for (const line of content.querySelectorAll('.cm-line')) {
      let text = '';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && parent.closest(SKIP)) continue;
        text += node.data;
      }
      lines.push(text.replace(/\\u2060/g, ''));
    }
    return lines.join('\\n');
  }
  function bodyText() {
    const content = document.querySelector(bodySelector);
    return content ? visibleText(content) : null;
  }
  function frame(work) {
    requestAnimationFrame(() => work(now()));
  }
  function emailField() {
    for (const label of document.querySelectorAll('label')) {
      if (label.textContent.trim() === config.emailLabel && label.control) return label.control;
    }
    return null;
  }
  function check() {
    const at = now();
    const text = bodyText();
    if (text !== null && text.length !== lastLength) {
      lastLength = text.length;
      const change = { length: text.length, domAt: at, screenAt: null };
      probe.changes.push(change);
      if (pending.length === 0) {
        frame((shown) => {
          for (const waiting of pending) waiting.screenAt = shown;
          pending = [];
        });
      }
      pending.push(change);
      if (config.expectBodyLength !== null && probe.bodyShownAt === null && !bodyShownPending &&
          text.length >= config.expectBodyLength) {
        bodyShownPending = true;
        frame((shown) => { probe.bodyShownAt = shown; });
      }
    }
    const region = document.querySelector('.status-region');
    const status = region ? region.textContent.trim() : null;
    if (status !== null && status !== '' && status !== lastStatus) {
      lastStatus = status;
      probe.statuses.push({ text: status, at });
    }
    if (!formSeen && emailField()) {
      formSeen = true;
      frame((shown) => { probe.formShownAt = shown; });
    }
  }
  addEventListener('keydown', (event) => {
    if (event.key.length === 1) probe.keydowns.push(now());
  }, true);
  // The page's socket: its update events out, and acks in (socket.io-client takes WebSocket from the global when it loads).
  const SENT_UPDATE = ${SENT_UPDATE};
  const ACK = ${ACK};
  const NativeWebSocket = window.WebSocket;
  const nativeSend = NativeWebSocket.prototype.send;
  NativeWebSocket.prototype.send = function (data) {
    if (typeof data === 'string') {
      const sent = SENT_UPDATE.exec(data);
      if (sent) probe.updatesSent.push({ id: Number(sent[1]), at: now() });
    }
    return nativeSend.call(this, data);
  };
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        const ack = ACK.exec(event.data);
        if (ack) probe.acks.push({ id: Number(ack[1]), at: now() });
      });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  probe.bodyText = bodyText;
  probe.bodyLength = () => lastLength;
  probe.reset = () => {
    probe.keydowns = [];
    probe.changes = [];
    probe.statuses = [];
    probe.updatesSent = [];
    probe.acks = [];
  };
  probe.read = () => ({
    timeOrigin: performance.timeOrigin,
    keydowns: probe.keydowns,
    changes: probe.changes,
    statuses: probe.statuses,
    updatesSent: probe.updatesSent,
    acks: probe.acks,
    formShownAt: probe.formShownAt,
    bodyShownAt: probe.bodyShownAt,
    bodyText: bodyText(),
  });
  Object.defineProperty(window, '__copydeskBench', { value: probe });
})();`;
}
