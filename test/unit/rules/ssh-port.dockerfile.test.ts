// ssh-port in Dockerfiles: EXPOSE 22 (or 22/tcp) in the image docker build produces.
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('ssh-port', {
  valid: [
    { name: 'web ports', text: 'FROM nginx:1.27\nEXPOSE 80 443/tcp\n' },
    { name: 'port 22 over UDP', text: 'FROM alpine:3.20\nEXPOSE 22/udp\n' },
    { name: 'port 2222', text: 'FROM alpine:3.20\nEXPOSE 2222 122 220\n' },
    { name: 'EXPOSE 22 only in a builder stage', text: 'FROM alpine:3.20 AS tools\nEXPOSE 22\nFROM nginx:1.27\nEXPOSE 80\n' },
    { name: 'a variable without a value', text: 'FROM alpine:3.20\nARG PORT\nEXPOSE $PORT\n' },
    { name: 'a comment', text: 'FROM alpine:3.20\n# EXPOSE 22\n' },
  ],
  invalid: [
    { name: 'EXPOSE 22', text: 'FROM alpine:3.19\nEXPOSE 22\n', errors: [{ at: '22', occurrence: 0, message: 'The image exposes port 22 (SSH): EXPOSE 22.' }] },
    { name: 'EXPOSE 22/tcp among others', text: 'FROM alpine:3.20\nEXPOSE 80 22/tcp 443\n', errors: [{ at: '22/tcp', message: 'EXPOSE 22/tcp' }] },
    { name: 'upper-case protocol', text: 'FROM alpine:3.20\nexpose 22/TCP\n', errors: [{ at: '22/TCP' }] },
    { name: 'through an ARG default', text: 'FROM alpine:3.20\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n', errors: [{ at: '${SSH_PORT}', message: 'EXPOSE ${SSH_PORT}' }] },
    {
      name: 'inherited from the parent stage',
      text: 'FROM alpine:3.20 AS sshd\nEXPOSE 22\nFROM sshd AS app\nEXPOSE 8080\n',
      errors: [{ at: '22', occurrence: 0, message: 'The final stage (stage "app") exposes port 22' }],
    },
    { name: 'on a continuation line', text: 'FROM alpine:3.20\nEXPOSE 80 \\\n  22\n', errors: [{ at: '22', occurrence: 0 }] },
  ],
});
