import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';
import { settingsWith } from '../../helpers/rule-tester';

composeRuleTests('missing-memory-limit', {
  valid: [
    { name: 'mem_limit', compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n` },
    { name: 'deploy.resources.limits.memory', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1.5G\n` },
    { name: 'an interpolated limit counts as set', compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: \${WEB_MEMORY:-512m}\n` },
    { name: 'from a merged anchor', compose: `x-limits: &limits\n  mem_limit: 128m\nservices:\n  web:\n    <<: *limits\n    image: nginx:1.27\n` },
    { name: 'from the service it extends in the same file', compose: `services:\n  base:\n    image: nginx:1.27\n    mem_limit: 128m\n  web:\n    extends: base\n` },
    { name: 'extends a service of another file: unknown here', compose: `services:\n  web:\n    image: nginx:1.27\n    extends:\n      file: common.yml\n      service: web\n` },
    { name: 'an override fragment without image or build', namedOnly: true, compose: `services:\n  web:\n    ports: ["8080:80"]\n` },
  ],
  invalid: [
    {
      name: 'no limit: at the service key, or the nearest deploy key',
      compose: `services:\n  web:\n    image: nginx:1.27\n  worker:\n    build: .\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n        reservations:\n          memory: 64m\n`,
      errors: [
        { at: 'web', message: ['Service "web" has no memory limit', 'mem_limit or deploy.resources.limits.memory'] },
        { at: 'limits', message: 'Service "worker"' },
      ],
    },
    {
      name: 'zero means no limit',
      compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 0\n`,
      errors: [{ at: 'mem_limit: 0', message: ['Service "web" sets mem_limit: 0', 'no memory limit'] }],
    },
    {
      name: 'extends a service without a limit',
      compose: `services:\n  base:\n    image: nginx:1.27\n  web:\n    extends:\n      service: base\n`,
      errors: [{ at: 'base', message: 'Service "base"' }, { at: 'web', message: 'Service "web"' }],
    },
  ],
});

composeFixTests('missing-memory-limit', [
  { name: 'mem_limit from the default (256Mi -> 256m)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n    mem_limit: 256m\n` },
  { name: 'a zero limit replaced', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 0  # unlimited\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m  # unlimited\n` },
  {
    name: 'configured default, deploy limits',
    kind: 'suggestion',
    settings: settingsWith({ fixes: { defaultResources: { memoryLimit: '1Gi' } } }),
    compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: "0"\n`,
    contains: ['memory: 1024m'],
  },
]);
