// abac-wildcard-grant: user or group "*" with a wildcard resource, namespace, API group or non-resource path.
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

const policy = (spec: string): string => `{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {${spec}}}`;

jsonConfigRuleTests('abac-wildcard-grant', 'abac', {
  valid: [
    { name: 'a named user over everything (an admin)', text: policy('"user": "admin", "namespace": "*", "resource": "*", "apiGroup": "*"') + '\n' },
    { name: 'everyone, one resource in one namespace', text: policy('"user": "*", "readonly": true, "namespace": "docs", "resource": "configmaps"') + '\n' },
  ],
  invalid: [
    {
      name: 'everyone over every resource (the Kubernetes docs\' example, writes included)',
      text: policy('"user": "*", "namespace": "*", "resource": "*", "apiGroup": "*"') + '\n',
      errors: [{ at: '"user": "*"', message: ['line 1', 'resource "*"', 'writes included'] }],
    },
    {
      name: 'group * over every non-resource path, read-only, on line 2',
      text: `# discovery\n${policy('"group": "system:authenticated", "readonly": true, "nonResourcePath": "/version"')}\n${policy('"group": "*", "readonly": true, "nonResourcePath": "*"')}\n`,
      errors: [{ at: '"group": "*"', message: ['line 3', 'nonResourcePath', '(read-only)'] }],
    },
    {
      name: 'an unversioned (v0) policy',
      text: '{"user": "*", "namespace": "*"}\n',
      errors: [{ at: '"user": "*"', message: 'namespace "*"' }],
    },
  ],
});
