import { defineRule } from '../../rule';
import { asMap, getNode, keySpan, mapEntries, scalarValue, seqItems, stringValue } from '../../views/yaml-node';

/**
 * Volume sources the restricted profile allows (pod-security-admission,
 * check_restrictedVolumes.go, Kubernetes 1.35). `image` joined the list in 1.33.
 */
export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/**
 * Every other volume source of core/v1 VolumeSource (JSON field names).
 * `hostPath` is absent on purpose: the baseline rule `host-path-volume`
 * reports it, and one problem gets one finding.
 */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
]);

export default defineRule({
  meta: {
    id: 'restricted-volume-types',
    title: 'Restricted volume type',
    description:
      'The restricted profile allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes; other in-tree and flexVolume sources bypass the storage abstraction and widen what a pod can reach.',
    defaultSeverity: 'warning',
    category: 'pod-security-restricted',
    level: 'restricted',
    messages: {
      restricted:
        'Volume "{{volume}}" uses the {{type}} volume type, which the restricted profile does not allow (allowed: {{allowed}}).',
    },
    references: {
      pss: { level: 'restricted', control: 'Volume Types' },
      trivy: ['KSV028'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/concepts/storage/volumes/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        seqItems(pod.get(['volumes']), pod.doc).forEach((item, index) => {
          const volume = asMap(item, pod.doc);
          if (!volume) return;
          const name = stringValue(getNode(volume, 'name'), pod.doc) ?? `#${index + 1}`;
          for (const { key, pair } of mapEntries(volume, pod.doc)) {
            if (!RESTRICTED_VOLUME_TYPES.has(key)) continue;
            // `nfs:` with no value is a nil source to the API server (the volume defaults to emptyDir).
            if (pair.value === null || pair.value === undefined || scalarValue(pair.value, pod.doc) === null) continue;
            const at = keySpan(pair);
            if (at) ctx.report({ messageId: 'restricted', data: { volume: name, type: key, allowed: ALLOWED_VOLUME_TYPES.join(', ') }, at });
          }
        });
      },
    };
  },
});
