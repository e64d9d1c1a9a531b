import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import { asMap, getNode, getPair, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from '../../views/yaml-node';
import { subjectOf } from '../baseline/shared';

/**
 * A container's volumeMount of a hostPath volume (the mount's `name` resolved
 * against the pod's `volumes`) without `readOnly: true`, in every container:
 * init, app and ephemeral.
 */
export default defineRule({
  meta: {
    id: 'writable-host-path-mount',
    title: 'Writable hostPath mount',
    description:
      'A container that mounts a hostPath volume without readOnly: true can write to the node file system: plant a cron job, a systemd unit or a static pod manifest, replace binaries, or fill the node disk, and keep a foothold on the node after the pod is gone.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fixable: 'suggestion',
    messages: {
      writable: '{{subject}} mounts hostPath volume "{{volume}}"{{path}} writable at {{mountPath}}: set readOnly: true unless it must write to the node.',
      writableFalse: '{{subject}} mounts hostPath volume "{{volume}}"{{path}} writable (readOnly: {{value}}) at {{mountPath}}.',
    },
    references: {
      cis: ['5.2.12'],
      kubeLinter: ['writable-host-mount'],
      kubescape: ['C-0045'],
      urls: [
        'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
        'https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        const doc = pod.doc;
        /** hostPath volumes by name, with their node path (when a string). */
        const hostPaths = new Map<string, string | undefined>();
        for (const item of seqItems(pod.get(['volumes']), doc)) {
          const volume = asMap(item, doc);
          const source = asMap(getNode(volume, 'hostPath'), doc);
          const name = stringValue(getNode(volume, 'name'), doc);
          if (source && name !== undefined) hostPaths.set(name, stringValue(getNode(source, 'path'), doc));
          else if (name !== undefined) hostPaths.delete(name); // the last volume of a name is the one a mount gets
        }
        if (hostPaths.size === 0) return;
        for (const c of pod.containers) {
          for (const item of seqItems(c.get(['volumeMounts']), doc)) {
            const mount = asMap(item, doc);
            const namePair = getPair(mount, 'name');
            const volume = stringValue(namePair?.value, doc);
            if (!mount || volume === undefined || !hostPaths.has(volume)) continue;
            const readOnlyPair = getPair(mount, 'readOnly');
            const readOnly = scalarValue(readOnlyPair?.value, doc);
            if (readOnly === true) continue;
            const path = hostPaths.get(volume);
            const mountPath = stringValue(getNode(mount, 'mountPath'), doc);
            const written = readOnlyPair !== undefined && readOnly !== null && readOnly !== undefined;
            const at = (written ? pairSpan(readOnlyPair) : pairSpan(namePair)) ?? nodeSpan(item);
            if (!at) continue;
            ctx.report({
              messageId: written ? 'writableFalse' : 'writable',
              data: {
                subject: subjectOf(c),
                volume,
                path: path === undefined ? '' : ` (${path})`,
                mountPath: mountPath === undefined ? '(no mountPath)' : mountPath,
                value: typeof readOnly === 'string' ? JSON.stringify(readOnly) : String(readOnly),
              },
              at,
              container: c.name,
              // The container may need to write (a log shipper's position file, a CSI socket): offered, never applied in bulk.
              fixes: () => fixOf('Mount the hostPath volume read-only (readOnly: true)', 'suggestion', setIn(doc, ctx.text, mount, ['readOnly'], true)),
            });
          }
        }
      },
    };
  },
});
