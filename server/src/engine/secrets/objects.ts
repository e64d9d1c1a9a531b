/**
 * Views over the two core objects that carry data: Secret (`data` base64,
 * `stringData` plain) and ConfigMap (`data` plain, `binaryData` base64).
 * Like views/workloads.ts, this is the one place that knows which kinds hold
 * what; kind names are typed from kubernetes-types. Every entry keeps the
 * span of its KEY: findings underline the key, never the value.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import type { Span } from '../types';
import type { ResourceView } from '../views/resource';
import { printableText } from './entropy';
import { keySpan, mapEntries, scalarValue, stringValue } from '../views/yaml-node';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;
type ApiVersionOf<T extends { apiVersion?: string }> = NonNullable<T['apiVersion']>;

const SECRET_KIND: KindOf<Secret> = 'Secret';
const CONFIG_MAP_KIND: KindOf<ConfigMap> = 'ConfigMap';
const CORE_V1: ApiVersionOf<Secret> & ApiVersionOf<ConfigMap> = 'v1';

export type DataField = 'data' | 'stringData' | 'binaryData';

/** One key of `data`, `stringData` or `binaryData`. */
export interface DataEntry {
  field: DataField;
  key: string;
  /** Span of the key (where findings go). */
  keySpan: Span;
  /** The value as written (a scalar rendered as a string; '' for null). */
  raw: string;
  /** The value to judge: base64 fields decoded when they decode to text, else the raw value. */
  text: string;
  /** A base64 field whose value is valid base64 but not text (binary data). */
  binary: boolean;
}

export interface DataObjectView {
  /** `Secret "db"` / `ConfigMap "app"` for messages. */
  label: string;
  /** Secret `type`, when it is a string. */
  type?: string;
  entries: DataEntry[];
}

const BASE64_CHAR = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/** Decode standard base64 the way Kubernetes does (padding required, line breaks ignored); undefined when invalid. */
export function decodeBase64(raw: string): Uint8Array | undefined {
  let length = 0;
  let pad = 0;
  let breaks = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10 || c === 13) {
      breaks = true;
      continue;
    }
    length++;
    if (c === 61) pad++;
    else if (pad > 0 || !BASE64_CHAR(c)) return undefined;
  }
  if (length % 4 !== 0 || pad > 2) return undefined;
  return Buffer.from(breaks ? raw.split(/\r?\n/).join('') : raw, 'base64');
}

function entries(resource: ResourceView, field: DataField, base64: boolean): DataEntry[] {
  const out: DataEntry[] = [];
  for (const { key, pair } of mapEntries(resource.get([field]), resource.doc)) {
    const span = keySpan(pair);
    const v = scalarValue(pair.value, resource.doc);
    if (!span || (v !== null && (typeof v === 'object' || v === undefined))) continue;
    const raw = v === null ? '' : (stringValue(pair.value, resource.doc) ?? String(v));
    let text = raw;
    let binary = false;
    if (base64) {
      const bytes = decodeBase64(raw);
      if (bytes) {
        const decoded = printableText(bytes);
        if (decoded === undefined) binary = true;
        else text = decoded;
      }
    }
    out.push({ field, key, keySpan: span, raw, text, binary });
  }
  return out;
}

const labelOf = (resource: ResourceView): string => `${resource.kind} "${resource.name ?? '(unnamed)'}"`;

/** The Secret view of a core/v1 Secret, else undefined. */
export function secretView(resource: ResourceView): DataObjectView | undefined {
  if (resource.kind !== SECRET_KIND || resource.apiVersion !== CORE_V1) return undefined;
  const type = stringValue(resource.get(['type']), resource.doc);
  return {
    label: labelOf(resource),
    ...(type === undefined ? {} : { type }),
    entries: [...entries(resource, 'data', true), ...entries(resource, 'stringData', false)],
  };
}

/** The ConfigMap view of a core/v1 ConfigMap, else undefined. */
export function configMapView(resource: ResourceView): DataObjectView | undefined {
  if (resource.kind !== CONFIG_MAP_KIND || resource.apiVersion !== CORE_V1) return undefined;
  return { label: labelOf(resource), entries: [...entries(resource, 'data', false), ...entries(resource, 'binaryData', true)] };
}
