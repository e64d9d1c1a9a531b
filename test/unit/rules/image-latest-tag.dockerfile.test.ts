// image-latest-tag in Dockerfiles: every FROM base image (not scratch, not an earlier stage), ARG defaults resolved.
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('image-latest-tag', {
  valid: [
    { name: 'a tag', text: 'FROM node:20.11-alpine\n' },
    { name: 'a digest', text: 'FROM node@sha256:4f2bd5a5de4d6a8d4e1cb3c8b7b8e6c2b6a2f7c9e0f1a2b3c4d5e6f7a8b9c0d1\n' },
    { name: 'scratch', text: 'FROM scratch\nCOPY app /\n' },
    { name: 'an earlier stage', text: 'FROM golang:1.22 AS build\nFROM build AS test\n' },
    { name: 'an earlier stage, names compared case-insensitively', text: 'FROM golang:1.22 AS Build\nFROM BUILD\n' },
    { name: 'a variable without a default', text: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'a tag from an ARG default', text: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' },
    { name: 'a platform variable in the tag', text: 'FROM golang:1.22-${TARGETARCH}\n' },
    { name: 'an ARG declared after the FROM does not apply to it', text: 'FROM node:20\nARG BASE=node\n' },
  ],
  invalid: [
    { name: 'FROM node', text: 'FROM node\n', errors: [{ at: 'node', message: 'Stage 0 uses image "node" without a tag or digest' }] },
    { name: 'FROM node:latest AS build', text: 'FROM node:latest AS build\n', errors: [{ at: 'node:latest', message: ['Stage "build"', 'mutable latest tag'] }] },
    { name: '--platform', text: 'FROM --platform=$BUILDPLATFORM golang AS build\n', errors: [{ at: 'golang', occurrence: 0 }] },
    { name: 'an ARG default', text: 'ARG BASE=node\nFROM ${BASE}\n', errors: [{ at: '${BASE}', message: 'image "node"' }] },
    { name: 'a $VAR default', text: 'ARG BASE=debian:latest\nFROM $BASE AS x\n', errors: [{ at: '$BASE', message: 'image "debian:latest"' }] },
    { name: 'a ${VAR:-default} default', text: 'FROM ${BASE:-alpine}\n', errors: [{ at: '${BASE:-alpine}', message: 'image "alpine"' }] },
    { name: 'a later stage name is still an image', text: 'FROM app\nFROM node:20 AS app\n', errors: [{ at: 'app', occurrence: 0 }] },
    { name: 'in every stage', text: 'FROM golang AS build\nFROM alpine\n', errors: [{ at: 'golang' }, { at: 'alpine' }] },
    { name: 'lower-case from and as', text: 'from redis as cache\n', errors: [{ at: 'redis', message: 'Stage "cache"' }] },
  ],
});
