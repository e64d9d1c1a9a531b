// Images built in the project (issue 19, "Will it start?"): image names matched leniently, links from compose files,
// skaffold configs and the folder heuristic, and what a Dockerfile says of the image (user, EXPOSE, start-time writes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltImages, composeLinks, fileLinks, mayBeCompose, skaffoldLinks } from '../../../server/src/engine/project/images/built-images';
import type { ImageLink } from '../../../server/src/engine/project/images/types';
import { covers, describePorts, exposedPorts, imageUser, volumes, writePaths } from '../../../server/src/engine/project/images/image-facts';
import { imageName, matchImage } from '../../../server/src/engine/project/images/image-match';
import { ProjectIndex } from '../../../server/src/engine/project/index';
import { parseDockerfile } from '../../../server/src/engine/parse/dockerfile';
import { DockerfileView } from '../../../server/src/engine/views/dockerfile';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { imageHoverAt } from '../../../server/src/engine/project/relations/image-containers';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';
import { join } from 'node:path';

const df = (text: string) => new DockerfileView(parseDockerfile(text));
const match = (built: string, used: string) => matchImage(imageName(built)!, imageName(used)!);

describe('image names', () => {
  it('tags and digests are ignored; Docker Hub spellings are one name', () => {
    assert.deepEqual(imageName('ghcr.io/acme/orders-api:1.2'), { registry: 'ghcr.io', path: 'acme/orders-api' });
    assert.equal(match('ghcr.io/acme/api:dev', 'ghcr.io/acme/api@sha256:' + '0'.repeat(64)), 'exact');
    assert.equal(match('nginx', 'docker.io/library/nginx:1.27'), 'lenient');
    assert.equal(match('index.docker.io/library/nginx', 'docker.io/library/nginx'), 'exact');
    assert.equal(imageName('${IMAGE}'), undefined);
  });

  it('registries: equal when both are written; a name without one matches the same trailing path', () => {
    assert.equal(match('ghcr.io/acme/api', 'registry.example.com/acme/api'), undefined);
    assert.equal(match('orders-api', 'ghcr.io/acme/orders-api:1.2'), 'lenient');
    assert.equal(match('acme/orders-api', 'ghcr.io/acme/orders-api'), 'lenient');
    assert.equal(match('ghcr.io/acme/orders-api', 'orders-api'), 'lenient');
    assert.equal(match('orders-api', 'ghcr.io/acme/billing'), undefined);
    assert.equal(match('nginx', 'bitnami/nginx'), undefined, 'two Docker Hub names must be equal');
    assert.equal(match('myorders-api', 'ghcr.io/acme/orders-api'), undefined, 'whole segments only');
  });
});

