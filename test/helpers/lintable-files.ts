// The files under some folders of the repository that Shipshape lints, with their text and kind (sorted walk).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileKindOfText, type FileKind } from '../../server/src/engine';

export const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

/** Every file under `sources` (paths relative to the repository root) that fileKindOfText recognises. */
export function lintableFiles(sources: readonly string[]): Array<{ rel: string; text: string; kind: FileKind }> {
  const out: Array<{ rel: string; text: string; kind: FileKind }> = [];
  for (const source of sources) {
    for (const path of files(join(ROOT, source))) {
      const rel = relative(ROOT, path).split('\\').join('/');
      const text = readFileSync(path, 'utf8');
      const kind = fileKindOfText(rel, text);
      if (kind) out.push({ rel, text, kind });
    }
  }
  return out;
}
