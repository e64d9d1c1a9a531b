import { defineRule } from '../../rule';
import { programArgs, programName } from '../../views/dockerfile-run';
import type { DockerInstruction } from '../../parse/dockerfile';
import type { ShellWord } from '../../parse/shell';
import { runCommandsOf } from './shared';

/** Package managers: the subcommand that refreshes the index and the ones that install from it. */
const MANAGERS: Readonly<Record<string, { update: readonly string[]; install: readonly string[] }>> = {
  'apt-get': { update: ['update'], install: ['install', 'upgrade', 'dist-upgrade', 'build-dep', 'source'] },
  apt: { update: ['update'], install: ['install', 'upgrade', 'full-upgrade', 'dist-upgrade'] },
  apk: { update: ['update'], install: ['add', 'upgrade', 'fix'] },
  zypper: { update: ['refresh', 'ref'], install: ['install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup'] },
};

/** The subcommand of a package manager invocation (its first word that is not an option). */
function subcommand(args: readonly ShellWord[]): ShellWord | undefined {
  return args.find((w) => !w.value.startsWith('-'));
}

/**
 * CIS Docker 4.7: a RUN that refreshes the package index (`apt-get update`,
 * `apk update`, `zypper refresh`) without installing anything in the same
 * RUN. The build cache keeps that layer, so a later `RUN apt-get install`
 * installs from a stale index, missing security updates, for as long as the
 * cache lives.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-update-alone',
    title: 'Package index update alone in a RUN',
    description:
      'RUN apt-get update (or apk update) on its own makes a cached layer: later builds reuse the old package index and a following RUN apt-get install installs outdated packages, security fixes missing. Update and install in the same RUN.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    messages: {
      alone: 'RUN runs "{{command}}" without installing anything: the build cache keeps this stale index for later RUN instructions. Update and install in the same RUN.',
    },
    references: {
      cisDocker: ['4.7'],
      hadolint: ['DL3009'],
      urls: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        const updates = new Map<DockerInstruction, { word: ShellWord; command: string }>();
        const installs = new Set<DockerInstruction>();
        for (const { ins, command, chain } of runCommandsOf(df, ctx.views)) {
          const program = chain[chain.length - 1];
          const name = programName(program);
          const manager = MANAGERS[name];
          if (!manager || !program) continue;
          const sub = subcommand(programArgs(command));
          if (!sub) continue;
          if (manager.install.includes(sub.value)) installs.add(ins);
          else if (manager.update.includes(sub.value) && !updates.has(ins)) updates.set(ins, { word: program, command: `${name} ${sub.value}` });
        }
        for (const [ins, u] of updates) {
          if (!installs.has(ins)) ctx.report({ messageId: 'alone', data: { command: u.command }, at: u.word.span });
        }
      },
    };
  },
});
