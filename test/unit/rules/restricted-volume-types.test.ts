import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('restricted-volume-types', {
  valid: [
    {
      name: 'every allowed volume type (including image, allowed since 1.33)',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: config
          configMap: {name: app-config}
        - name: driver
          csi: {driver: secrets-store.csi.k8s.io}
        - name: podinfo
          downwardAPI:
            items: []
        - name: scratch
          emptyDir: {}
        - name: cache
          ephemeral:
            volumeClaimTemplate:
              spec: {accessModes: [ReadWriteOnce]}
        - name: model
          image:
            reference: registry.example/model:v1
        - name: data
          persistentVolumeClaim: {claimName: data}
        - name: token
          projected:
            sources: []
        - name: creds
          secret: {secretName: creds}
        - name: defaults-to-emptydir
      `,
    },
    {
      name: 'hostPath is left to the baseline rule host-path-volume',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: logs
          hostPath: {path: /var/log}
      `,
    },
    {
      name: 'a restricted key with no value is a nil source (the volume defaults to emptyDir)',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: odd
          nfs:
      `,
    },
  ],
  invalid: [
    {
      name: 'flexVolume and nfs are reported on their type key',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: flex
          flexVolume:
            driver: example.com/lvm
        - name: share
          nfs: {server: nfs.example, path: /exports}
        - name: ok
          emptyDir: {}
      `,
      errors: [
        {
          at: 'flexVolume',
          message:
            'Volume "flex" uses the flexVolume volume type, which the restricted profile does not allow (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret).',
        },
        { at: 'nfs', message: 'Volume "share" uses the nfs volume type' },
      ],
    },
    {
      name: 'in-tree cloud and network volumes',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: a
          awsElasticBlockStore: {volumeID: vol-1}
        - name: b
          gcePersistentDisk: {pdName: disk}
        - name: c
          gitRepo: {repository: https://example.com/repo.git}
        - name: d
          cephfs: {monitors: [10.0.0.1]}
        - name: e
          iscsi: {targetPortal: 10.0.0.2, iqn: iqn.x, lun: 0}
      `,
      errors: [
        { at: 'awsElasticBlockStore', message: 'Volume "a"' },
        { at: 'gcePersistentDisk', message: 'Volume "b"' },
        { at: 'gitRepo', message: 'Volume "c"' },
        { at: 'cephfs', message: 'Volume "d"' },
        { at: 'iscsi', message: 'Volume "e"' },
      ],
    },
    {
      name: 'Windows and user-namespaced pods are not exempt',
      podSpec: `
        os: {name: windows}
        hostUsers: false
        containers:
        - name: web
        volumes:
        - name: share
          azureFile: {secretName: s, shareName: x}
      `,
      errors: [{ at: 'azureFile', message: 'Volume "share" uses the azureFile volume type' }],
    },
  ],
});
