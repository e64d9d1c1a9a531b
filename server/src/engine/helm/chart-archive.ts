/**
 * A packaged chart (`charts/<name>-<version>.tgz`): the tar archive inside the gzip (which the host decompresses,
 * ProjectHost.gunzip) read as Helm reads it: regular files under the chart's top folder, names from ustar prefixes,
 * GNU long names and PAX `path` records. Pure; bounded; never throws.
 */

const BLOCK = 512;
const MAX_FILES = 2000;

const text = (b: Uint8Array, from: number, len: number): string => {
  let end = from;
  while (end < from + len && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(from, end));
};

/** The chart's files (path under the archive's top folder -> text), or undefined when it is not a tar archive. */
export function untarChart(tar: Uint8Array): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let pos = 0;
  let longName: string | undefined;
  while (pos + BLOCK <= tar.length && out.size < MAX_FILES) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((x) => x === 0)) break;
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0 || pos + BLOCK + size > tar.length) return out.size > 0 ? out : undefined;
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(pos + BLOCK, pos + BLOCK + size);
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(body));
      if (m) longName = m[1];
      continue;
    }
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '\0') continue;
    const rel = name.split('/').slice(1).join('/');
    if (rel === '' || rel.split('/').some((s) => s === '..')) continue;
    out.set(rel, new TextDecoder().decode(body));
  }
  return out;
}
