/**
 * Plaintext secret detection, shared by the rules of rules/secrets/ (and,
 * later, by the compose and Dockerfile adapters through the same EnvVarView):
 * credential-like names, known credential formats, high-entropy strings,
 * placeholders and masking. Pure and linear-time.
 */
export { isCredentialName, isKeyName, nameWords } from './names';
export { echoesName, hasAnglePlaceholder, hasReference, isBooleanLike, isPathLike, isPlaceholder, isRepeatedChar } from './placeholder';
export { base64Text, looksRandom, MIN_RANDOM_LENGTH, printableText, shannonEntropy } from './entropy';
export { connectionPassword, findFormat, findPrivateKey, FORMAT_REGEXES, isPublicKeyMaterial, tokenFormat, tokens, type FormatId, type FormatMatch } from './formats';
export { mask, MAX_SHOWN } from './mask';
export {
  formatEvidence,
  isLiteralCredential,
  judgeSecretValue,
  looksLikeKeyMaterial,
  namedValueEvidence,
  parseSetting,
  randomEvidence,
  settingsEvidence,
  valueEvidence,
  type Evidence,
  type SecretValueJudgment,
} from './detect';
export { encryptionKeys, judgeEncryptionKey, type EncryptionKeyEntry, type EncryptionKeyLevel } from './encryption-keys';
export { configMapView, decodeBase64, secretView, type DataEntry, type DataField, type DataObjectView } from './objects';
