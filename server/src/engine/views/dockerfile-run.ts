/**
 * What a RUN instruction executes, as shell pipelines: the shell form, the
 * exec form (JSON array), heredoc scripts (`RUN <<EOF`, `RUN bash <<EOF`),
 * and, nested, the scripts of `sh -c "..."` and of `$(...)`, backquotes and
 * `<(...)`. Words keep their file offsets at every level.
 */
import type { DockerInstruction, LogicalText } from '../parse/dockerfile';
import { parseExecForm } from '../parse/exec-form';
import { tokenizeShell, wordText, type ShellCommand, type ShellPipeline, type ShellWord } from '../parse/shell';
import { argsAfterFlags } from './dockerfile';

/** How deep `sh -c "sh -c '...'"` and substitutions are followed. */
const MAX_NESTING = 4;

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** Last path segment: `/bin/sh` -> `sh`. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  const v = word.value;
  let slash = v.length - 1;
  while (slash >= 0 && v.charCodeAt(slash) !== 47 /* / */) slash--;
  return slash < 0 ? v : v.slice(slash + 1);
}

export function isShell(name: string): boolean {
  return SHELLS.has(name);
}

/** Leading words that are shell syntax, not a program. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done']);
/** Commands that run the command given as their arguments. */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nohup', 'time', 'nice', 'doas']);
/** Options of the wrappers that take a separate argument (`sudo -u user`, `nice -n 10`, `env -u NAME`). */
const OPTION_ARGS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--prompt', '--host']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']),
  nice: new Set(['-n', '--adjustment']),
};

/**
 * The program words of a command through its wrappers: `sudo -u app env X=1
 * bash -c ...` gives [sudo, env, bash]. The last one is the program that
 * finally runs; empty for a bare assignment or `command -v x`.
 */
export function programChain(cmd: ShellCommand): ShellWord[] {
  const words = cmd.argv;
  let i = 0;
  while (i < words.length && RESERVED.has(words[i]!.value)) i++;
  // Most commands run their first word directly.
  if (i >= words.length) return [];
  if (!WRAPPERS.has(programName(words[i]))) return [words[i]!];
  const chain: ShellWord[] = [];
  while (i < words.length) {
    const w = words[i]!;
    const name = programName(w);
    chain.push(w);
    if (!WRAPPERS.has(name)) break;
    i++;
    const withArg = OPTION_ARGS[name];
    while (i < words.length) {
      const v = words[i]!.value;
      if (v === '--') {
        i++;
        break;
      }
      if (name === 'command' && (v === '-v' || v === '-V')) return chain.slice(0, -1);
      if (v.startsWith('-') && v.length > 1) i += withArg?.has(v) ? 2 : 1;
      else if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i++;
      else break;
    }
  }
  return chain;
}

/** The arguments after the program: `curl -fsSL url` gives [-fsSL, url]. */
export function programArgs(cmd: ShellCommand): ShellWord[] {
  const chain = programChain(cmd);
  const program = chain[chain.length - 1];
  return program ? cmd.argv.slice(cmd.argv.indexOf(program) + 1) : [];
}


/** How a shell program gets its script: `-c` and the script word, from stdin, or from a file. */
export function shellScriptSource(args: ShellWord[]): { kind: 'string'; script?: ShellWord } | { kind: 'stdin' } | { kind: 'file' } {
  let command = false;
  let stdin = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--' || v === '-') return command ? { kind: 'string', ...(args[i + 1] ? { script: args[i + 1]! } : {}) } : { kind: 'stdin' };
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v[0] === '-' && v.includes('c')) command = true;
      if (v[0] === '-' && v.includes('s')) stdin = true;
      if (/[oO]/.test(v)) i++; // `-euxo pipefail`: the option name follows
      continue;
    }
    if (v.startsWith('--')) continue; // --login, --noprofile, ...
    if (command) return { kind: 'string', script: args[i]! };
    return stdin ? { kind: 'stdin' } : { kind: 'file' };
  }
  return command ? { kind: 'string' } : { kind: 'stdin' };
}

