/**
 * The vendored IPTC ninjs 3.1 schema, compiled once (draft 2020-12, with the `uri` and
 * `date-time` formats checked), for every spec that builds an item.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { expect } from '@jest/globals';
import type { ErrorObject } from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../schema/ninjs-schema_3.1.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

// Strict, so a keyword Ajv does not know fails loudly, except strictRequired: IPTC's schema lists
// `required` properties inside oneOf branches that define them elsewhere, which is valid JSON Schema.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
formats.default(ajv);
// The schema's one external reference, places[].geometry.geoJSON, is GeoJSON's own schema, not
// vendored: Copydesk emits no geometry. It stands as `false`, so an item that ever carries one
// fails here until that schema is vendored too; nothing is fetched from the network.
ajv.addSchema(false, 'https://geojson.org/schema/GeoJSON.json');
const validate = ajv.compile(schema);

export function ninjsErrors(item: unknown): ErrorObject[] {
  return validate(item) ? [] : [...(validate.errors ?? [])];
}

/** Fails the test, naming each violation, unless the item is valid ninjs 3.1. */
export function expectValidNinjs(item: unknown): void {
  expect(ninjsErrors(item).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`)).toEqual(
    [],
  );
}
