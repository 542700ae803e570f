/**
 * The part of IPTC ninjs 3.1 (https://www.iptc.org/std/ninjs/) Copydesk emits, property names
 * and shapes as in the schema (libs/publishing/schema/ninjs-schema_3.1.json): the schema allows
 * no other property, and an instance has no `$schema` property; `standard` names the schema.
 */
export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#';

export interface NinjsStandard {
  name: 'ninjs';
  version: '3.1';
  schema: typeof NINJS_SCHEMA_URI;
}

export interface NinjsHeadline {
  role: 'main';
  contentType: 'text/plain';
  value: string;
}

export interface NinjsBody {
  role: 'main';
  contentType: 'text/html';
  value: string;
}

/** A person related to the item; Copydesk lists its authors, `rel` being their role. */
export interface NinjsPerson {
  name: string;
  rel: string;
}

export interface NinjsSubject {
  name: string;
  rel: 'section';
}

export interface NinjsItem {
  standard: NinjsStandard;
  /** Format `uri`: the only property ninjs requires. */
  uri: string;
  type: 'text';
  /** A string in ninjs. */
  version: string;
  /** BCP 47. */
  language: string;
  /** RFC 3339 date-times (format `date-time`), in UTC. */
  firstCreated: string;
  versionCreated: string;
  embargoedUntil?: string;
  pubStatus: 'usable' | 'canceled' | 'withheld';
  headlines: [NinjsHeadline];
  bodies: [NinjsBody];
  /** The natural-language by-line. */
  by?: string;
  people?: NinjsPerson[];
  subjects?: NinjsSubject[];
  /** For the receiving newsroom's staff, not for publication. */
  edNote?: string;
}
