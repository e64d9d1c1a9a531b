import { defineRule } from '../../rule';
import { programArgs, programName } from '../../views/dockerfile-run';
import type { ShellWord } from '../../parse/shell';
import { runCommandsOf } from './shared';

/** A numeric mode with the setuid (4000) or setgid (2000) bit: `4755`, `2755`, `06755`. */
const NUMERIC = /^0?[0-7]?([2-7])[0-7]{3}$/;
/** A symbolic mode that adds s: `u+s`, `g+s`, `+s`, `ug+rs`, `a=rxs`. */
const SYMBOLIC = /^[ugoa]*[+=][rwxXst]*s[rwxXst]*(?:,|$)|,[ugoa]*[+=][rwxXst]*s/;

/** A symbolic mode that removes s: `u-s`, `a-s`, `-s`, `ug-s`. */
const REMOVES = /^[ugoa]*-[rwxXt]*s/;

/** The mode argument of a chmod invocation that sets the setuid or setgid bit, if any. */
function setsSpecialBit(mode: string): 'setuid' | 'setgid' | 'setuid/setgid' | undefined {
  const n = NUMERIC.exec(mode);
  if (n) {
    const d = Number(n[1]);
    return d & 4 ? (d & 2 ? 'setuid/setgid' : 'setuid') : d & 2 ? 'setgid' : undefined;
  }
  if (!SYMBOLIC.test(mode)) return undefined;
  const who = /^([ugoa]*)/.exec(mode)![1]!;
  if (who === '' || who.includes('a') || (who.includes('u') && who.includes('g'))) return 'setuid/setgid';
  return who.includes('g') ? 'setgid' : who.includes('u') ? 'setuid' : undefined;
}

/**
 * CIS Docker 4.8: a RUN that gives a file the setuid or setgid bit (`chmod
 * u+s`, `chmod 4755`). Such a binary runs with its owner's (root's)
 * privileges whoever starts it: a way up for any process in the container.
 * Not reported when a later chmod removes the bit again (`chmod u-s` of the
 * same files, or `find ... -exec chmod a-s`). (Bits that come with the base image's packages are not visible here; the
 * benchmark's remedy removes them all: `find / -perm /6000 -type f -exec chmod a-s {} +`.)
 */
export default defineRule({
  meta: {
    id: 'dockerfile-setuid-bits',
    title: 'setuid or setgid bit set in the image',
    description:
      'chmod u+s (or 4755, g+s, 2755) in a RUN makes a file run with its owner\'s privileges, usually root, whoever starts it: a ready way to escalate for any process in the container. Give the program the capability it needs, or run it as the user it needs.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    messages: {
      special: 'RUN sets the {{bit}} bit ({{mode}}): the file runs with its owner\'s privileges whoever starts it.',
    },
    references: {
      cisDocker: ['4.8'],
      urls: ['https://docs.docker.com/build/building/best-practices/', 'https://man7.org/linux/man-pages/man2/execve.2.html'],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        const set: Array<{ word: ShellWord; bit: string; targets: string[] }> = [];
        for (const { command, chain } of runCommandsOf(df, ctx.views)) {
          const name = programName(chain[chain.length - 1]);
          const args = programArgs(command);
          // `find / -perm /6000 -exec chmod a-s {} +`: every bit set before is removed.
          if (name === 'find' && args.some((w) => w.value === 'chmod') && args.some((w) => REMOVES.test(w.value))) {
            set.length = 0;
            continue;
          }
          if (name !== 'chmod') continue;
          const operands = args.filter((w) => !w.value.startsWith('-') || REMOVES.test(w.value));
          const mode = operands[0];
          if (!mode) continue;
          const targets = operands.slice(1).map((w) => w.value);
          if (REMOVES.test(mode.value)) {
            for (let i = set.length - 1; i >= 0; i--) if (set[i]!.targets.every((t) => targets.includes(t))) set.splice(i, 1);
            continue;
          }
          const bit = setsSpecialBit(mode.value);
          if (bit) set.push({ word: mode, bit, targets });
        }
        for (const s of set) ctx.report({ messageId: 'special', data: { bit: s.bit, mode: s.word.value }, at: s.word.span });
      },
    };
  },
});
