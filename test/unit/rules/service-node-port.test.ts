import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';

const ID = 'service-node-port';
const check = (text: string, expected: Parameters<typeof assertFindings>[2]) => assertFindings(text, findingsOf(ID, text), expected);

/** The reproduction of issue 16: a NodePort Service passed without a finding. */
const NODE_PORT = dedent(`
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    type: NodePort
    selector:
      app: web
    ports:
    - port: 80
      targetPort: 8080
      nodePort: 30080
`);

test(`${ID} invalid: type NodePort, underlined on the type pair, with its node port`, () => {
  check(NODE_PORT, [{ at: 'type: NodePort', message: ['Service "web"', 'port 30080', 'every node'] }]);
});

test(`${ID} invalid: quoted type, node port chosen by the cluster`, () => {
  const text = NODE_PORT.replace('type: NodePort', 'type: "NodePort"').replace('    nodePort: 30080\n', '');
  check(text, [{ at: 'type: "NodePort"', message: 'a port (from 30000-32767)' }]);
});

test(`${ID} valid: ClusterIP, LoadBalancer (with a nodePort), headless, ExternalName, no type, other kinds`, () => {
  check(NODE_PORT.replace('type: NodePort', 'type: ClusterIP').replace('    nodePort: 30080\n', ''), []);
  check(NODE_PORT.replace('type: NodePort', 'type: LoadBalancer'), []);
  check(NODE_PORT.replace('  type: NodePort\n', ''), []);
  check(NODE_PORT.replace('type: NodePort', 'type: nodeport'), []);
  check(NODE_PORT.replace('apiVersion: v1', 'apiVersion: serving.knative.dev/v1'), []);
  check(NODE_PORT.replace('kind: Service', 'kind: ConfigMap'), []);
});

test(`${ID} suggestion: type ClusterIP and the node port removed, never a safe fix`, () => {
  assertFix(NODE_PORT, ID, {
    kind: 'suggestion',
    expectedOutput: NODE_PORT.replace('type: NodePort', 'type: ClusterIP').replace('    nodePort: 30080\n', ''),
  });
});

test(`${ID} suggestion: externalTrafficPolicy goes too (ClusterIP rejects it)`, () => {
  const text = NODE_PORT.replace('  selector:', '  externalTrafficPolicy: Local\n  selector:');
  assertFix(text, ID, { kind: 'suggestion', expectedOutput: NODE_PORT.replace('type: NodePort', 'type: ClusterIP').replace('    nodePort: 30080\n', '') });
});
