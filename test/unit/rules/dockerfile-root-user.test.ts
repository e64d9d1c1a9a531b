// dockerfile-root-user: the image docker build produces (the final stage) must not run as root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRootUser } from '../../../server/src/engine/rules/dockerfile/dockerfile-root-user';
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { dockerfileFixTests } from '../../helpers/dockerfile-fix-tester';

dockerfileRuleTests('dockerfile-root-user', {
  valid: [
    { name: 'a numeric non-root USER', text: 'FROM alpine:3.20\nUSER 10001\n' },
    { name: 'a user and group', text: 'FROM alpine:3.20\nRUN adduser -D app\nUSER app:app\n' },
    { name: 'the last USER is not root', text: 'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER app\n' },
    { name: 'names that only start like root', text: 'FROM alpine:3.20\nUSER rootless\n' },
    { name: 'UID 1000 with group 0', text: 'FROM alpine:3.20\nUSER 1000:0\n' },
    { name: 'the final stage inherits a non-root USER from its parent stage', text: 'FROM node:20 AS base\nUSER node\nFROM base\nCMD ["node", "app.js"]\n' },
    { name: 'stage names are case-insensitive', text: 'FROM node:20 AS Base\nUSER node\nFROM base\n' },
    { name: 'root only in a builder stage', text: 'FROM golang:1.22 AS build\nUSER root\nRUN go build ./...\nFROM alpine:3.20\nUSER 65532\n' },
    { name: 'a USER variable without a value is not judged', text: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
    { name: 'a USER variable with a non-root default', text: 'FROM alpine:3.20\nARG APP_UID=10001\nUSER ${APP_UID}\n' },
    { name: 'a distroless nonroot base image', text: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n' },
    { name: 'a debug-nonroot tag', text: 'FROM gcr.io/distroless/base:debug-nonroot\n' },
    { name: 'no FROM at all', text: '# just a comment\n' },
  ],
  invalid: [
    { name: 'no USER in a single-stage file', text: 'FROM alpine:3.20\nRUN apk add curl\n', errors: [{ at: 'FROM alpine:3.20', message: 'The image has no USER instruction' }] },
    {
      name: 'no USER in the final stage',
      text: 'FROM golang:1.22 AS build\nUSER 1000\nFROM alpine:3.20 AS runtime\nCOPY --from=build /app /app\n',
      errors: [{ at: 'FROM alpine:3.20 AS runtime', message: 'The final stage (stage "runtime") has no USER' }],
    },
    { name: 'an unnamed final stage', text: 'FROM golang:1.22\nFROM alpine:3.20\n', errors: [{ at: 'FROM alpine:3.20', message: 'The final stage (stage 1)' }] },
    { name: 'USER root', text: 'FROM alpine:3.20\nUSER root\n', errors: [{ at: 'USER root', message: 'its last USER is "root"' }] },
    { name: 'USER 0', text: 'FROM alpine:3.20\nUSER app\nUSER 0\n', errors: [{ at: 'USER 0' }] },
    { name: 'USER 0:0', text: 'FROM alpine:3.20\nUSER 0:0\n', errors: [{ at: 'USER 0:0' }] },
    { name: 'USER root:staff', text: 'FROM alpine:3.20\nUSER root:staff\n', errors: [{ at: 'USER root:staff' }] },
    { name: 'a lower-case instruction', text: 'from alpine:3.20\nuser root\n', errors: [{ at: 'user root' }] },
    { name: 'root through an ARG default', text: 'FROM alpine:3.20\nARG RUN_AS=root\nUSER ${RUN_AS}\n', errors: [{ at: 'USER ${RUN_AS}', message: 'its last USER is "root"' }] },
    { name: 'root through an ENV value', text: 'FROM alpine:3.20\nENV RUN_AS=0\nUSER $RUN_AS\n', errors: [{ at: 'USER $RUN_AS', message: '"0"' }] },
    {
      name: 'root inherited from the parent stage',
      text: 'FROM ubuntu:24.04 AS base\nUSER root\nFROM base AS app\nCMD ["/app"]\n',
      errors: [{ at: 'USER root', message: 'inherits USER "root" from stage "base"' }],
    },
    { name: "Windows' ContainerAdministrator", text: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n', errors: [{ at: 'USER ContainerAdministrator' }] },
    { name: 'a nonroot tag on a builder stage does not count', text: 'FROM gcr.io/distroless/static:nonroot AS tools\nFROM alpine:3.20\n', errors: [{ at: 'FROM alpine:3.20' }] },
  ],
});

test('isRootUser', () => {
  for (const u of ['root', '0', '00', '0:0', 'root:root', 'root:1000', ' root ', 'containeradministrator']) assert.ok(isRootUser(u), u);
  for (const u of ['Root', 'rootless', '1000', '1000:0', 'app', '', ':0', 'ContainerUser', '10']) assert.ok(!isRootUser(u), u);
});

dockerfileFixTests('dockerfile-root-user', [
  { name: 'no USER: before the trailing CMD', kind: 'suggestion', text: 'FROM alpine:3.20\nRUN apk add curl\nCMD ["sh"]\n', output: 'FROM alpine:3.20\nRUN apk add curl\nUSER 10001\nCMD ["sh"]\n' },
  {
    name: 'before the trailing ENTRYPOINT/CMD/HEALTHCHECK group',
    text: 'FROM alpine:3.20\nENTRYPOINT ["app"]\nRUN true\nHEALTHCHECK CMD \\\n  true\nENTRYPOINT ["app"]\nCMD ["--serve"]\n',
    output: 'FROM alpine:3.20\nENTRYPOINT ["app"]\nRUN true\nUSER 10001\nHEALTHCHECK CMD \\\n  true\nENTRYPOINT ["app"]\nCMD ["--serve"]\n',
  },
  { name: 'USER root last: at the end', text: 'FROM alpine:3.20\nCMD ["sh"]\nUSER root\n', output: 'FROM alpine:3.20\nCMD ["sh"]\nUSER root\nUSER 10001\n' },
  { name: 'no line break at the end', text: 'FROM alpine:3.20\nRUN apk add \\\n  curl', output: 'FROM alpine:3.20\nRUN apk add \\\n  curl\nUSER 10001\n' },
  { name: 'only FROM', text: 'FROM alpine:3.20\n', output: 'FROM alpine:3.20\nUSER 10001\n' },
  {
    name: 'root inherited from an earlier stage: in the final stage',
    text: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\nCMD ["sh"]\n',
    output: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\nUSER 10001\nCMD ["sh"]\n',
  },
  { name: 'multi-stage: only the final stage', text: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n', output: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER 10001\n' },
]);
