import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings, RULE_IDS } from '../../../server/src/engine';
import { findingsOf, podRuleTests, settingsWith, workload } from '../../helpers/rule-tester';

podRuleTests('host-path-volume', {
  valid: [
    { name: 'no volumes', podSpec: `containers:\n- name: web\n` },
    {
      name: 'emptyDir, configMap and PVC volumes',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: cache
          emptyDir: {}
        - name: config
          configMap:
            name: web-config
        - name: data
          persistentVolumeClaim:
            claimName: data
      `,
    },
    {
      name: 'hostPath: null decodes to no hostPath',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: cache
          hostPath:
          emptyDir: {}
      `,
    },
  ],
  invalid: [
    {
      name: 'hostPath volume with a path',
      podSpec: `
        containers:
        - name: web
          volumeMounts:
          - name: logs
            mountPath: /logs
        volumes:
        - name: logs
          hostPath:
            path: /var/log
            type: Directory
      `,
      errors: [{ at: 'hostPath', message: ['Volume "logs"', 'node path "/var/log"', '(volumes[].hostPath)'] }],
    },
    {
      name: 'every hostPath volume, flow style and without a path',
      podSpec: `
        containers:
        - name: web
        volumes:
        - {name: sock, hostPath: {path: /run/containerd/containerd.sock}}
        - name: empty
          hostPath: {}
      `,
      errors: [
        { at: 'hostPath', message: 'Volume "sock" mounts the node path "/run/containerd/containerd.sock"' },
        { at: 'hostPath', occurrence: 1, message: 'Volume "empty" mounts a path of the node' },
      ],
    },
  ],
});

const LOG_SHIPPER = `
  containers:
  - name: shipper
  volumes:
  - name: logs
    hostPath:
      path: /var/log/pods/
  - name: sock
    hostPath:
      path: /var/run/docker.sock
`;

test('host-path-volume: options.allowedPaths admits matching host paths (globs, normalised) and nothing else', () => {
  const settings = settingsWith({ rules: { 'host-path-volume': { options: { allowedPaths: ['/var/log/**'] } } } });
  for (const kind of ['Deployment', 'CronJob', 'Pod'] as const) {
    const text = workload(kind, LOG_SHIPPER);
    assert.equal(findingsOf('host-path-volume', text).length, 2, `${kind}: both volumes without options`);
    const found = findingsOf('host-path-volume', text, settings);
    assert.deepEqual(found.map((f) => f.message), ['Volume "sock" mounts the node path "/var/run/docker.sock" (volumes[].hostPath).'], kind);
  }
});

test('host-path-volume: invalid options are a settings problem and are not applied', () => {
  const { settings, problems } = normalizeSettings({ rules: { 'host-path-volume': { options: { allowedPaths: ['var/log'] } } } }, RULE_IDS);
  assert.deepEqual(problems, ['rules.host-path-volume.options.allowedPaths[0]: must match ^/, got "var/log"']);
  assert.equal(settings.ruleOptions['host-path-volume'], undefined);
  const other = normalizeSettings({ rules: { 'host-network': { severity: 'warning', options: { x: 1 } } } }, RULE_IDS);
  assert.deepEqual(other.problems, ['rules.host-network: this rule takes no options']);
  assert.equal(other.settings.rules['host-network'], 'warning', 'the severity still applies');
});
