// A fresh process for test/unit/lsp/code-cache.test.ts (a V8 isolate keeps compiled scripts, so a load in the
// test's own process could hit them instead of the cache): loads `file` through a code cache in `dir` (`-` for
// none), calls `save` when asked, and prints what happened as JSON.
import { createCodeCache } from '../../server/src/io/code-cache';

const [dir, file, action] = process.argv.slice(2);
const logs: string[] = [];
const cache = createCodeCache(dir === '-' ? undefined : dir, (m) => logs.push(m));
const loaded = cache.load(file!) as { value: number; where: string };
const written = action === 'save' ? cache.save() : [];
process.stdout.write(JSON.stringify({ value: loaded.value, where: loaded.where, use: cache.loaded.map((l) => l.cache), written, logs }));
