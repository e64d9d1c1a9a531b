import { podRuleTests } from '../../helpers/rule-tester';

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
