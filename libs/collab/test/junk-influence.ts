/**
 * Which editors' markers accepted non-genuine updates (mutants, crafted bytes) may legitimately
 * have changed: those whose ids a mutant took first, split, deleted or built under, and those of
 * edits that build on such ids (they land wherever the mutant put its content).
 */
import * as Y from 'yjs';
import type { Marker } from './update-scenario.builder.js';

interface Range {
  client: number;
  from: number;
  to: number;
}

interface Footprint {
  creates: Range[];
  deletes: Range[];
  references: Range[];
}

function footprint(update: Uint8Array): Footprint {
  const decoded = Y.decodeUpdate(update);
  const creates: Range[] = [];
  const references: Range[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    creates.push({ client, from: clock, to: clock + struct.length });
    if (!(struct instanceof Y.Item)) continue;
    for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (id) references.push({ client: id.client, from: id.clock, to: id.clock + 1 });
    }
  }
  const deletes = [...decoded.ds.clients].flatMap(([client, ranges]) =>
    ranges.map((r) => ({ client, from: r.clock, to: r.clock + r.len })),
  );
  return { creates, deletes, references };
}

const overlaps = (a: Range, b: Range) => a.client === b.client && a.from < b.to && b.from < a.to;

/** The texts of markers a non-genuine accepted update may have changed; `accepted` in sequence order. */
export function markersJunkMayHaveChanged(accepted: { bytes: Uint8Array; markers: Marker[] | null }[]): Set<string> {
  const tainted: Range[] = [];
  const genuine: { footprint: Footprint; markers: Marker[] }[] = [];
  for (const update of accepted) {
    const print = footprint(update.bytes);
    if (update.markers === null) tainted.push(...print.creates, ...print.deletes, ...print.references);
    else genuine.push({ footprint: print, markers: update.markers });
  }
  const exempt = new Set<string>();
  const builtOnJunk = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    genuine.forEach((update, index) => {
      if (builtOnJunk.has(index) || !update.footprint.references.some((r) => tainted.some((t) => overlaps(r, t))))
        return;
      builtOnJunk.add(index);
      tainted.push(...update.footprint.creates);
      changed = true;
    });
  }
  genuine.forEach((update, index) => {
    for (const marker of update.markers) {
      const span = { client: marker.client, from: marker.clock, to: marker.clock + marker.text.length };
      if (builtOnJunk.has(index) || tainted.some((t) => overlaps(span, t))) exempt.add(marker.text);
    }
  });
  return exempt;
}
