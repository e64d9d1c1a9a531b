// image-not-pinned in Dockerfiles: FROM without a digest.
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

const DIGEST = 'sha256:4f2bd5a5de4d6a8d4e1cb3c8b7b8e6c2b6a2f7c9e0f1a2b3c4d5e6f7a8b9c0d1';

dockerfileRuleTests('image-not-pinned', {
  valid: [
    { name: 'a digest', text: `FROM node:20@${DIGEST}\n` },
    { name: 'a digest from an ARG default', text: `ARG BASE=node:20@${DIGEST}\nFROM $BASE\n` },
    { name: 'FROM :latest or without a tag is image-latest-tag\'s finding', text: 'FROM node:latest\nFROM alpine\n' },
    { name: 'scratch and stages', text: `FROM golang@${DIGEST} AS build\nFROM build\nFROM scratch\n` },
  ],
  invalid: [
    { name: 'a tag only', text: 'FROM node:20\n', errors: [{ at: 'node:20', message: 'without a digest' }] },
    { name: 'the builder stage too', text: `FROM golang:1.22 AS build\nFROM alpine@${DIGEST}\n`, errors: [{ at: 'golang:1.22', message: 'Stage "build"' }] },
  ],
});
