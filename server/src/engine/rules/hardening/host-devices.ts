import { defineRule } from '../../rule';

/** compose `devices:` (docker run --device): host devices inside the container. */
export default defineRule({
  meta: {
    id: 'host-devices',
    title: 'Host device exposed to a container',
    description:
      'A host device mapped into a container (devices:) gives it direct access to hardware or kernel interfaces, with read, write and mknod permissions unless restricted: a disk device alone is the whole host file system.',
    defaultSeverity: 'warning',
    category: 'hardening',
    messages: {
      compose: '{{owner}} maps the host device {{device}} into the container.',
    },
    references: {
      cisDocker: ['5.18'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#devices'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        for (const item of s.items('devices')) {
          const device = item.value.split(':')[0]!;
          ctx.report({ messageId: 'compose', data: { owner: s.owner, device }, at: item.span, container: s.name });
        }
      },
    };
  },
});
