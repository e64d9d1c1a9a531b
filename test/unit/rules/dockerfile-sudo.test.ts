// dockerfile-sudo: sudo run as a command in RUN (shell form, exec form, sh -c, heredocs, substitutions).
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('dockerfile-sudo', {
  valid: [
    { name: 'installing the sudo package', text: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    { name: 'sudo as an argument', text: 'FROM debian:12\nRUN echo sudo && grep -q sudo /etc/group\n' },
    { name: 'a sudoers entry', text: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\n' },
    { name: 'sudo in a quoted string that is not run', text: "FROM debian:12\nRUN echo 'sudo make install' >> README\n" },
    { name: 'gosu', text: 'FROM debian:12\nRUN gosu app true\n' },
    { name: 'sudo in CMD', text: 'FROM debian:12\nCMD ["sudo", "-u", "app", "server"]\n' },
    { name: 'a heredoc that is data', text: 'FROM debian:12\nRUN cat <<EOF > /usr/local/bin/run\nsudo -u app server\nEOF\n' },
    { name: 'a comment', text: 'FROM debian:12\nRUN make # then sudo make install\n' },
    { name: 'command -v sudo', text: 'FROM debian:12\nRUN command -v sudo\n' },
  ],
  invalid: [
    { name: 'the first command', text: 'FROM debian:12\nRUN sudo apt-get update\n', errors: [{ at: 'sudo', message: 'RUN uses sudo' }] },
    { name: 'after &&', text: 'FROM debian:12\nRUN apt-get update && sudo apt-get install -y curl\n', errors: [{ at: 'sudo' }] },
    { name: 'on a continuation line', text: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get install -y curl\n', errors: [{ at: 'sudo' }] },
    { name: 'with options', text: 'FROM debian:12\nRUN sudo -u app -H make\n', errors: [{ at: 'sudo' }] },
    { name: 'in a pipeline', text: 'FROM debian:12\nRUN echo x | sudo tee /etc/x\n', errors: [{ at: 'sudo' }] },
    { name: 'the exec form', text: 'FROM debian:12\nRUN ["sudo", "make", "install"]\n', errors: [{ at: '"sudo"' }] },
    { name: 'inside sh -c', text: 'FROM debian:12\nRUN sh -c "make && sudo make install"\n', errors: [{ at: 'sudo' }] },
    { name: 'inside bash -o pipefail -c', text: "FROM debian:12\nRUN bash -o pipefail -c 'cd /src && sudo make'\n", errors: [{ at: 'sudo' }] },
    { name: 'inside the exec form of sh -c', text: 'FROM debian:12\nRUN ["/bin/sh", "-c", "sudo make install"]\n', errors: [{ at: 'sudo' }] },
    { name: 'in a subshell', text: 'FROM debian:12\nRUN (cd /src && sudo make install)\n', errors: [{ at: 'sudo' }] },
    { name: 'in a command substitution', text: 'FROM debian:12\nRUN echo "$(sudo cat /etc/shadow)"\n', errors: [{ at: 'sudo' }] },
    { name: 'in backquotes', text: 'FROM debian:12\nRUN echo `sudo id`\n', errors: [{ at: 'sudo' }] },
    { name: 'after if/then', text: 'FROM debian:12\nRUN if [ -f x ]; then sudo rm x; fi\n', errors: [{ at: 'sudo' }] },
    { name: 'a RUN heredoc script', text: 'FROM debian:12\nRUN <<EOF\nset -e\nsudo apt-get update\nEOF\n', errors: [{ at: 'sudo' }] },
    { name: 'a heredoc read by bash', text: 'FROM debian:12\nRUN bash -e <<EOF\nsudo make\nEOF\n', errors: [{ at: 'sudo' }] },
    { name: 'with RUN flags', text: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt sudo apt-get update\n', errors: [{ at: 'sudo' }] },
    { name: 'ONBUILD RUN', text: 'FROM debian:12\nONBUILD RUN sudo make\n', errors: [{ at: 'sudo' }] },
    { name: 'twice', text: 'FROM debian:12\nRUN sudo a; sudo b\n', errors: [{ at: 'sudo', occurrence: 0 }, { at: 'sudo', occurrence: 1 }] },
    { name: 'an absolute path', text: 'FROM debian:12\nRUN /usr/bin/sudo make\n', errors: [{ at: '/usr/bin/sudo' }] },
  ],
});
