import { defineRule } from '../../rule';

/** Emitted by the engine for JSON configuration files (daemon.json, ABAC policy lines) that do not parse or have the wrong shape. */
export default defineRule({
  meta: {
    id: 'json-syntax',
    title: 'JSON configuration syntax error',
    description:
      'A JSON configuration file (the Docker daemon\'s daemon.json, a line of an ABAC policy file) is not valid JSON or not the shape its reader expects, so it was not checked. dockerd refuses to start on a bad daemon.json, and the API server refuses a bad ABAC policy file.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      parse: 'JSON syntax error: {{message}} (this file was not checked).',
      notObject: 'daemon.json must hold one JSON object (this file was not checked).',
      abacLine: 'Line {{line}} of this ABAC policy file is not a valid policy: {{message}}. The API server refuses to start with it.',
      crash: 'This file could not be checked: {{message}}.',
    },
    references: { urls: ['https://www.rfc-editor.org/rfc/rfc8259', 'https://kubernetes.io/docs/reference/access-authn-authz/abac/#policy-file-format'] },
  },
  create: () => ({}),
});
