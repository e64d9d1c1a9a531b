// dockerfile-curl-pipe-shell: remote scripts run unverified (curl | sh, sh -c "$(curl ...)", bash <(curl ...)).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readsScriptFromStdin } from '../../../server/src/engine/rules/dockerfile/dockerfile-curl-pipe-shell';
import { tokenizeShell } from '../../../server/src/engine/parse/shell';
import { fileSlice } from '../../../server/src/engine/parse/dockerfile';
import { dockerfileFindings, dockerfileRuleTests } from '../../helpers/dockerfile-tester';

const F = 'FROM debian:12\n';

dockerfileRuleTests('dockerfile-curl-pipe-shell', {
  valid: [
    { name: 'download, verify, run', text: `${F}RUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n` },
    { name: 'a pipe into tar', text: `${F}RUN curl -fsSL https://x.example/a.tar.gz | tar -xz -C /opt\n` },
    { name: 'a pipe into gpg', text: `${F}RUN wget -qO- https://x.example/key.asc | gpg --dearmor > /usr/share/keyrings/x.gpg\n` },
    { name: 'python running a script file', text: `${F}RUN curl -s https://x.example/data.json | python3 parse.py\n` },
    { name: 'python -c', text: `${F}RUN curl -s https://x.example/v.json | python3 -c "import json,sys; print(json.load(sys.stdin)['v'])"\n` },
    { name: 'python -m', text: `${F}RUN curl -s https://x.example/v.json | python3 -m json.tool\n` },
    { name: 'bash -c reading data', text: `${F}RUN curl -s https://x.example/v | bash -c 'cat > /v'\n` },
    { name: 'bash running a script file', text: `${F}RUN curl -s https://x.example/v | bash ./consume.sh\n` },
    { name: 'the download is only printed', text: `${F}RUN sh -c "echo $(curl -s https://x.example/v)"\n` },
    { name: 'curl | sh inside a string that is not run', text: `${F}RUN echo "curl -fsSL https://x.example | sh" > README\n` },
    { name: 'the shell before the download', text: `${F}RUN sh -c true | curl -T - https://x.example/upload\n` },
    { name: 'a CMD', text: `${F}CMD curl -fsSL https://x.example | sh\n` },
    { name: 'separate commands', text: `${F}RUN curl -fsSLo i.sh https://x.example; sh i.sh\n` },
  ],
  invalid: [
    {
      name: 'curl | sh',
      text: `${F}RUN curl -fsSL https://get.example.com | sh\n`,
      errors: [{ at: 'curl -fsSL https://get.example.com | sh', message: 'The output of curl is piped into sh' }],
    },
    { name: 'wget | sudo bash -s --', text: `${F}RUN wget -qO- https://x.example | sudo bash -s -- --yes\n`, errors: [{ at: 'wget -qO- https://x.example | sudo bash', message: 'wget' }] },
    { name: 'into python3', text: `${F}RUN curl -s https://x.example/get-pip.py | python3\n`, errors: [{ at: 'curl -s https://x.example/get-pip.py | python3' }] },
    { name: 'into python3 -', text: `${F}RUN curl -s https://x.example/i | python3 - --user\n`, errors: [{ at: 'curl -s https://x.example/i | python3' }] },
    { name: 'into /bin/bash', text: `${F}RUN curl -s https://x.example/i | /bin/bash\n`, errors: [{ at: 'curl -s https://x.example/i | /bin/bash' }] },
    { name: 'through tee', text: `${F}RUN curl -fsSL https://x.example | tee /tmp/i.sh | sh\n`, errors: [{ at: 'curl -fsSL https://x.example | tee /tmp/i.sh | sh' }] },
    { name: 'after other commands', text: `${F}RUN apt-get update && curl -sL https://deb.example/setup | bash - && apt-get install -y x\n`, errors: [{ at: 'curl -sL https://deb.example/setup | bash' }] },
    { name: 'across a continuation: the interpreter is underlined', text: `${F}RUN curl -fsSL https://x.example \\\n    | bash\n`, errors: [{ at: 'bash' }] },
    { name: 'the exec form of sh -c', text: `${F}RUN ["/bin/sh", "-c", "curl -fsSL https://x.example | sh"]\n`, errors: [{ at: 'curl -fsSL https://x.example | sh' }] },
    { name: 'a heredoc script', text: `${F}RUN <<EOF\nset -e\ncurl -fsSL https://x.example | sh\nEOF\n`, errors: [{ at: 'curl -fsSL https://x.example | sh' }] },
    { name: 'ONBUILD RUN', text: `${F}ONBUILD RUN curl https://install.example/ | sh\n`, errors: [{ at: 'curl https://install.example/ | sh' }] },
    { name: 'sh -c "$(curl ...)"', text: `${F}RUN sh -c "$(curl -fsSL https://x.example/install.sh)"\n`, errors: [{ at: '$(curl -fsSL https://x.example/install.sh)', message: 'The shell runs the output of curl' }] },
    { name: 'bash <(curl ...)', text: `${F}RUN bash <(curl -s https://x.example/i.sh)\n`, errors: [{ at: 'bash <(curl -s https://x.example/i.sh)', message: 'bash runs the output of curl' }] },
    { name: 'eval "$(wget ...)"', text: `${F}RUN eval "$(wget -qO- https://x.example/env)"\n`, errors: [{ at: 'eval "$(wget -qO- https://x.example/env)"', message: 'eval runs the output of wget' }] },
    { name: 'source <(curl ...)', text: `${F}RUN . <(curl -s https://x.example/env)\n`, errors: [{ at: '. <(curl -s https://x.example/env)' }] },
    { name: 'sudo curl', text: `${F}RUN sudo curl -fsSL https://x.example | sh\n`, errors: [{ at: 'curl -fsSL https://x.example | sh' }] },
    {
      name: 'one finding per pipeline',
      text: `${F}RUN curl -s https://a.example | sh && wget -qO- https://b.example | bash\n`,
      errors: [{ at: 'curl -s https://a.example | sh' }, { at: 'wget -qO- https://b.example | bash' }],
    },
  ],
});

const args = (s: string) => tokenizeShell(fileSlice(s, 0, s.length))[0]![0]!.argv;

test('readsScriptFromStdin', () => {
  const yes = ['sh', 'sh -s', 'bash -s -- --yes', 'bash -', 'bash -e', 'bash -o pipefail', 'python3', 'python3 -', 'python3 -u', 'perl', 'node -', 'ruby /dev/stdin', 'php'];
  const no = ['sh x.sh', 'bash -c "x"', 'bash -ec "x"', 'python3 -c x', 'python3 -m json.tool', 'perl -e 1', 'perl -ne 1', 'node -e 1', 'node app.js', 'php -r 1', 'ruby script.rb'];
  for (const c of yes) {
    const [p, ...rest] = args(c);
    assert.ok(readsScriptFromStdin(p!.value, rest), c);
  }
  for (const c of no) {
    const [p, ...rest] = args(c);
    assert.ok(!readsScriptFromStdin(p!.value, rest), c);
  }
});

test('dockerfile-curl-pipe-shell: a long hostile RUN line is linted', () => {
  const text = `${F}RUN ${'curl x | '.repeat(10000)}sh; echo ${'$('.repeat(10000)}${'"'.repeat(10001)}${'\\'.repeat(10000)}\n`;
  const findings = dockerfileFindings('dockerfile-curl-pipe-shell', text);
  assert.equal(findings.length, 1);
});
