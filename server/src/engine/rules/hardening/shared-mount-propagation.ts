import { defineRule } from '../../rule';
import { parseShortVolume } from '../../views/compose-values';
import { asMap, getNode, getPair, nodeSpan, pairSpan, seqItems, stringValue } from '../../views/yaml-node';

const SHARED = new Set(['shared', 'rshared']);

/**
 * A bind mount with `shared` or `rshared` propagation: mounts made inside the
 * container appear on the host, and the other way round. Short syntax
 * (`/src:/dst:rshared`) and long syntax (`bind: {propagation: shared}`).
 */
export default defineRule({
  meta: {
    id: 'shared-mount-propagation',
    title: 'Shared mount propagation',
    description:
      'A volume mounted with shared (or rshared) propagation lets mounts made inside the container propagate to the host and other containers: a container that can mount can change what the host sees.',
    defaultSeverity: 'warning',
    category: 'hardening',
    messages: {
      compose: '{{owner}} mounts a volume with {{mode}} propagation: mounts made in the container reach the host.',
    },
    references: {
      cisDocker: ['5.20'],
      urls: ['https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        for (const item of seqItems(s.get(['volumes']), s.doc)) {
          const spec = stringValue(item, s.doc);
          if (spec !== undefined) {
            const mode = parseShortVolume(spec.trim())?.options.find((o) => SHARED.has(o));
            const at = nodeSpan(item);
            if (mode && at) ctx.report({ messageId: 'compose', data: { owner: s.owner, mode }, at, container: s.name });
            continue;
          }
          const bind = asMap(getNode(asMap(item, s.doc), 'bind'), s.doc);
          const pair = getPair(bind, 'propagation');
          const mode = stringValue(pair?.value, s.doc);
          const at = pairSpan(pair);
          if (mode && SHARED.has(mode) && at) ctx.report({ messageId: 'compose', data: { owner: s.owner, mode }, at, container: s.name });
        }
      },
    };
  },
});
