/**
 * Who is here: one line per person in the draft (yourself first, marked), with their cursor's
 * colour, their role and what they are doing. Arrivals and departures are read out through a
 * polite live region; the list itself is redrawn only when what it says changes (cursor moves do not).
 */
import { h, replaceChildren, type Dispose } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { DraftContext } from './draft-context.js';
import { acquirePresence } from './presence-awareness.js';
import { presenceRows, rosterChanges, type PresenceRow } from './presence-rows.js';

/** Read-outs are cleared after this long, so the same words can be read out again later. */
const ANNOUNCEMENT_MS = 5_000;

export function mountPresencePanel(region: HTMLElement, context: DraftContext): Dispose {
  const { session, me } = context;
  const { awareness, release } = acquirePresence(context);
  const list = h('ul', { class: 'presence-list' });
  const announcer = h('p', { class: 'presence-announcer visually-hidden', 'aria-live': 'polite' });
  replaceChildren(region, h('h2', { class: 'presence-title' }, t('presence.title')), list, announcer);

  let rows: PresenceRow[] = [];
  let drawn = '';
  let first = !session.isJoined;
  let clearTimer: ReturnType<typeof setTimeout> | null = null;

  const offline = h('p', { class: 'presence-offline', hidden: true }, t('presence.offline'));
  region.append(offline);

  const render = () => {
    // Offline, the roster is who was here when the socket dropped: show only ourselves until the next join.
    const away = !first && !session.isJoined;
    offline.hidden = !away;
    const next = presenceRows(away ? [] : session.presence.values(), {
      userId: me.id,
      displayName: me.displayName,
      role: me.role,
      sessionId: session.sessionId,
      activity: awareness.activity,
    });
    // Until the first join is done, the listing is who was already here: nothing to announce.
    if (!first) announce(rosterChanges(rows, next));
    rows = next;
    const signature = JSON.stringify(next);
    if (signature === drawn) return;
    drawn = signature;
    replaceChildren(list, next.map(rowElement));
  };

  const announce = ({ joined, left }: { joined: PresenceRow[]; left: PresenceRow[] }) => {
    const words = [
      ...joined.map((row) => t('presence.joined', { name: row.displayName })),
      ...left.map((row) => t('presence.left', { name: row.displayName })),
    ];
    if (words.length === 0) return;
    announcer.textContent = words.join('. ');
    if (clearTimer) clearTimeout(clearTimer);
    clearTimer = setTimeout(() => (announcer.textContent = ''), ANNOUNCEMENT_MS);
  };

  const offs: Dispose[] = [
    session.on('presence', render),
    session.on('presence:leave', render),
    session.on('connection', render),
    session.on('synced', () => {
      render();
      first = false;
    }),
  ];
  const onAwareness = () => render();
  awareness.on('change', onAwareness);
  render();

  return () => {
    if (clearTimer) clearTimeout(clearTimer);
    awareness.off('change', onAwareness);
    for (const off of offs) off();
    release();
  };
}

const ACTIVITY: Record<PresenceRow['activity'], MessageKey> = {
  editing: 'presence.activity.editing',
  reviewing: 'presence.activity.reviewing',
  idle: 'presence.activity.idle',
};

function rowElement(row: PresenceRow): HTMLLIElement {
  const swatch = h('span', { class: 'presence-swatch', 'aria-hidden': 'true' });
  if (row.color) swatch.style.backgroundColor = row.color;
  return h(
    'li',
    { class: `presence-person presence-${row.activity}`, 'data-user-id': row.userId },
    swatch,
    h('bdi', { class: 'presence-name' }, row.displayName),
    row.you ? h('span', { class: 'presence-you' }, ` ${t('presence.you')}`) : null,
    h('span', { class: 'presence-role' }, t(`role.${row.role}`)),
    h('span', { class: 'presence-activity' }, t(ACTIVITY[row.activity])),
  );
}
