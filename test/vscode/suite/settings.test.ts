// Changing a setting (profile, a rule's severity) or a .shipshape.yaml re-lints open documents.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi, having, open, ruleId, setSetting, waitForDiagnostics, without, writeFixture } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: settings
spec:
  selector:
    matchLabels:
      app: settings
  template:
    metadata:
      labels:
        app: settings
    spec:
      containers:
        - name: app
          image: nginx:1.27.3
          securityContext:
            privileged: true
`;

/** Rules of the restricted profile that fire on DEPLOYMENT and are off under baseline. */
const RESTRICTED = ['run-as-root', 'capabilities-not-dropped', 'privilege-escalation-allowed', 'seccomp-profile-missing'];

suite('Settings and .shipshape.yaml re-lint open documents', () => {
  let uri: vscode.Uri;
  suiteSetup(async () => {
    await extensionApi();
    uri = await writeFixture('settings/deployment.yaml', DEPLOYMENT);
    await open(uri);
    await waitForDiagnostics(uri, having('privileged-container', ...RESTRICTED));
  });

  teardown(async () => {
    const c = vscode.workspace.getConfiguration('shipshape');
    if (c.inspect('profile')?.workspaceValue !== undefined) await setSetting('shipshape.profile', undefined);
    if (c.inspect('rules')?.workspaceValue !== undefined) await setSetting('shipshape.rules', undefined);
    await waitForDiagnostics(uri, having('privileged-container', ...RESTRICTED), 'diagnostics back to the defaults');
  });

  test('shipshape.profile = baseline drops the restricted findings, keeps the baseline ones', async () => {
    await setSetting('shipshape.profile', 'baseline');
    const diags = await waitForDiagnostics(uri, without(RESTRICTED), 'diagnostics without the restricted rules');
    assert.ok(diags.some((d) => ruleId(d) === 'privileged-container'));
  });

  test("a rule's severity setting changes its diagnostics' severity", async () => {
    await setSetting('shipshape.rules', { 'privileged-container': 'info', 'run-as-root': 'off' });
    const diags = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => ruleId(d) === 'privileged-container' && d.severity === vscode.DiagnosticSeverity.Information) && !ds.some((d) => ruleId(d) === 'run-as-root'),
      'privileged-container as info and no run-as-root',
    );
    assert.ok(diags.some((d) => ruleId(d) === 'capabilities-not-dropped'), 'other rules unaffected');
  });

  test('creating, changing and deleting .shipshape.yaml re-lints', async () => {
    const config = await writeFixture('settings/.shipshape.yaml', 'rules:\n  privileged-container: off\n');
    try {
      await waitForDiagnostics(uri, without(['privileged-container']), 'diagnostics without privileged-container');
      await writeFixture('settings/.shipshape.yaml', 'rules:\n  privileged-container: warning\n  capabilities-not-dropped: off\n');
      await waitForDiagnostics(
        uri,
        (ds) => ds.some((d) => ruleId(d) === 'privileged-container' && d.severity === vscode.DiagnosticSeverity.Warning) && !ds.some((d) => ruleId(d) === 'capabilities-not-dropped'),
        'privileged-container as warning, no capabilities-not-dropped',
      );
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleId(d) === 'privileged-container' && d.severity === vscode.DiagnosticSeverity.Error), 'privileged-container back to error');
    assert.ok(diags.some((d) => ruleId(d) === 'capabilities-not-dropped'));
  });
});
