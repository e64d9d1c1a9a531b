// untrusted-registry in Dockerfiles: FROM images outside shipshape.trustedRegistries.
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { settingsWith } from '../../helpers/rule-tester';

dockerfileRuleTests('untrusted-registry', {
  valid: [
    { name: 'an official image', text: 'FROM nginx:1.27\n' },
    { name: 'distroless', text: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { name: 'a stage named like an untrusted image', text: 'FROM nginx:1.27 AS etopian\nFROM etopian\n' },
    { name: 'a custom trusted list', text: 'FROM ghcr.io/my-org/base:1\n', settings: settingsWith({ trustedRegistries: ['ghcr.io/my-org'] }) },
  ],
  invalid: [
    { name: 'a Docker Hub user image', text: 'FROM etopian/x:1\n', errors: [{ at: 'etopian/x:1', message: 'from docker.io/etopian/x' }] },
    { name: 'another registry', text: 'FROM quay.io/prometheus/busybox:latest\n', errors: [{ at: 'quay.io/prometheus/busybox:latest', message: 'quay.io/prometheus/busybox' }] },
    { name: 'through an ARG default', text: 'ARG REGISTRY=registry.example.com\nFROM ${REGISTRY}/base:1 AS base\n', errors: [{ at: '${REGISTRY}/base:1', message: 'registry.example.com/base' }] },
    { name: 'outside a custom list', text: 'FROM nginx:1.27\n', settings: settingsWith({ trustedRegistries: ['ghcr.io/my-org'] }), errors: [{ at: 'nginx:1.27' }] },
  ],
});
