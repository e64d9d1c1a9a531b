import { defineRule } from '../../rule';

/**
 * The final stage (or a stage it builds on) has no HEALTHCHECK. An explicit
 * `HEALTHCHECK NONE` is a decision, not an omission: it is not reported
 * (useful for images whose health is probed by the orchestrator, such as
 * Kubernetes, which ignores HEALTHCHECK).
 */
export default defineRule({
  meta: {
    id: 'dockerfile-missing-healthcheck',
    title: 'No HEALTHCHECK in the image',
    description:
      'Without a HEALTHCHECK, Docker and Swarm only know whether the main process is running, not whether it works: a hung or broken container keeps receiving traffic and is never restarted.',
    defaultSeverity: 'info',
    category: 'dockerfile',
    messages: {
      missing:
        '{{subject}} has no HEALTHCHECK: Docker cannot tell a hung container from a healthy one. Add HEALTHCHECK CMD ... (or HEALTHCHECK NONE if an orchestrator probes it).',
    },
    references: {
      cisDocker: ['4.6'],
      hadolint: ['DL3057'],
      checkov: ['CKV_DOCKER_2'],
      trivy: ['DS026'],
      urls: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        const final = df.finalStage;
        if (!final) return;
        if (df.lineage(final).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
        ctx.report({ messageId: 'missing', data: { subject: df.imageLabel }, at: final.from.span });
      },
    };
  },
});