const cache = new WeakMap<DockerInstruction, ShellPipeline[]>();

/** Every pipeline a RUN instruction executes, nested scripts included (computed once per instruction). */
export function runPipelines(ins: DockerInstruction): ShellPipeline[] {
  let out = cache.get(ins);
  if (out) return out;
  out = [];
  cache.set(ins, out);
  const rest = argsAfterFlags(ins);
  const exec = parseExecForm(rest);
  const top: ShellPipeline[] = exec ? (exec.length ? [[{ assignments: [], argv: exec, redirects: [] }]] : []) : tokenizeShell(rest);
  collect(top, MAX_NESTING, out);
  if (!exec) heredocScripts(ins, top, out);
  return out;
}

function collect(pipelines: ShellPipeline[], depth: number, out: ShellPipeline[]): void {
  for (let i = 0; i < pipelines.length; i++) {
    const p = pipelines[i]!;
    out.push(p);
    if (depth <= 0) continue;
    for (let j = 0; j < p.length; j++) {
      const cmd = p[j]!;
      const chain = programChain(cmd);
      let script: ShellWord | undefined;
      if (isShell(programName(chain[chain.length - 1]))) {
        const source = shellScriptSource(programArgs(cmd));
        if (source.kind === 'string' && source.script) {
          script = source.script;
          collect(tokenizeShell(wordText(script)), depth - 1, out);
        }
      }
      // Substitutions run too (those of a `-c` script are found when it is tokenized):
      // of the assignments, the arguments and the redirection targets, in that order.
      const { assignments, argv, redirects } = cmd;
      for (let k = 0; k < assignments.length; k++) substitutions(assignments[k]!, script, depth, out);
      for (let k = 0; k < argv.length; k++) substitutions(argv[k]!, script, depth, out);
      for (let k = 0; k < redirects.length; k++) {
        const target = redirects[k]!.target;
        if (target) substitutions(target, script, depth, out);
      }
    }
  }
}

function substitutions(w: ShellWord, script: ShellWord | undefined, depth: number, out: ShellPipeline[]): void {
  if (w === script) return;
  const subs = w.substitutions;
  for (let i = 0; i < subs.length; i++) collect(tokenizeShell(subs[i]!), depth - 1, out);
}

/**
 * Heredoc bodies that a shell runs as its script: `RUN <<EOF` (the build's
 * shell runs it, unless a `#!` line names another interpreter) and
 * `RUN bash -e <<EOF`. Bodies read by other programs (`cat <<EOF > f`) are data.
 */
function heredocScripts(ins: DockerInstruction, top: ShellPipeline[], out: ShellPipeline[]): void {
  if (!ins.heredocs.length) return;
  for (const p of top) {
    for (const cmd of p) {
      const chain = programChain(cmd);
      const program = programName(chain[chain.length - 1]);
      const script = chain.length === 0 || (isShell(program) && shellScriptSource(programArgs(cmd)).kind === 'stdin');
      if (!script) continue;
      for (const r of cmd.redirects) {
        if (!r.op.startsWith('<<') || r.op === '<<<' || !r.target) continue;
        const body = ins.heredocs.find((h) => h.name === r.target!.value)?.body;
        if (body && (chain.length > 0 || runsAsShell(body))) collect(tokenizeShell(body), MAX_NESTING - 1, out);
      }
    }
  }
}

/** A heredoc run as `RUN <<EOF` is a shell script unless its `#!` line names something else. */
function runsAsShell(body: LogicalText): boolean {
  if (!body.text.startsWith('#!')) return true;
  const line = body.text.slice(2, body.text.search(/\r?\n|$/)).trim().split(/\s+/);
  const interpreter = line[0]?.endsWith('/env') ? line[1] : line[0];
  return isShell((interpreter ?? '').slice((interpreter ?? '').lastIndexOf('/') + 1));
}
