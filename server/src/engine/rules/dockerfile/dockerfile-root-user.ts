import type { DockerInstruction } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import type { Fix } from '../../types';
import { parseImageRef } from '../../views/image-ref';
import { nonRootTag } from './shared';

/** `root`, UID 0 (`0`, `00`), with or without a group; Windows' `ContainerAdministrator`. */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(':')[0]!;
  return user === 'root' || /^0+$/.test(user) || user.toLowerCase() === 'containeradministrator';
}

/** Instructions that only describe how the image starts: a USER goes before a trailing group of them. */
const START_METADATA = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
export const SUGGESTED_UID = '10001';

/**
 * Suggestion: a `USER 10001` line at the end of the final stage, before its
 * trailing CMD / ENTRYPOINT / HEALTHCHECK group if it has one, with the
 * file's line ends. Undefined when the insertion point is not a line start.
 */
export function addUserSuggestion(text: string, stage: readonly DockerInstruction[], from: DockerInstruction): Fix | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let first = stage.length;
  while (first > 0 && START_METADATA.has(stage[first - 1]!.keyword)) first--;
  const line = `USER ${SUGGESTED_UID}`;
  const title = `Add "${line}" at the end of the final stage`;
  if (first < stage.length) {
    const at = stage[first]!.span.start;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(lineStart, at).trim() !== '') return undefined;
    return { title, kind: 'suggestion', edits: [{ start: lineStart, end: lineStart, text: line + eol }] };
  }
  const last = stage[stage.length - 1] ?? from;
  const nl = text.indexOf('\n', last.span.end);
  if (nl >= 0 && text.slice(last.span.end, nl).trim() !== '') return undefined;
  if (nl < 0) return { title, kind: 'suggestion', edits: [{ start: text.length, end: text.length, text: eol + line + eol }] };
  return { title, kind: 'suggestion', edits: [{ start: nl + 1, end: nl + 1, text: line + eol }] };
}

/**
 * The image docker build produces (the final stage) runs as root when its
 * last USER, or the last USER of the stages it builds on, is root or 0, or
 * when there is no USER at all. A USER whose variables have no value is not
 * judged; a base image tagged `nonroot` (distroless) counts as a USER.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-root-user',
    title: 'Image runs as root',
    description:
      'The final stage of the Dockerfile has no USER instruction, or its last USER is root or UID 0, so containers of the image run as root unless whoever runs them overrides the user.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    fixable: 'suggestion',
    messages: {
      root: '{{subject}} runs as root: its last USER is "{{user}}". Switch to a non-root user (e.g. USER 10001) after the steps that need root.',
      inherited: '{{subject}} runs as root: it inherits USER "{{user}}" from {{stage}}. Add a USER with a non-root user to the final stage.',
      noUser: '{{subject}} has no USER instruction, so it runs as root unless its base image sets a user; add USER with a non-root user (e.g. USER 10001).',
    },
    references: {
      cisDocker: ['4.1'],
      hadolint: ['DL3002'],
      checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
      trivy: ['DS002'],
      urls: [
        'https://docs.docker.com/reference/dockerfile/#user',
        'https://docs.docker.com/build/building/best-practices/#user',
      ],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        const final = df.finalStage;
        if (!final) return;
        const suggestion = addUserSuggestion(df.text, final.instructions, final.from);
        const fixes = suggestion ? { fixes: [suggestion] } : {};
        const subject = df.imageLabel;
        const lineage = df.lineage(final);
        for (const stage of lineage) {
          const users = stage.instructions.filter((i) => i.keyword === 'USER');
          const last = users[users.length - 1];
          if (!last) continue;
          const user = df.resolve(last.args.text, last);
          if (user === undefined || !isRootUser(user)) return;
          ctx.report(
            stage === final
              ? { messageId: 'root', data: { subject, user }, at: last.span, ...fixes }
              : { messageId: 'inherited', data: { subject, user, stage: stage.label }, at: last.span, ...fixes },
          );
          return;
        }
        const base = lineage[lineage.length - 1]!.base?.value;
        if (base !== undefined && nonRootTag(parseImageRef(base)?.tag)) return;
        ctx.report({ messageId: 'noUser', data: { subject }, at: final.from.span, ...fixes });
      },
    };
  },
});
