// Issue 7 in a real VS Code: the Kubeconfig explorer lists the contexts of the fixture kubeconfig
// (shipshape.kubeconfig.path, set by the runner), Use Context and Set Namespace edit the file
// minimally, and the status bar item shows the new context. Issue 17: the model, the lint and the
// edits come from the language server, so "Lint Kubeconfig" honours `shipshape.rules` and its
// diagnostics are the language client's (rule code with its documentation link).
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { ShipshapeApi } from '../../../client/src/extension';
import { changedLines, extensionApi, fixture, having, readFixture, ruleId, setSetting, waitForDiagnostics } from './helpers';

type Explorer = ShipshapeApi['kubeconfig'];

/** The status bar item's text (the explorer keeps the item private; VS Code offers no API to read another extension's status items). */
function statusText(explorer: Explorer): string {
  const item = (explorer as unknown as { status?: vscode.StatusBarItem }).status;
  assert.ok(item, 'the explorer has a status bar item');
  return item.text;
}

async function contexts(explorer: Explorer): Promise<vscode.TreeItem[]> {
  const roots = await explorer.getChildren(undefined);
  return Promise.all((roots ?? []).map((n) => explorer.getTreeItem(n)));
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** Resolves on the explorer's next tree refresh event. */
function nextRefresh(explorer: Explorer): Promise<void> {
  return new Promise((resolve) => {
    const sub = explorer.onDidChangeTreeData(() => {
      sub.dispose();
      resolve();
    });
  });
}

suite('Kubeconfig explorer', () => {
  let explorer: Explorer;
  let kubeconfig: vscode.Uri;
  suiteSetup(async () => {
    const api = await extensionApi();
    assert.ok(api?.kubeconfig, 'activate() returns { kubeconfig }');
    explorer = api.kubeconfig;
    kubeconfig = fixture('kube', 'config');
    assert.equal(vscode.workspace.getConfiguration('shipshape').get('kubeconfig.path'), kubeconfig.fsPath, 'the runner points shipshape.kubeconfig.path at the fixture');
  });

  test('lists the contexts of the fixture kubeconfig, the current one marked', async () => {
    const items = await contexts(explorer);
    assert.deepEqual(items.map(label), ['dev', 'staging']);
    const dev = items.find((i) => label(i) === 'dev')!;
    assert.match(`${dev.description ?? ''} ${dev.contextValue ?? ''}`, /current/);
    const staging = items.find((i) => label(i) === 'staging')!;
    assert.doesNotMatch(String(staging.description ?? ''), /current/);
    assert.match(statusText(explorer), /\bdev\b.*dev-team/);
  });

  test('Use Context changes only current-context; the tree and the status bar follow', async () => {
    const before = await readFixture(kubeconfig);
    const refreshed = nextRefresh(explorer);
    await vscode.commands.executeCommand('shipshape.kubeconfig.useContext', 'staging');
    await refreshed;
    const after = await readFixture(kubeconfig);
    assert.deepEqual(changedLines(before, after), ['3: current-context: staging  # the context kubectl uses']);
    const staging = (await contexts(explorer)).find((i) => label(i) === 'staging')!;
    assert.match(`${staging.description ?? ''} ${staging.contextValue ?? ''}`, /current/);
    assert.match(statusText(explorer), /\bstaging\b.*\bweb\b/);
  });

  test('Set Namespace changes only that context\'s namespace line', async () => {
    const before = await readFixture(kubeconfig);
    const refreshed = nextRefresh(explorer);
    let settled = false;
    const command = Promise.resolve(vscode.commands.executeCommand('shipshape.kubeconfig.setNamespace', 'staging')).finally(() => (settled = true));
    // The command asks with a quick pick ("default" first, then the namespaces the file uses).
    // Accept its first item once it is showing: the accept is repeated until the command finishes.
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await Promise.race([command, new Promise((r) => setImmediate(r))]);
    }
    await command;
    await refreshed;
    const after = await readFixture(kubeconfig);
    assert.deepEqual(changedLines(before, after), ['25:       namespace: default']);
    assert.match(statusText(explorer), /\bstaging\b.*\bdefault\b/);
  });

  test('Lint Kubeconfig: the language server publishes the findings, with the user\'s shipshape.rules applied', async () => {
    await vscode.commands.executeCommand('shipshape.kubeconfig.lint');
    const diags = await waitForDiagnostics(kubeconfig, having('kubeconfig-plain-http'), 'Lint Kubeconfig diagnostics');
    const plain = diags.find((d) => ruleId(d) === 'kubeconfig-plain-http')!;
    assert.equal(plain.range.start.line, 12, 'on the staging server URL');
    // The language client's converter: the code carries the rule's documentation link (the explorer's own converter had none).
    const code = plain.code as { value: string; target: vscode.Uri } | string;
    assert.ok(typeof code === 'object' && /docs\/rules\/kubeconfig-plain-http\.md$/.test(code.target.path), `code link: ${JSON.stringify(code)}`);
    await setSetting('shipshape.rules', { 'kubeconfig-plain-http': 'off' });
    try {
      await vscode.commands.executeCommand('shipshape.kubeconfig.lint');
      await waitForDiagnostics(kubeconfig, (ds) => !ds.some((d) => ruleId(d) === 'kubeconfig-plain-http'), 'no kubeconfig-plain-http once shipshape.rules turns it off');
    } finally {
      await setSetting('shipshape.rules', undefined);
    }
  });
});
