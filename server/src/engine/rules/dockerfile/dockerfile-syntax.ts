import { defineRule } from '../../rule';
import type { Span } from '../../types';
import type { DockerfileView } from '../../views/dockerfile';
import { findFormat, looksRandom, mask } from '../../secrets';

/** A word that can be quoted in a message: a command or a misspelt instruction, not a value. */
const COMMAND_LIKE = /^[A-Za-z][A-Za-z0-9._-]{0,19}$/;

/** The instructions `docker build` knows (BuildKit, Dockerfile frontend 1.x). */
export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * Emitted by the engine (not a visitor rule) for Dockerfiles `docker build`
 * rejects before running anything, and for a parser failure.
 */
const rule = defineRule({
  meta: {
    id: 'dockerfile-syntax',
    title: 'Dockerfile syntax error',
    description:
      'The Dockerfile has an instruction docker build does not know, an instruction other than ARG before the first FROM, or no FROM at all; the build fails before it starts.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      unknown: 'Unknown instruction "{{keyword}}": docker build fails here (a line continuation missing on the line before?).',
      unknownValue: 'Unknown instruction {{keyword}}, not shown as it may be a value such as a credential: docker build fails here (a line continuation missing on the line before?).',
      beforeFrom: '{{keyword}} before the first FROM: only ARG (and parser directives and comments) may come before FROM.',
      noFrom: 'This Dockerfile has no FROM instruction: docker build needs at least one build stage.',
      crash: 'This Dockerfile could not be checked: {{message}}.',
    },
    references: { urls: ['https://docs.docker.com/reference/dockerfile/'] },
  },
  create: () => ({}),
});

export default rule;

export interface SyntaxProblem {
  messageId: 'unknown' | 'unknownValue' | 'beforeFrom' | 'noFrom';
  data: Record<string, string>;
  at: Span;
}

/**
 * What docker build rejects outright. Lines starting with `{{` or `{%` are
 * left alone: they belong to a template (`Dockerfile.template`) that is
 * rendered before it is built.
 */
export function syntaxProblems(df: DockerfileView): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  for (const ins of df.instructions) {
    if (ins.keyword.startsWith('{')) continue;
    if (KNOWN_INSTRUCTIONS.has(ins.keyword)) continue;
    const keyword = df.text.slice(ins.keywordSpan.start, ins.keywordSpan.end);
    // The first word of a line after a missing continuation can be a value, even a token: quote only what looks like a command.
    if (COMMAND_LIKE.test(keyword) && !looksRandom(keyword) && !findFormat(keyword)) out.push({ messageId: 'unknown', data: { keyword }, at: ins.keywordSpan });
    else out.push({ messageId: 'unknownValue', data: { keyword: mask(keyword) }, at: ins.keywordSpan });
  }
  for (const ins of df.stages.length ? df.preamble : []) {
    if (ins.keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(ins.keyword)) out.push({ messageId: 'beforeFrom', data: { keyword: ins.keyword }, at: ins.keywordSpan });
  }
  const first = df.instructions.find((i) => !i.keyword.startsWith('{'));
  if (first && df.stages.length === 0) out.push({ messageId: 'noFrom', data: {}, at: first.keywordSpan });
  return out;
}
