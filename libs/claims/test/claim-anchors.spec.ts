import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { anchorSpan, BodyPositions, resolveSpan } from '#claims';
import { DOCUMENT_FIELDS } from '#contracts';

const TEXT = 'انضمت سوريا بصفتها العضو رقم 90 في التحالف.';

/** A server-side document (its root never turned into a Y.Text here) and a client editing it. */
function pair() {
  const client = new Y.Doc();
  client.getText(DOCUMENT_FIELDS.body).insert(0, TEXT);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const edit = (change: (body: Y.Text) => void) => {
    const before = Y.encodeStateVector(client);
    change(client.getText(DOCUMENT_FIELDS.body));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
  };
  return { server, edit };
}

describe('claim anchors', () => {
  const start = TEXT.indexOf('رقم 90');
  const end = start + 'رقم 90'.length;

  it.each<[string, (body: Y.Text) => void, { text: string; shift: number }]>([
    ['typing before the claim', (body) => body.insert(0, 'عاجل: '), { text: 'رقم 90', shift: 6 }],
    ['typing after the claim', (body) => body.insert(end, ' الجديد'), { text: 'رقم 90', shift: 0 }],
    ['typing right before its first character', (body) => body.insert(start, 'ال'), { text: 'رقم 90', shift: 2 }],
    ['typing right after its last character', (body) => body.insert(end, '0'), { text: 'رقم 90', shift: 0 }],
    ['typing inside it', (body) => body.insert(start + 1, '\u064E'), { text: 'ر\u064Eقم 90', shift: 0 }],
    [
      'replacing a digit inside it',
      (body) => (body.delete(end - 2, 1), body.insert(end - 2, '8')),
      { text: 'رقم 80', shift: 0 },
    ],
    ['deleting text before it', (body) => body.delete(0, 6), { text: 'رقم 90', shift: -6 }],
  ])('follows the text when %s', (_, change, expected) => {
    const { server, edit } = pair();
    const anchors = anchorSpan(BodyPositions.of(server), start, end);
    edit(change);
    const span = resolveSpan(BodyPositions.of(server), anchors);
    expect(span).toEqual({
      start: start + expected.shift,
      end: span.start + expected.text.length,
      text: expected.text,
    });
  });

  it('comes back empty when its text is deleted', () => {
    const { server, edit } = pair();
    const anchors = anchorSpan(BodyPositions.of(server), start, end);
    edit((body) => body.delete(start - 6, end - start + 10));
    const span = resolveSpan(BodyPositions.of(server), anchors);
    expect(span.start).toBe(span.end);
    expect(span.text).toBe('');
  });

  it('finds nothing for anchors in another field', () => {
    const { server } = pair();
    const headline = new Y.Doc();
    headline.getText(DOCUMENT_FIELDS.headline).insert(0, 'عنوان طويل بما يكفي');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(headline));
    const elsewhere = BodyPositions.of(headline, DOCUMENT_FIELDS.headline);
    const span = resolveSpan(BodyPositions.of(server), anchorSpan(elsewhere, 2, 8));
    expect(span).toEqual({ start: 0, end: 0, text: '' });
  });

  it('leaves the server’s root untyped (no Y.Text of its own to clean up after)', () => {
    const { server } = pair();
    const body = BodyPositions.of(server);
    resolveSpan(body, anchorSpan(body, start, end));
    expect(server.share.get(DOCUMENT_FIELDS.body)).not.toBeInstanceOf(Y.Text);
  });
});
