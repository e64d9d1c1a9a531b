/**
 * The key material of an EncryptionConfiguration (apiserver.config.k8s.io):
 * the `secret` of each entry of a provider's `keys` (aescbc, aesgcm,
 * secretbox). A key committed to a repository defeats encryption at rest:
 * whoever reads the repository can decrypt what the API server stored in
 * etcd and its backups. Every entry keeps the span of its `secret` KEY:
 * findings underline the key, never the value. The value is judged here and
 * never leaves this module.
 */
import type { Span } from '../types';
import type { ResourceView } from '../views/resource';
import { EncryptionConfigView } from '../views/node-config';
import { asMap, getNode, getPair, keySpan, scalarValue, seqItems, stringValue } from '../views/yaml-node';
import { printableText } from './entropy';
import { decodeBase64 } from './objects';
import { isPlaceholder } from './placeholder';

/** Key sizes the AES providers accept (secretbox: 32); a random value of one of them is a real-looking key. */
const KEY_BYTES: ReadonlySet<number> = new Set([16, 24, 32]);

/**
 * How a committed key looks: `key` when it is valid base64 of 16, 24 or 32
 * bytes that are not text (random key material, as `head -c 32
 * /dev/urandom | base64` makes); `committed` for any other literal value;
 * `none` for an empty value or a placeholder (`<BASE 64 ENCODED SECRET>`,
 * `${KEY}`).
 */
export type EncryptionKeyLevel = 'none' | 'committed' | 'key';

export interface EncryptionKeyEntry {
  /** The provider holding the key: `aescbc`, `aesgcm`, `secretbox`. */
  readonly provider: string;
  /** The key's `name` (not secret: it names the key for rotation), or undefined. */
  readonly name: string | undefined;
  /** Span of the `secret` key, where findings go. */
  readonly keySpan: Span;
  readonly level: EncryptionKeyLevel;
}

export function judgeEncryptionKey(raw: string): EncryptionKeyLevel {
  const value = raw.trim();
  if (isPlaceholder(value)) return 'none';
  const bytes = decodeBase64(value);
  return bytes && KEY_BYTES.has(bytes.length) && printableText(bytes) === undefined ? 'key' : 'committed';
}

/** The keys of an EncryptionConfiguration with their judgment; [] for any other object. */
export function encryptionKeys(resource: ResourceView): EncryptionKeyEntry[] {
  const config = EncryptionConfigView.from(resource);
  if (!config) return [];
  const doc = resource.doc;
  const out: EncryptionKeyEntry[] = [];
  for (const entry of config.entries) {
    for (const provider of entry.providers) {
      for (const item of seqItems(getNode(provider.body, 'keys'), doc)) {
        const key = asMap(item, doc);
        const pair = getPair(key, 'secret');
        const span = keySpan(pair);
        if (!pair || !span) continue;
        const v = scalarValue(pair.value, doc);
        if (v !== null && (typeof v === 'object' || v === undefined)) continue;
        const raw = v === null ? '' : (stringValue(pair.value, doc) ?? String(v));
        out.push({ provider: provider.name, name: stringValue(getNode(key, 'name'), doc), keySpan: span, level: judgeEncryptionKey(raw) });
      }
    }
  }
  return out;
}
