import { defineRule } from '../../rule';
import type { DockerInstruction, DockerProperty } from '../../parse/dockerfile';
import type { Span, TextEdit } from '../../types';
import { programName } from '../../views/dockerfile-run';
import type { ShellWord } from '../../parse/shell';
import { runCommandsOf } from './shared';

const VARIABLE = 'DOCKER_CONTENT_TRUST';
const PREFIX = `${VARIABLE}=`;

/**
 * Values the docker CLI reads as "off" (Go's strconv.ParseBool false values).
 * An empty value also leaves trust off, but says nothing: it is not reported.
 */
export function disablesContentTrust(value: string): boolean {
  return ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value.trim());
}

/** Programs whose arguments set variables: `export X=0`, `env X=0 docker pull`. */
const SETTERS = new Set(['export', 'env', 'declare', 'typeset', 'readonly', 'local']); // 3 to 8 characters
/** `SETTERS.has(programName(w))`, without cutting a path off words too long or short to be one of them. */
function isSetter(w: ShellWord): boolean {
  const v = w.value;
  // Only the last 9 characters can hold the `/` before a name of at most 8.
  const stop = Math.max(0, v.length - 9);
  let slash = v.length - 1;
  while (slash >= stop && v.charCodeAt(slash) !== 47 /* / */) slash--;
  if (slash < stop) return v.length >= 3 && v.length <= 8 && SETTERS.has(v); // no `/`, or a name longer than 8
  return v.length - slash - 1 >= 3 && SETTERS.has(programName(w));
}
/** `--disable-content-trust` turns verification off (the flag's value defaults to true). */
const DISABLE_FLAG = /^--disable-content-trust(?:=(?:1|t|T|true|TRUE|True))?$/;

/**
 * The edit that removes one `NAME=value` entry of an ENV or ARG: the whole
 * instruction (its lines, line break included) when it is the only entry,
 * else the entry and the blank (or line continuation) before it (after it,
 * for the first entry). Undefined when the entry cannot be cut out cleanly.
 */
function removeProperty(text: string, ins: DockerInstruction, p: DockerProperty): TextEdit | undefined {
  const i = ins.properties.indexOf(p);
  if (i < 0) return undefined;
  if (ins.properties.length === 1) {
    if (ins.keywordSpan.start !== ins.span.start) return undefined; // ONBUILD ENV ...: leave it alone
    const start = text.lastIndexOf('\n', ins.span.start - 1) + 1;
    if (text.slice(start, ins.span.start).trim() !== '') return undefined;
    const nl = text.indexOf('\n', ins.span.end);
    if (nl >= 0 && text.slice(ins.span.end, nl).trim() !== '') return undefined;
    return { start, end: nl < 0 ? text.length : nl + 1, text: '' };
  }
  // Entries of the `NAME=value` form only (the legacy `ENV NAME value` form has one entry).
  if (!ins.properties.every((q) => q.valueSpan === undefined || text[q.nameSpan.end] === '=')) return undefined;
  if (i > 0) return { start: ins.properties[i - 1]!.span.end, end: p.span.end, text: '' };
  return { start: p.span.start, end: ins.properties[1]!.span.start, text: '' };
}

/**
 * Docker Content Trust turned off where a Dockerfile can say it: an ENV or
 * ARG value, a RUN assignment (`DOCKER_CONTENT_TRUST=0 docker pull`,
 * `export DOCKER_CONTENT_TRUST=false`), or `--disable-content-trust` on a
 * docker command in RUN.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-content-trust-disabled',
    title: 'Docker Content Trust disabled',
    description:
      'DOCKER_CONTENT_TRUST=0 (or false) makes the docker CLI pull, push and build with unsigned images without checking signatures. Setting it in a Dockerfile turns verification off for every docker command the image runs.',
    defaultSeverity: 'error',
    category: 'dockerfile',
    // The author turned it off on purpose (a registry without signatures?): removing it is a decision, never part of --fix.
    fixable: 'suggestion',
    messages: {
      env: '{{keyword}} sets DOCKER_CONTENT_TRUST={{value}}: image signatures are not verified. Remove it (or set 1).',
      run: 'RUN sets DOCKER_CONTENT_TRUST={{value}}: image signatures are not verified by this command. Remove the assignment.',
      flag: 'RUN passes --disable-content-trust to docker: image signatures are not verified by this command.',
    },
    references: {
      cisDocker: ['4.5'],
      urls: ['https://docs.docker.com/engine/security/trust/', 'https://docs.docker.com/reference/cli/docker/#environment-variables'],
    },
  },
  create(ctx) {
    const report = (messageId: string, data: Record<string, string>, at: Span) => ctx.report({ messageId, data, at });
    return {
      dockerfile(df) {
        for (const ins of df.instructions) {
          if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
          for (const p of ins.properties) {
            if (p.name !== VARIABLE || p.value === undefined) continue;
            const value = df.resolve(p.value, ins) ?? p.value;
            if (disablesContentTrust(value)) {
              const edit = removeProperty(df.text, ins, p);
              ctx.report({
                messageId: 'env',
                data: { keyword: ins.keyword, value: value.trim() },
                at: p.span,
                ...(edit ? { fixes: [{ title: `Remove ${VARIABLE}=${value.trim()}`, kind: 'suggestion' as const, edits: [edit] }] } : {}),
              });
            }
          }
        }
        const assignment = (w: ShellWord) => {
          if (!w.value.startsWith(PREFIX)) return;
          const value = w.value.slice(PREFIX.length);
          if (disablesContentTrust(value)) report('run', { value }, w.span);
        };
        for (const { command, chain } of runCommandsOf(df, ctx.views)) {
          const program = programName(chain[chain.length - 1]);
          // Assignments before the program, and `NAME=value` arguments of export, env, declare...
          const argv = command.argv;
          for (const w of command.assignments) assignment(w);
          let setter = -1;
          for (let i = 0; i < argv.length && setter < 0; i++) if (isSetter(argv[i]!)) setter = i;
          if (setter >= 0) for (let i = setter + 1; i < argv.length; i++) assignment(argv[i]!);
          if (program === 'docker') {
            for (const w of argv) if (DISABLE_FLAG.test(w.value)) report('flag', {}, w.span);
          }
        }
      },
    };
  },
});
