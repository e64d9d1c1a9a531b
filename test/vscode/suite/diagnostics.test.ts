// Insecure fixtures get exactly the expected diagnostics (rule id, severity, range); hardened ones none.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { describeDiagnostics, extensionApi, fixture, having, open, ruleId, shipshapeDiagnostics, waitForDiagnostics } from './helpers';

/** 0-based `line:char-line:char`, as VS Code shows them (the CLI reports the same spans 1-based). */
const EXPECTED: Record<string, { language: string; diagnostics: string[] }> = {
  'k8s/insecure-deployment.yaml': {
    language: 'yaml',
    diagnostics: [
      'automount-service-account-token info 13:4-13:8',
      'default-service-account info 13:4-13:8',
      'missing-cpu-limit warning 15:10-15:14',
      'missing-cpu-request warning 15:10-15:14',
      'missing-memory-limit warning 15:10-15:14',
      'missing-memory-request warning 15:10-15:14',
      'image-not-pinned info 16:17-16:29',
      'capabilities-not-dropped warning 17:10-17:25',
      'privilege-escalation-allowed warning 17:10-17:25',
      'run-as-root warning 17:10-17:25',
      'seccomp-profile-missing warning 17:10-17:25',
      'writable-root-filesystem warning 17:10-17:25',
      'privileged-container error 18:12-18:28',
    ],
  },
  'docker/Dockerfile': {
    language: 'dockerfile',
    diagnostics: [
      'dockerfile-missing-healthcheck info 0:0-0:16',
      'dockerfile-root-user warning 0:0-0:16',
      'image-latest-tag error 0:5-0:16',
      'dockerfile-add warning 1:0-1:3',
    ],
  },
  'compose/docker-compose.yml': {
    language: 'dockercompose',
    diagnostics: [
      'missing-cpu-limit warning 1:2-1:5',
      'missing-memory-limit warning 1:2-1:5',
      'missing-pids-limit warning 1:2-1:5',
      'privilege-escalation-allowed warning 1:2-1:5',
      'writable-root-filesystem warning 1:2-1:5',
      'image-latest-tag error 2:11-2:23',
      'privileged-container error 3:4-3:20',
      'host-network error 4:4-4:22',
    ],
  },
};

suite('Diagnostics', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  for (const [rel, { language, diagnostics }] of Object.entries(EXPECTED)) {
    test(`${rel} (${language}): ${diagnostics.length} findings with ids, ranges and severities`, async () => {
      const uri = fixture(...rel.split('/'));
      const doc = await open(uri);
      assert.equal(doc.languageId, language);
      const ids = [...new Set(diagnostics.map((d) => d.split(' ')[0]!))];
      const diags = await waitForDiagnostics(uri, having(...ids), `diagnostics ${ids.join(', ')}`);
      assert.deepEqual(describeDiagnostics(diags), [...diagnostics].sort());
      for (const d of diags) {
        const href = typeof d.code === 'object' ? d.code.target.toString() : '';
        assert.match(href, new RegExp(`${ruleId(d)}(\\.md)?$`), `${ruleId(d)} links to its documentation`);
      }
    });
  }

  test('hardened Deployment, Dockerfile and compose file: no findings', async () => {
    const hardened = ['hardened/deployment.yaml', 'hardened/Dockerfile', 'hardened/compose.yaml'].map((r) => fixture(...r.split('/')));
    for (const uri of hardened) await open(uri);
    // The server lints documents in the order they are opened: once a document opened after them
    // has its diagnostics, the hardened ones have been linted too.
    const sentinel = fixture('k8s', 'sentinel.yaml');
    await vscode.workspace.fs.writeFile(sentinel, Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: sentinel\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:1.27.3\n'));
    await open(sentinel);
    await waitForDiagnostics(sentinel, having('host-pid'), 'diagnostics for the sentinel document');
    for (const uri of hardened) assert.deepEqual(describeDiagnostics(shipshapeDiagnostics(uri)), [], vscode.workspace.asRelativePath(uri));
  });
});
