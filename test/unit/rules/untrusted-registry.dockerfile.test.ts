// untrusted-registry in Dockerfiles: FROM, COPY --from and RUN --mount from= images outside shipshape.trustedRegistries.
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { settingsWith } from '../../helpers/rule-tester';

/** Only ghcr.io/my-org is trusted: every other image is reported. */
const narrow = settingsWith({ trustedRegistries: ['ghcr.io/my-org'] });

dockerfileRuleTests('untrusted-registry', {
  valid: [
    { name: 'an official image', text: 'FROM nginx:1.27\n' },
    { name: 'distroless', text: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { name: 'a stage named like an untrusted image', text: 'FROM nginx:1.27 AS etopian\nFROM etopian\n' },
    { name: 'a custom trusted list', text: 'FROM ghcr.io/my-org/base:1\n', settings: settingsWith({ trustedRegistries: ['ghcr.io/my-org'] }) },
    { name: 'COPY --from a stage (any case) or a stage index', text: 'FROM ghcr.io/my-org/go:1 AS Build\nFROM ghcr.io/my-org/base:1\nCOPY --from=build /a /a\nCOPY --from=BUILD /b /b\nCOPY --from=0 /c /c\n', settings: narrow },
    { name: 'COPY --from a stage named like an untrusted image', text: 'FROM golang:1.23 AS quay\nFROM alpine:3.20\nCOPY --from=quay /a /a\n' },
    { name: 'COPY --from a trusted image', text: 'FROM alpine:3.20\nCOPY --from=registry.k8s.io/pause:3.10 /pause /pause\nCOPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/\n' },
    { name: 'a bare name: a build context or a stage, not judged', text: 'FROM ghcr.io/my-org/base:1\nCOPY --from=deps /a /a\nRUN --mount=from=src,target=/src make\n', settings: narrow },
    { name: 'RUN --mount from a stage, and mounts without from', text: 'FROM ghcr.io/my-org/go:1 AS builder\nFROM ghcr.io/my-org/base:1\nRUN --mount=type=bind,from=builder,source=/out,target=/out --mount=type=cache,target=/root/.cache true\n', settings: narrow },
    { name: 'a variable without a value is not judged', text: 'FROM ghcr.io/my-org/base:1\nARG TOOLS\nCOPY --from=${TOOLS} /a /a\n', settings: narrow },
    { name: 'a variable that resolves to a stage', text: 'FROM ghcr.io/my-org/go:1 AS build\nFROM ghcr.io/my-org/base:1\nARG STAGE=build\nCOPY --from=${STAGE} /a /a\n', settings: narrow },
    { name: 'scratch', text: 'FROM ghcr.io/my-org/base:1\nCOPY --from=scratch / /x\n', settings: narrow },
  ],
  invalid: [
    { name: 'a Docker Hub user image', text: 'FROM etopian/x:1\n', errors: [{ at: 'etopian/x:1', message: 'from docker.io/etopian/x' }] },
    { name: 'another registry', text: 'FROM quay.io/prometheus/busybox:latest\n', errors: [{ at: 'quay.io/prometheus/busybox:latest', message: 'quay.io/prometheus/busybox' }] },
    { name: 'through an ARG default', text: 'ARG REGISTRY=registry.example.com\nFROM ${REGISTRY}/base:1 AS base\n', errors: [{ at: '${REGISTRY}/base:1', message: 'registry.example.com/base' }] },
    { name: 'outside a custom list', text: 'FROM nginx:1.27\n', settings: settingsWith({ trustedRegistries: ['ghcr.io/my-org'] }), errors: [{ at: 'nginx:1.27' }] },
    {
      name: 'issue 16: COPY --from an image',
      text: 'FROM alpine:3.20\nCOPY --from=quay.io/evil/tools:1 /bin/x /bin/x\n',
      errors: [{ at: 'quay.io/evil/tools:1', message: ['COPY --from in stage 0 uses image "quay.io/evil/tools:1" from quay.io/evil/tools'] }],
    },
    {
      name: 'issue 16: RUN --mount from an image',
      text: 'FROM alpine:3.20\nRUN --mount=type=bind,from=quay.io/evil/tools:2,source=/x,target=/x /x/run\n',
      errors: [{ at: 'quay.io/evil/tools:2', message: 'RUN --mount in stage 0 uses image "quay.io/evil/tools:2"' }],
    },
    {
      name: 'a Docker Hub user image, several mounts, a quoted field, a continuation',
      text: 'FROM alpine:3.20 AS app\nRUN --mount=type=cache,target=/c \\\n    --mount="type=bind,from=etopian/x:1,target=/x" true\nCOPY --link --from=gloursdocker/docker / /\n',
      errors: [
        { at: 'etopian/x:1', message: 'RUN --mount in stage "app" uses image "etopian/x:1" from docker.io/etopian/x' },
        { at: 'gloursdocker/docker', message: 'COPY --from in stage "app"' },
      ],
    },
    {
      name: 'ARG substitution with the stage\'s values, the span on the reference as written',
      text: 'ARG REGISTRY=registry.example.com\nFROM alpine:3.20\nARG REGISTRY\nARG TAG=1.2\nCOPY --from=${REGISTRY}/tools:${TAG} /x /x\n',
      errors: [{ at: '${REGISTRY}/tools:${TAG}', message: 'uses image "registry.example.com/tools:1.2" from registry.example.com/tools' }],
    },
    {
      name: 'a quoted COPY --from value',
      text: 'FROM alpine:3.20\nCOPY --from="quay.io/evil/tools:3" /x /x\n',
      errors: [{ at: 'quay.io/evil/tools:3', message: 'COPY --from in stage 0' }],
    },
    {
      name: 'a bare official image with a tag, outside a narrowed list',
      text: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n',
      settings: narrow,
      errors: [{ at: 'alpine:3.20' }, { at: 'busybox:1.36', message: 'docker.io/library/busybox' }],
    },
  ],
});
