import * as Y from 'yjs';

/**
 * Whether a document holds insertions that a peer with `remoteStateVector` lacks. Only insertions
 * show in a state vector; `Y.encodeStateAsUpdate` always carries the whole delete set, so it
 * never comes out empty and cannot answer this by itself.
 */
export function hasInsertionsMissingFrom(localStateVector: Uint8Array, remoteStateVector: Uint8Array): boolean {
  const remote = Y.decodeStateVector(remoteStateVector);
  for (const [client, clock] of Y.decodeStateVector(localStateVector)) {
    if (clock > (remote.get(client) ?? 0)) return true;
  }
  return false;
}
