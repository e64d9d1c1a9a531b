// dockerfile-missing-healthcheck: the image has no HEALTHCHECK (CIS Docker 4.6); HEALTHCHECK NONE is a decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileFindings, dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('dockerfile-missing-healthcheck', {
  valid: [
    { name: 'HEALTHCHECK CMD', text: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'HEALTHCHECK NONE is an explicit decision', text: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    { name: 'lower-case', text: 'FROM nginx:1.27\nhealthcheck CMD ["/health"]\n' },
    { name: 'inherited from the parent stage', text: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nCOPY site /usr/share/nginx/html\n' },
    { name: 'in the final stage of a multi-stage build', text: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nHEALTHCHECK CMD ["/app", "-health"]\n' },
    { name: 'an empty file', text: '\n' },
  ],
  invalid: [
    { name: 'none at all', text: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n', errors: [{ at: 'FROM nginx:1.27', message: ['The image has no HEALTHCHECK', 'HEALTHCHECK NONE'] }] },
    {
      name: 'only in a builder stage',
      text: 'FROM golang:1.22 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS app\n',
      errors: [{ at: 'FROM alpine:3.20 AS app', message: 'The final stage (stage "app")' }],
    },
    { name: 'a FROM with flags', text: 'FROM --platform=linux/amd64 alpine:3.20\n', errors: [{ at: 'FROM --platform=linux/amd64 alpine:3.20' }] },
  ],
});

test('dockerfile-missing-healthcheck is informational by default', () => {
  assert.deepEqual(dockerfileFindings('dockerfile-missing-healthcheck', 'FROM alpine:3.20\n').map((f) => f.severity), ['info']);
});
