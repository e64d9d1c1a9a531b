import { tokenizeShell, type ShellCommand, type ShellWord } from '../../parse/shell';
import { defineRule } from '../../rule';
import type { Span } from '../../types';
import { isShell, programArgs, programChain, programName, shellScriptSource } from '../../views/dockerfile-run';
import { joinOnLine, runPipelinesOf } from './shared';

const DOWNLOADERS = new Set(['curl', 'wget']);
/** Script interpreters that run what they read on stdin when given no script. */
const INTERPRETER = /^(?:sh|bash|dash|ash|zsh|ksh|mksh|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|php[0-9.]*)$/;
/** Options that make an interpreter run a string or module instead of stdin (python -c/-m, perl/ruby -e, node -e/-p, php -r/-f). */
const EVAL_OPTIONS = new Set(['-c', '-m', '-e', '-E', '--eval', '-p', '--print', '-r', '-f']);
/** Interpreter options followed by a separate argument. */
const OPTIONS_WITH_ARG = new Set(['-W', '-X', '-I', '-M', '-r', '--require', '-d']);

export function isInterpreter(name: string): boolean {
  return INTERPRETER.test(name);
}

/** Whether `program args` executes the script it reads on stdin. */
export function readsScriptFromStdin(program: string, args: ShellWord[]): boolean {
  if (isShell(program)) return shellScriptSource(args).kind === 'stdin';
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-' || v === '/dev/stdin') return true;
    if (v === '--') return args[i + 1] === undefined || args[i + 1]!.value === '-';
    if (EVAL_OPTIONS.has(v) || /^-[a-zA-Z]*[ce]$/.test(v)) return false;
    if (v.startsWith('-')) {
      if (OPTIONS_WITH_ARG.has(v)) i++;
      continue;
    }
    return false; // a script file
  }
  return true;
}

/** The downloader a substitution (`$(curl ...)`, `<(wget ...)`) runs, if any. */
function downloaderIn(sub: { text: string; offsets: ArrayLike<number> }): string | undefined {
  for (const pipeline of tokenizeShell(sub)) {
    for (const cmd of pipeline) {
      const chain = programChain(cmd);
      const name = programName(chain[chain.length - 1]);
      if (DOWNLOADERS.has(name)) return name;
    }
  }
  return undefined;
}

/** A word that is, from its first character, a substitution running a downloader: `"$(curl -fsSL url)"`, `<(wget -O- url)`. */
function downloadedWord(w: ShellWord | undefined): string | undefined {
  if (!w || !/^(?:\$\(|`|<\()/.test(w.value) || w.substitutions.length === 0) return undefined;
  return downloaderIn(w.substitutions[0]!);
}

/**
 * Remote scripts run without verification:
 * - a pipeline from curl/wget into a shell or script interpreter that reads
 *   the script from stdin (`curl -fsSL url | sh`, `wget -qO- url | sudo bash -s --`);
 * - the output of curl/wget run as a command (`sh -c "$(curl -fsSL url)"`),
 *   given to eval, `source`/`.` or an interpreter as its script
 *   (`bash <(curl -s url)`, `eval "$(wget -qO- url)"`).
 * Not reported: downloads into files, pipes into tar, gpg, tee or an
 * interpreter running a script file or `-c`/`-e` code.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-curl-pipe-shell',
    title: 'Remote script piped into a shell',
    description:
      'curl ... | sh runs whatever the server (or anyone between it and the build) sends, unverified and unreviewed, as part of the build. A truncated download can even run half a script. Download to a file, verify a checksum or signature, then run it.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    messages: {
      pipe: 'The output of {{downloader}} is piped into {{interpreter}}: the remote script runs unverified. Download it to a file, check its checksum or signature, then run it.',
      substitution: '{{interpreter}} runs the output of {{downloader}} unverified. Download the script to a file, check its checksum or signature, then run it.',
    },
    references: {
      urls: [
        'https://docs.docker.com/build/building/best-practices/#using-pipes',
        'https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/',
      ],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        const seen = new Set<number>();
        const report = (messageId: string, data: Record<string, string>, at: Span) => {
          if (seen.has(at.start)) return;
          seen.add(at.start);
          ctx.report({ messageId, data, at });
        };
        for (const { pipeline, chains } of runPipelinesOf(df, ctx.views)) {
          let download: { word: ShellWord; name: string } | undefined;
          for (let i = 0; i < pipeline.length; i++) {
            const cmd = pipeline[i]!;
            const chain = chains[i]!;
            const program = chain[chain.length - 1];
            const name = programName(program);
            if (!program) continue;
            if (download && isInterpreter(name) && readsScriptFromStdin(name, programArgs(cmd))) {
              report('pipe', { downloader: download.name, interpreter: name }, joinOnLine(df.text, download.word.span, program.span));
              break;
            }
            if (!download && DOWNLOADERS.has(name)) download = { word: program, name };
            substitutionForms(cmd, program, name, (downloader, interpreter, at) => report('substitution', { downloader, interpreter }, at), df.text);
          }
        }
      },
    };
  },
});

function substitutionForms(cmd: ShellCommand, program: ShellWord, name: string, found: (downloader: string, interpreter: string, at: Span) => void, text: string): void {
  // The downloaded text is the command itself: `$(curl url)`, also inside `sh -c "$(curl url)"`.
  const asCommand = downloadedWord(cmd.argv[0]);
  if (asCommand) {
    found(asCommand, 'The shell', cmd.argv[0]!.span);
    return;
  }
  if (!(isInterpreter(name) || name === 'eval' || name === 'source' || name === '.')) return;
  const args = programArgs(cmd);
  // A shell's `-c` script is tokenized on its own (the case above); here: eval, source and script-file arguments.
  const script = isShell(name) ? shellScriptSource(args) : undefined;
  for (const w of args) {
    if (script?.kind === 'string' && script.script === w) continue;
    const downloader = downloadedWord(w);
    if (downloader) {
      found(downloader, name, joinOnLine(text, program.span, w.span));
      return;
    }
  }
}