describe('links', () => {
  const files: Record<string, string> = {
    '/p/api/Dockerfile': 'FROM alpine\nUSER 0\n',
    '/p/api/Dockerfile.dev': 'FROM alpine\n',
    '/p/svc/orders-api/Dockerfile': 'FROM alpine\nUSER app\n',
    '/p/svc/billing/Dockerfile': 'FROM alpine\n',
    '/p/tools/billing/Dockerfile': 'FROM alpine\n',
    '/p/svc/nginx/Dockerfile': 'FROM nginx\n',
  };
  const images = (declared: ImageLink[], dockerfiles = Object.keys(files)) => new BuiltImages({ declared, dockerfiles, readText: (p) => files[p], root: '/p' });

  it('compose: build (a context or a map) with image; inline and remote builds, and builds without image, are not links', () => {
    const text = [
      'services:',
      '  api: {build: ./api, image: "ghcr.io/acme/api:dev"}',
      '  dev:',
      '    build: {context: api, dockerfile: Dockerfile.dev}',
      '    image: ghcr.io/acme/api-dev',
      '  inline: {build: {dockerfile_inline: "FROM x"}, image: a/b}',
      '  remote: {build: "https://github.com/acme/x.git", image: a/c}',
      '  noimage: {build: .}',
      '  pulled: {image: redis}',
    ].join('\n');
    assert.equal(mayBeCompose(text), true);
    const links = composeLinks('/p/compose.yaml', text);
    assert.deepEqual(links.map((l) => [l.image, l.dockerfile, l.how]), [
      ['ghcr.io/acme/api:dev', '/p/api/Dockerfile', 'compose.yaml service "api"'],
      ['ghcr.io/acme/api-dev', '/p/api/Dockerfile.dev', 'compose.yaml service "dev"'],
    ]);
    assert.equal(text.slice(links[0]!.declaredAt!.span.start, links[0]!.declaredAt!.span.end), '"ghcr.io/acme/api:dev"');
    assert.deepEqual(composeLinks('/p/k.yaml', 'apiVersion: v1\nkind: List\nservices: {a: {build: ., image: x/y}}\n'), [], 'a Kubernetes object is no compose file');
  });

  it('skaffold: artifacts of the docker (default) and kaniko builders, from v2 to v4; other builders and profiles are left out', () => {
    const text = [
      'apiVersion: skaffold/v4beta11',
      'kind: Config',
      'build:',
      '  artifacts:',
      '    - image: orders-api',
      '      context: svc/orders',
      '      docker: {dockerfile: build/Dockerfile}',
      '    - image: plain',
      '    - image: k',
      '      kaniko: {dockerfile: Kfile}',
      '    - image: j',
      '      jib: {}',
      'profiles:',
      '  - name: dev',
      '    build: {artifacts: [{image: from-profile}]}',
      '---',
      'apiVersion: skaffold/v2beta29',
      'kind: Config',
      'build: {artifacts: [{image: old, context: old}]}',
      '---',
      'apiVersion: skaffold/v1',
      'kind: Config',
      'build: {artifacts: [{image: too-old}]}',
    ].join('\n');
    const index = ProjectIndex.build({ plain: [{ file: '/p/skaffold.yaml', text }], builds: [] });
    assert.deepEqual(skaffoldLinks(index.objects).map((l) => [l.image, l.dockerfile, l.how]), [
      ['orders-api', '/p/svc/orders/build/Dockerfile', 'skaffold.yaml artifact'],
      ['plain', '/p/Dockerfile', 'skaffold.yaml artifact'],
      ['k', '/p/Kfile', 'skaffold.yaml artifact'],
      ['old', '/p/old/Dockerfile', 'skaffold.yaml artifact'],
    ]);
  });

  it('an exact name wins over a lenient one; matches with different Dockerfiles link nothing; a missing Dockerfile is no link', () => {
    const link = (image: string, dockerfile: string): ImageLink => ({ image, name: imageName(image)!, dockerfile, source: 'compose', how: 'test' });
    const built = images([link('api', '/p/api/Dockerfile.dev'), link('ghcr.io/acme/api', '/p/api/Dockerfile'), link('ghcr.io/other/x', '/p/missing/Dockerfile')]);
    assert.equal(built.linkFor('ghcr.io/acme/api:2')?.dockerfile, '/p/api/Dockerfile');
    assert.equal(built.linkFor('api:2')?.dockerfile, '/p/api/Dockerfile.dev');
    assert.equal(built.linkFor('ghcr.io/other/x'), undefined);
    const ambiguous = images([link('ghcr.io/acme/api', '/p/api/Dockerfile'), link('ghcr.io/acme/api:dev', '/p/api/Dockerfile.dev')]);
    assert.equal(ambiguous.linkFor('ghcr.io/acme/api:1'), undefined);
    assert.equal(built.describe(built.linkFor('ghcr.io/acme/api')!), 'api/Dockerfile (test)');
  });

  it('folder heuristic: exactly one Dockerfile in a folder named like the repository, never for official images', () => {
    const built = images([]);
    const l = built.linkFor('ghcr.io/acme/orders-api:1.2')!;
    assert.deepEqual([l.dockerfile, l.source, l.how], ['/p/svc/orders-api/Dockerfile', 'folder', 'folder name matches the image name']);
    assert.equal(built.linkFor('acme/orders-api')?.dockerfile, '/p/svc/orders-api/Dockerfile');
    assert.equal(built.linkFor('ghcr.io/acme/billing'), undefined, 'two billing folders');
    assert.equal(built.linkFor('nginx:1.27'), undefined, 'official images are pulled');
    assert.equal(built.linkFor('ghcr.io/acme/nginx')?.dockerfile, '/p/svc/nginx/Dockerfile');
    assert.equal(built.linkFor('ghcr.io/acme/api'), undefined, 'two Dockerfiles in api/ are not "exactly one"');
    assert.equal(images([], []).empty, true);
  });
});

