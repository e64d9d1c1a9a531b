// dockerfile-setuid-bits: chmod setting the setuid or setgid bit, not removed later (CIS Docker 4.8).
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('dockerfile-setuid-bits', {
  valid: [
    { name: 'an ordinary mode', text: 'FROM debian:12\nRUN chmod 0755 /usr/local/bin/app && chmod u+x /entrypoint.sh\n' },
    { name: 'removing the bits', text: 'FROM debian:12\nRUN chmod u-s,g-s /usr/bin/newgrp\n' },
    { name: 'the benchmark\'s remedy', text: 'FROM debian:12\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} \\; || true\n' },
    { name: 'set, then removed from the same file', text: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/tool\nRUN chmod u-s /usr/local/bin/tool\n' },
    { name: 'set, then every bit removed by find', text: 'FROM debian:12\nRUN chmod 4755 /usr/local/bin/tool\nRUN find / -perm /6000 -type f -exec chmod a-s {} +\n' },
    { name: 'the sticky bit on a directory', text: 'FROM debian:12\nRUN chmod 1777 /scratch && chmod +t /shared\n' },
  ],
  invalid: [
    { name: 'u+s', text: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/tool\n', errors: [{ at: 'u+s', message: 'setuid' }] },
    { name: '4755', text: 'FROM debian:12\nRUN chmod 4755 /usr/local/bin/tool\n', errors: [{ at: '4755', message: 'setuid bit (4755)' }] },
    { name: 'g+s', text: 'FROM debian:12\nRUN chmod g+s /srv/shared\n', errors: [{ at: 'g+s', message: 'setgid' }] },
    { name: '+s with -R', text: 'FROM debian:12\nRUN chmod -R +s /opt/tools\n', errors: [{ at: '+s', message: 'setuid/setgid' }] },
    { name: '06755, removed from another file only', text: 'FROM debian:12\nRUN chmod 06755 /a\nRUN chmod u-s /b\n', errors: [{ at: '06755', message: 'setuid/setgid' }] },
  ],
});
