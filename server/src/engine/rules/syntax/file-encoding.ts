import { defineRule } from '../../rule';

/**
 * Emitted by the adapter that read the file's bytes (the CLI), once per file,
 * through `encodingFinding` (engine/encoding.ts): the editor decodes files itself.
 */
export default defineRule({
  meta: {
    id: 'file-encoding',
    title: 'Text encoding kubectl cannot read as written',
    description:
      'The file is not valid UTF-8, or is UTF-16 without a byte-order mark, or not valid UTF-16 after one. kubectl rejects such a file, or applies replacement characters (U+FFFD) instead of the bytes that are there, so what reaches the cluster is not what the file shows. The file is still checked as far as it can be decoded.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      invalidUtf8: 'The file is not valid UTF-8 (the first invalid byte is here): kubectl rejects it or reads replacement characters (U+FFFD) instead. Save it as UTF-8.',
      utf16WithoutBom:
        'The file is UTF-16 ({{byteOrder}}) without a byte-order mark: kubectl and YAML parsers read it as binary and reject it. It was checked as UTF-16; save it as UTF-8, or as UTF-16 with a byte-order mark.',
      invalidUtf16: 'The file starts with a UTF-16 byte-order mark but is not valid UTF-16 here ({{what}}). Save it again as UTF-8 or UTF-16.',
    },
    references: { urls: ['https://www.rfc-editor.org/rfc/rfc3629', 'https://www.rfc-editor.org/rfc/rfc2781'] },
  },
  create: () => ({}),
});