describe('what a Dockerfile says of its image', () => {
  it('user: the last USER of the final stage or the stages it builds on; scratch without USER; unknown otherwise', () => {
    assert.deepEqual(pick(imageUser(df('FROM alpine\nUSER 0:0\n'))), { kind: 'uid', uid: 0, written: '0:0' });
    assert.deepEqual(pick(imageUser(df('FROM alpine AS b\nUSER app\nFROM b\nRUN x\n'))), { kind: 'name', name: 'app', written: 'app' });
    assert.deepEqual(pick(imageUser(df('ARG U=10001\nFROM alpine\nARG U\nUSER ${U}\n'))), { kind: 'uid', uid: 10001, written: '10001' });
    assert.deepEqual(pick(imageUser(df('FROM golang AS build\nUSER 0\nFROM scratch\nCOPY --from=build /a /a\n'))), { kind: 'none' });
    assert.equal(imageUser(df('FROM alpine\nRUN x\n')), undefined, 'the base image decides');
    assert.equal(imageUser(df('FROM alpine\nUSER ${NOPE}\n')), undefined);
  });

  it('EXPOSE: numbers, protocols and ranges; an unresolved variable makes the list unknown', () => {
    const ports = exposedPorts(df('FROM a\nEXPOSE 8080 53/udp\nEXPOSE 9000-9001/TCP\n'))!;
    assert.equal(describePorts(ports), '8080/tcp, 53/udp, 9000-9001/tcp');
    assert.equal(exposedPorts(df('FROM a\nEXPOSE $PORT\n')), undefined);
    assert.deepEqual(exposedPorts(df('FROM a\n')), []);
  });

  it('writes at start: redirections, tee/touch/mkdir, /tmp paths, nginx bases; replaced by command and args', () => {
    const none = { command: false, args: false };
    const paths = (text: string, o = none) => writePaths(df(text), o).map((w) => `${w.path}@${w.mount}`);
    assert.deepEqual(paths('FROM a\nCMD ["sh", "-c", "app > /var/log/app.log 2>/dev/null"]\n'), ['/var/log/app.log@/var/log']);
    assert.deepEqual(paths('FROM a\nENTRYPOINT app --pid-file=/tmp/app.pid | tee -a /logs/out\n'), ['/tmp/app.pid@/tmp', '/logs/out@/logs']);
    assert.deepEqual(paths('FROM a\nCMD mkdir -p /work && app\n'), ['/work@/work']);
    assert.deepEqual(paths('FROM a\nCMD app > $LOG\n'), [], 'variables are not judged');
    assert.deepEqual(paths('FROM nginx:1.27-alpine\nCOPY x /y\n'), ['/var/cache/nginx@/var/cache/nginx', '/var/run@/var/run']);
    assert.deepEqual(paths('FROM nginx\nCMD ["nginx", "-g", "daemon off;"]\n'), ['/var/cache/nginx@/var/cache/nginx', '/var/run@/var/run']);
    assert.deepEqual(paths('FROM nginx\nCMD ["/bin/other"]\n'), [], 'the base start command is replaced');
    assert.deepEqual(paths('FROM nginxinc/nginx-unprivileged\n'), ['/tmp@/tmp']);
    // The Dockerfile may move nginx's paths: files beside nginx.conf can move the temp folders, only nginx.conf the pid file.
    assert.deepEqual(paths('FROM nginx\nCOPY ["site", "/usr/share/nginx/html"]\n'), ['/var/cache/nginx@/var/cache/nginx', '/var/run@/var/run']);
    assert.deepEqual(paths('FROM nginx\nCOPY --chown=101 default.conf /etc/nginx/conf.d/\n'), ['/var/run@/var/run']);
    assert.deepEqual(paths('FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\n'), []);
    assert.deepEqual(paths('FROM nginx\nCOPY ["conf", "/etc/nginx"]\n'), []);
    assert.deepEqual(paths("FROM nginx\nRUN sed -i 's,/var/run/nginx.pid,/tmp/nginx.pid,' /etc/nginx/nginx.conf\n"), []);
    assert.deepEqual(paths('FROM nginx\n', { command: false, args: true }), []);
    assert.deepEqual(paths('FROM a\nENTRYPOINT ["sh", "-c", "app > /x/y"]\n', { command: true, args: false }), []);
    assert.deepEqual(paths('FROM a\nENTRYPOINT ["sh", "-c", "app > /x/y"]\n', { command: false, args: true }), ['/x/y@/x'], 'args replace CMD only');
  });

  it('volumes and mounts cover a path and its subfolders; /var/run is /run', () => {
    assert.deepEqual(volumes(df('FROM a AS b\nVOLUME /data\nFROM b\nVOLUME ["/cache", "/x"]\n')), ['/cache', '/x', '/data'], 'the final stage first');
    assert.equal(covers('/var/log', '/var/log/app.log'), true);
    assert.equal(covers('/var/log/', '/var/log'), true);
    assert.equal(covers('/var/lo', '/var/log/app.log'), false);
    assert.equal(covers('/run', '/var/run'), true);
    assert.equal(covers('/var/run', '/run/nginx.pid'), true);
  });
});

