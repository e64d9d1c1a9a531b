import { defineRule } from '../../rule';
import { programName } from '../../views/dockerfile-run';
import { runCommandsOf } from './shared';

/**
 * `sudo` run as a command in a RUN instruction, in the shell form, the
 * exec form, heredoc scripts and nested `sh -c` scripts. `sudo` as an
 * argument (`apt-get install sudo`, `echo sudo`) is not a use of it.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-sudo',
    title: 'sudo in RUN',
    description:
      'RUN already runs as the current USER; sudo in a build adds a setuid binary and sudoers rules to the image (a way back to root for anyone in the container) and behaves unpredictably without a TTY. Run the step as root (USER root ... USER app) or use gosu or su-exec.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    messages: {
      sudo: 'RUN uses sudo: switch to USER root for the steps that need it (and back to a non-root USER), or use gosu or su-exec.',
    },
    references: {
      hadolint: ['DL3004'],
      checkov: ['CKV2_DOCKER_1'],
      trivy: ['DS010'],
      urls: ['https://docs.docker.com/build/building/best-practices/#user'],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        for (const { chain } of runCommandsOf(df, ctx.views)) {
          for (const w of chain) {
            if (programName(w) === 'sudo') ctx.report({ messageId: 'sudo', at: w.span });
          }
        }
      },
    };
  },
});
