// secret-in-env in Dockerfiles: ENV and ARG values that are credentials; values never appear in messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDockerfile } from '../../../server/src/engine/lint-dockerfile';
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

const GITHUB = 'ghp_' + 'Zq3kT9vL2mX8pR4sW7yB1nC6dF0gH5jK2aE9';
const PASSWORD = 'hunter2-but-' + 'much-longer-9731';

dockerfileRuleTests('secret-in-env', {
  valid: [
    { name: 'plain settings', text: 'FROM node:20\nENV NODE_ENV=production PORT=8080\n' },
    { name: 'an ARG without a value', text: 'FROM node:20\nARG NPM_TOKEN\n' },
    { name: 'a reference to a build argument', text: 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n' },
    { name: 'a placeholder', text: 'FROM postgres:16\nENV POSTGRES_PASSWORD=changeme\n' },
    { name: 'a file path', text: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n' },
    { name: 'issue 16: a value that repeats the name', text: 'FROM node:20\nENV GOOGLE_API_KEY=GOOGLE_API_KEY_VAL\nARG DB_PASSWORD=DB_PASSWORD\n' },
    { name: 'issue 16: quoted placeholders', text: 'FROM node:20\nENV API_KEY="<your key>" API_TOKEN="${API_TOKEN}" SECRET=REPLACE_ME\n' },
  ],
  invalid: [
    { name: 'ENV with a GitHub token', text: `FROM node:20\nENV API_TOKEN=${GITHUB}\n`, errors: [{ at: 'API_TOKEN', message: ['Env var "API_TOKEN" of ENV in stage 0', 'GitHub'] }] },
    { name: 'legacy ENV form', text: `FROM node:20 AS build\nENV GITHUB_TOKEN ${GITHUB}\n`, errors: [{ at: 'GITHUB_TOKEN', message: 'ENV in stage "build"' }] },
    { name: 'ARG with a default', text: `FROM node:20\nARG DB_PASSWORD=${PASSWORD}\n`, errors: [{ at: 'DB_PASSWORD', message: 'ARG in stage 0' }] },
    { name: 'a global ARG', text: `ARG DB_PASSWORD=${PASSWORD}\nFROM node:20\n`, errors: [{ at: 'DB_PASSWORD', message: 'ARG before the first FROM' }] },
    { name: 'issue 16: AZURE_BATCH_KEY', text: 'FROM node:20\nENV AZURE_BATCH_KEY=b4tchAcc0untK3y\n', errors: [{ at: 'AZURE_BATCH_KEY', message: 'its name says it is a credential' }] },
    { name: 'issue 16: OCI_CLI_KEY_CONTENT', text: 'FROM node:20\nARG OCI_CLI_KEY_CONTENT=k3y-c0ntent\n', errors: [{ at: 'OCI_CLI_KEY_CONTENT', message: 'ARG in stage 0' }] },
    { name: 'one of several variables', text: `FROM node:20\nENV A=1 \\\n    DB_PASSWORD="${PASSWORD}" \\\n    B=2\n`, errors: [{ at: 'DB_PASSWORD' }] },
  ],
});

test('secret-in-env: Dockerfile messages never contain the value', () => {
  const text = `FROM node:20\nENV API_TOKEN=${GITHUB}\nARG DB_PASSWORD=${PASSWORD}\n`;
  const findings = lintDockerfile(text).filter((f) => f.ruleId === 'secret-in-env');
  assert.equal(findings.length, 2);
  const out = JSON.stringify(lintDockerfile(text));
  for (const secret of [GITHUB, PASSWORD, GITHUB.slice(4, 20), PASSWORD.slice(0, 12)]) assert.ok(!out.includes(secret), `leaked ${secret}`);
});
