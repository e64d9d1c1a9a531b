import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

const ID = 'writable-host-path-mount';

const VOLUMES = `
volumes:
- name: logs
  hostPath:
    path: /var/log
- name: scratch
  emptyDir: {}
`;

/** A log shipper mounting the hostPath volume "logs", with `extra` lines under the mount. */
const shipper = (extra = ''): string => `
containers:
- name: shipper
  image: fluent/fluent-bit:3.1
  volumeMounts:
  - name: logs
    mountPath: /host/logs
${extra}${VOLUMES}`;

podRuleTests(ID, {
  valid: [
    {
      name: 'hostPath mounted readOnly: true; other volumes writable',
      podSpec: shipper('    readOnly: true\n  - name: scratch\n    mountPath: /tmp\n'),
    },
    {
      name: 'a hostPath volume nobody mounts; a mount of an unknown volume',
      podSpec: `
containers:
- name: app
  image: nginx:1.27
  volumeMounts:
  - name: missing
    mountPath: /x
${VOLUMES}`,
    },
  ],
  invalid: [
    {
      // The reproduction of issue 16: a writable hostPath mount gave no finding of its own.
      name: 'mount without readOnly, on the mount name',
      podSpec: shipper(),
      errors: [{ at: 'name: logs', occurrence: 0, message: ['Container "shipper"', 'hostPath volume "logs" (/var/log) writable at /host/logs'] }],
    },
    {
      name: 'readOnly: false written, on that pair; init and ephemeral containers too',
      podSpec: `
initContainers:
- name: setup
  image: busybox:1.36
  volumeMounts:
  - mountPath: /host/logs
    name: logs
    readOnly: false
containers:
- name: app
  image: nginx:1.27
ephemeralContainers:
- name: debug
  image: busybox:1.36
  volumeMounts:
  - {name: logs, mountPath: /host}
${VOLUMES}`,
      errors: [
        { at: 'readOnly: false', message: ['Init container "setup"', '(readOnly: false)'] },
        { at: 'name: logs', occurrence: 1, message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});

podFixTests(ID, [
  {
    name: 'suggestion adds readOnly: true',
    kind: 'suggestion',
    podSpec: shipper(),
    contains: ['    readOnly: true'],
  },
  {
    name: 'suggestion turns readOnly: false into true',
    kind: 'suggestion',
    podSpec: shipper('    readOnly: false\n'),
    contains: ['readOnly: true'],
  },
]);
