// dockerfile-content-trust-disabled: DOCKER_CONTENT_TRUST=0/false in ENV, ARG or RUN, and --disable-content-trust.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disablesContentTrust } from '../../../server/src/engine/rules/dockerfile/dockerfile-content-trust-disabled';
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { dockerfileFixTests, dockerfileNoFixTests } from '../../helpers/dockerfile-fix-tester';

dockerfileRuleTests('dockerfile-content-trust-disabled', {
  valid: [
    { name: 'trust enabled', text: 'FROM docker:27\nENV DOCKER_CONTENT_TRUST=1\n' },
    { name: 'an ARG without a value', text: 'FROM docker:27\nARG DOCKER_CONTENT_TRUST\n' },
    { name: 'another variable set to 0', text: 'FROM docker:27\nENV DOCKER_TLS_VERIFY=0\n' },
    { name: 'an empty value says nothing', text: 'FROM docker:27\nENV DOCKER_CONTENT_TRUST=""\n' },
    { name: 'printed, not assigned', text: 'FROM docker:27\nRUN echo DOCKER_CONTENT_TRUST=0\n' },
    { name: 'an unresolvable value', text: 'FROM docker:27\nARG DCT\nENV DOCKER_CONTENT_TRUST=$DCT\n' },
    { name: 'the flag set to false enables trust', text: 'FROM docker:27\nRUN docker pull --disable-content-trust=false alpine:3.20\n' },
    { name: 'the flag on another program', text: 'FROM docker:27\nRUN echo --disable-content-trust\n' },
  ],
  invalid: [
    { name: 'ENV =0', text: 'FROM docker:27\nENV DOCKER_CONTENT_TRUST=0\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0', message: 'ENV sets DOCKER_CONTENT_TRUST=0' }] },
    { name: 'legacy ENV form', text: 'FROM docker:27\nENV DOCKER_CONTENT_TRUST false\n', errors: [{ at: 'DOCKER_CONTENT_TRUST false', message: 'DOCKER_CONTENT_TRUST=false' }] },
    { name: 'a quoted value', text: 'FROM docker:27\nENV A=1 DOCKER_CONTENT_TRUST="0"\n', errors: [{ at: 'DOCKER_CONTENT_TRUST="0"' }] },
    { name: 'ARG with a default', text: 'FROM docker:27\nARG DOCKER_CONTENT_TRUST=FALSE\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=FALSE', message: 'ARG sets' }] },
    { name: 'a global ARG', text: 'ARG DOCKER_CONTENT_TRUST=0\nFROM docker:27\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0' }] },
    { name: 'an ENV value from an ARG default', text: 'FROM docker:27\nARG DCT=0\nENV DOCKER_CONTENT_TRUST=$DCT\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=$DCT', message: 'DOCKER_CONTENT_TRUST=0' }] },
    { name: 'RUN prefix assignment', text: 'FROM docker:27\nRUN DOCKER_CONTENT_TRUST=0 docker pull alpine:3.20\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0', message: 'RUN sets' }] },
    { name: 'RUN export', text: 'FROM docker:27\nRUN export DOCKER_CONTENT_TRUST=false && docker pull alpine:3.20\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=false' }] },
    { name: 'RUN env', text: 'FROM docker:27\nRUN env DOCKER_CONTENT_TRUST=0 docker build .\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0' }] },
    { name: 'exec form through sh -c', text: 'FROM docker:27\nRUN ["sh", "-c", "DOCKER_CONTENT_TRUST=0 docker pull x:1"]\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0' }] },
    { name: 'a heredoc script', text: 'FROM docker:27\nRUN <<EOF\nexport DOCKER_CONTENT_TRUST=0\ndocker pull x:1\nEOF\n', errors: [{ at: 'DOCKER_CONTENT_TRUST=0' }] },
    { name: '--disable-content-trust', text: 'FROM docker:27\nRUN docker pull --disable-content-trust alpine:3.20\n', errors: [{ at: '--disable-content-trust', message: 'RUN passes --disable-content-trust' }] },
    { name: '--disable-content-trust=true', text: 'FROM docker:27\nRUN docker build --disable-content-trust=true .\n', errors: [{ at: '--disable-content-trust=true' }] },
    {
      name: 'several places',
      text: 'FROM docker:27\nENV DOCKER_CONTENT_TRUST=0\nRUN DOCKER_CONTENT_TRUST=false docker pull x:1\n',
      errors: [{ at: 'DOCKER_CONTENT_TRUST=0' }, { at: 'DOCKER_CONTENT_TRUST=false' }],
    },
  ],
});

test('disablesContentTrust: the docker CLI reads these as false', () => {
  for (const v of ['0', 'false', 'FALSE', 'False', 'f', 'F', ' 0 ']) assert.ok(disablesContentTrust(v), v);
  for (const v of ['1', 'true', 'TRUE', 't', '', 'no', 'off', '00']) assert.ok(!disablesContentTrust(v), v);
});

dockerfileFixTests('dockerfile-content-trust-disabled', [
  { name: 'the only ENV entry: the line goes (a suggestion: the author wrote it, issue 20)', kind: 'suggestion', text: 'FROM alpine:3.20\nENV DOCKER_CONTENT_TRUST=0\nRUN true\n', output: 'FROM alpine:3.20\nRUN true\n' },
  { name: 'the legacy ENV form', text: 'FROM alpine:3.20\nENV DOCKER_CONTENT_TRUST 0\nRUN true\n', output: 'FROM alpine:3.20\nRUN true\n' },
  { name: 'an ARG at the end of the file without a line break', text: 'FROM alpine:3.20\nARG DOCKER_CONTENT_TRUST=false', output: 'FROM alpine:3.20\n' },
  { name: 'the first of several entries', text: 'FROM alpine:3.20\nENV DOCKER_CONTENT_TRUST=0 A=1 B=2\n', output: 'FROM alpine:3.20\nENV A=1 B=2\n' },
  { name: 'a middle entry', text: 'FROM alpine:3.20\nENV A=1 DOCKER_CONTENT_TRUST="0" B=2\n', output: 'FROM alpine:3.20\nENV A=1 B=2\n' },
  { name: 'an entry on a continuation line', text: 'FROM alpine:3.20\nENV A=1 \\\n    DOCKER_CONTENT_TRUST=0\nRUN true\n', output: 'FROM alpine:3.20\nENV A=1\nRUN true\n' },
  { name: 'the whole continued instruction', text: 'FROM alpine:3.20\nENV \\\n  DOCKER_CONTENT_TRUST=0\nRUN true\n', output: 'FROM alpine:3.20\nRUN true\n' },
]);

dockerfileNoFixTests('dockerfile-content-trust-disabled', [
  { name: 'a RUN assignment (no safe edit of shell text)', text: 'FROM docker:27\nRUN DOCKER_CONTENT_TRUST=0 docker pull alpine\n' },
]);
