// Client pieces that run without VS Code: the status bar model and the command table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, RESTART_SERVER, SHOW_OUTPUT, type CommandContext } from '../../../client/src/commands';
import { statusView, type ServerState } from '../../../client/src/status-model';
import { documentSelector } from '../../../client/src/language-client-config';

test('each server state has its own icon and an explanatory tooltip', () => {
  const states: ServerState[] = ['starting', 'running', 'stopped', 'error'];
  const texts = states.map((s) => statusView(s).text);
  assert.equal(new Set(texts).size, states.length);
  for (const s of states) {
    assert.match(statusView(s).text, /Shipshape$/);
    assert.ok(statusView(s).tooltip.includes(s === 'error' ? 'failed to start' : s), s);
  }
  assert.equal(statusView('running').background, undefined);
  assert.equal(statusView('error').background, 'statusBarItem.errorBackground');
  assert.match(statusView('error', 'spawn ENOENT').tooltip, /spawn ENOENT$/);
});

test('commands call the server controller and the output channel', async () => {
  const calls: string[] = [];
  const ctx: CommandContext = {
    server: { restart: async () => void calls.push('restart') },
    output: { show: (preserveFocus?: boolean) => void calls.push(`show ${preserveFocus}`) } as CommandContext['output'],
  };
  await COMMANDS[RESTART_SERVER]!(ctx);
  await COMMANDS[SHOW_OUTPUT]!(ctx);
  assert.deepEqual(calls, ['restart', 'show true']);
});

test('the document selector covers YAML, Dockerfiles, compose files, JSON and JSON lines on disk and untitled, and kubeconfig and ABAC files by name', () => {
  assert.deepEqual(documentSelector(), [
    { scheme: 'file', language: 'yaml' },
    { scheme: 'untitled', language: 'yaml' },
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'untitled', language: 'dockerfile' },
    { scheme: 'file', language: 'dockercompose' },
    { scheme: 'untitled', language: 'dockercompose' },
    { scheme: 'file', language: 'json' },
    { scheme: 'untitled', language: 'json' },
    { scheme: 'file', language: 'jsonl' },
    { scheme: 'untitled', language: 'jsonl' },
    { scheme: 'file', pattern: '**/.kube/config' },
    { scheme: 'file', pattern: '**/kubeconfig' },
    { scheme: 'file', pattern: '**/*.kubeconfig' },
    { scheme: 'file', pattern: '**/*.abac' },
  ]);
});
