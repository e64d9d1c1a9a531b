/**
 * Child process of regex-linear.test.ts: applies each expression of the list
 * (a JSON file named by argv[2], from index argv[3]) to its adversarial
 * strings, printing `start <i>` before and `done <i>` after each. The parent
 * kills it when an expression does not finish in time (a hang guard: a
 * synchronous regular expression cannot be interrupted in-process).
 */
import { readFileSync } from 'node:fs';
import { attacks, exercise } from './regex-attacks';

interface Entry {
  source: string;
  flags: string;
}

const list = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { entries: Entry[]; length: number };
const from = Number(process.argv[3] ?? 0);
for (let i = from; i < list.entries.length; i++) {
  const { source, flags } = list.entries[i]!;
  process.stdout.write(`start ${i}\n`);
  let strings: string[];
  try {
    strings = attacks(source, flags, list.length);
  } catch (e) {
    process.stdout.write(`error ${i} ${JSON.stringify(e instanceof Error ? e.message : String(e))}\n`);
    continue;
  }
  const re = new RegExp(source, flags);
  for (const s of strings) exercise(re, s);
  process.stdout.write(`done ${i} ${strings.length}\n`);
}
process.stdout.write('finished\n');
