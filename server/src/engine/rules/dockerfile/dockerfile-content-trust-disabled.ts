import { defineRule } from '../../rule';
import type { Span } from '../../types';
import { programChain, programName } from '../../views/dockerfile-run';
import { runCommandsOf } from './shared';

const VARIABLE = 'DOCKER_CONTENT_TRUST';

/**
 * Values the docker CLI reads as "off" (Go's strconv.ParseBool false values).
 * An empty value also leaves trust off, but says nothing: it is not reported.
 */
export function disablesContentTrust(value: string): boolean {
  return ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value.trim());
}

/** Programs whose arguments set variables: `export X=0`, `env X=0 docker pull`. */
const SETTERS = new Set(['export', 'env', 'declare', 'typeset', 'readonly', 'local']);
/** `--disable-content-trust` turns verification off (the flag's value defaults to true). */
const DISABLE_FLAG = /^--disable-content-trust(?:=(?:1|t|T|true|TRUE|True))?$/;

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
            if (disablesContentTrust(value)) report('env', { keyword: ins.keyword, value: value.trim() }, p.span);
          }
        }
        for (const { command } of runCommandsOf(df)) {
          const chain = programChain(command);
          const program = programName(chain[chain.length - 1]);
          // Assignments before the program, and `NAME=value` arguments of export, env, declare...
          const setter = command.argv.findIndex((w) => SETTERS.has(programName(w)));
          const assignments = [...command.assignments, ...(setter < 0 ? [] : command.argv.slice(setter + 1))];
          for (const w of assignments) {
            if (!w.value.startsWith(`${VARIABLE}=`)) continue;
            const value = w.value.slice(VARIABLE.length + 1);
            if (disablesContentTrust(value)) report('run', { value }, w.span);
          }
          if (program === 'docker') {
            for (const w of command.argv) if (DISABLE_FLAG.test(w.value)) report('flag', {}, w.span);
          }
        }
      },
    };
  },
});
