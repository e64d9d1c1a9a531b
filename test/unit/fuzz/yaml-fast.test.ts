/**
 * Seeded mutations of the fast YAML path's shapes and of generated manifests: wherever the fast path
 * (server/src/engine/parse/yaml-fast.ts) reads a mutated text, it must read it as the `yaml` library does.
 * `npm run fuzz` (SHIPSHAPE_FUZZ_RUNS) runs many more, with a random seed (SHIPSHAPE_FUZZ_SEED replays one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { manyDocuments } from '../../helpers/many-documents';
import { FUZZ_RUNS, FUZZ_SEED } from '../../helpers/fuzz-runner';
import { agrees, FAST_SHAPES } from '../../helpers/yaml-fast-diff';

/** A small seeded generator (xorshift), so a failure is reproducible from its seed. */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const FRAGMENTS = [' ', '  ', '\n', '\n\n', '#', ' #', ':', ': ', '- ', '-', '"', "'", '\\', '[', ']', '{', '}', ',', '|', '>', '|-', '>-', '&a ', '*a', '!x ', '?', '%', '@', '`', 'x', '0x1F', '1e3', '.5', 'null', '~', 'true', '---', '...', '\\n', '\\"', '\\x4', '\u00e9', '  - ', 'k: v\n', '\n  '];

test('mutated manifests: wherever the fast path reads one, it agrees with the library', () => {
  const rnd = random(FUZZ_SEED);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const bases = [...FAST_SHAPES, ...splitYamlDocuments(manyDocuments(5)).map((c) => c.text)];
  const runs = FUZZ_RUNS !== undefined ? FUZZ_RUNS * 25 : 2500;
  let read = 0;
  for (let n = 0; n < runs; n++) {
    let text = pick(bases);
    for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) {
      const at = Math.floor(rnd() * (text.length + 1));
      const op = rnd();
      if (op < 0.5) text = text.slice(0, at) + pick(FRAGMENTS) + text.slice(at);
      else if (op < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
      else {
        const lines = text.split('\n');
        lines.splice(Math.floor(rnd() * lines.length), 0, pick(lines));
        text = lines.join('\n');
      }
    }
    if (agrees(text)) read++;
  }
  // The mutations must leave many texts on the fast path, or this checks nothing.
  assert.ok(read > runs / 5, `only ${read} of ${runs} mutated texts were read by the fast path (seed ${FUZZ_SEED})`);
});