function pick(user: ReturnType<typeof imageUser>): Record<string, unknown> | undefined {
  if (!user) return undefined;
  const { at: _at, ...rest } = user;
  return rest;
}

describe('the project: image sources that are not linted, and the hover text of an image', () => {
  const root = join(__dirname, '..', '..', 'fixtures', 'project', 'relations');
  const host = diskHost();
  const lint = (files: string[], imageSources?: string[]) => lintProject(host, files, { settingsFor: () => DEFAULT_SETTINGS, root: join(root, 'images-skaffold'), ...(imageSources ? { imageSources } : {}) });
  const manifest = join(root, 'images-skaffold', 'k8s', 'deploy.yaml');
  const skaffold = join(root, 'images-skaffold', 'skaffold.yaml');
  const imageAt = (host.readFile(manifest) ?? '').indexOf('ghcr.io/acme/orders-api');

  it('a manifest alone links nothing; with the skaffold config as an image source it does, and only the manifest is linted', () => {
    const alone = lint([manifest]);
    assert.equal(imageHoverAt(alone.index!, manifest, imageAt), undefined);
    assert.ok(!alone.files.get(manifest)!.some((f) => f.ruleId === 'run-as-non-root-image-root'));
    const linked = lint([manifest], [skaffold]);
    assert.deepEqual([...linked.files.keys()], [manifest]);
    assert.ok(linked.files.get(manifest)!.some((f) => f.ruleId === 'run-as-non-root-image-root'));
    const hover = imageHoverAt(linked.index!, manifest, imageAt + 3)!;
    assert.equal(hover.text, 'Built from services/orders/build/Dockerfile (skaffold.yaml artifact)');
    assert.equal((host.readFile(manifest) ?? '').slice(hover.span.start, hover.span.end), 'ghcr.io/acme/orders-api:1.2');
    assert.equal(imageHoverAt(linked.index!, manifest, imageAt - 10), undefined, 'not on the image value');
  });

  it('through a kustomize overlay, the hover is where the overlay set the image', () => {
    const dir = join(root, 'images-folder');
    const files = ['deploy/base/kustomization.yaml', 'deploy/base/deployment.yaml', 'deploy/overlays/prod/kustomization.yaml', 'services/orders-api/Dockerfile'].map((f) => join(dir, f));
    const result = lintProject(host, files, { settingsFor: () => DEFAULT_SETTINGS, root: dir });
    const overlay = files[2]!;
    const at = (host.readFile(overlay) ?? '').indexOf('"1.2"');
    assert.equal(imageHoverAt(result.index!, overlay, at)?.text, 'Built from services/orders-api/Dockerfile (folder name matches the image name)');
  });
});

describe('the containers judged with their images', () => {
  const files: Record<string, string> = {
    '/w/compose.yaml': 'services:\n  app:\n    build: ./app\n    image: acme/app\n',
    '/w/app/Dockerfile': 'FROM alpine\nUSER 0\n',
    '/w/pods.yaml': [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: init}',
      'spec:',
      '  securityContext: {runAsNonRoot: true}',
      '  initContainers: [{name: setup, image: acme/app:1}]',
      '  ephemeralContainers: [{name: debug, image: acme/app:1}]',
      '  containers:',
      '    - {name: opted-out, image: acme/app:1, securityContext: {runAsNonRoot: false}}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: windows}',
      'spec:',
      '  os: {name: windows}',
      '  securityContext: {runAsNonRoot: true}',
      '  containers: [{name: app, image: acme/app:1}]',
      '',
    ].join('\n'),
  };
  const host = memoryHost(files);
  const findings = (imageSources: string[]) =>
    (lintProject(host, ['/w/pods.yaml'], { settingsFor: () => DEFAULT_SETTINGS, imageSources }).files.get('/w/pods.yaml') ?? []).filter((f) => f.ruleId === 'run-as-non-root-image-root');

  it('init and ephemeral containers are judged; a container that turns runAsNonRoot off and a Windows pod are not', () => {
    assert.deepEqual(findings(['/w/compose.yaml', '/w/app/Dockerfile']).map((f) => f.message.slice(0, f.message.indexOf(':'))), [
      'The kubelet will not start init container "setup"',
      'The kubelet will not start ephemeral container "debug"',
    ]);
    assert.deepEqual(findings([]), [], 'without the compose file, nothing links the image');
    assert.deepEqual(fileLinks('/w/compose.yaml', files['/w/compose.yaml']!).map((l) => l.dockerfile), ['/w/app/Dockerfile']);
    assert.deepEqual(fileLinks('/w/other.yaml', 'apiVersion: v1\nkind: ConfigMap\n'), []);
  });
});
