#!/usr/bin/env node
// An académie's credential issuer key (issue 17) for production, made with Node's own WebCrypto (no npm package):
//
//   node tools/credentials/issuer-key.mjs new    <académie> <directory>   writes <directory>/<académie>.jwk
//   node tools/credentials/issuer-key.mjs rotate <académie> <directory>   moves the current public key into
//                                                                         <académie>.retired.jwks, then writes a new key
//
// The key is what evaluation-service reads from bts.credentials.key-directory (CREDENTIALS_KEY_DIR): a private EC
// P-256 JWK whose kid is its RFC 7638 thumbprint (SHA-256, base64url), the form the service generates for the demo
// stack. Files are written with mode 0600 and never overwritten. Then, for Kubernetes (deploy/k8s/secrets.example.yaml):
//   kubectl -n bts-suite create secret generic bts-suite-credential-keys --from-file=<directory> \
//     --dry-run=client -o yaml | kubectl apply -f -
// A rotated key keeps verifying what it signed: its public part stays published (JWKS) from the retired set; its
// private part is deleted.
import { webcrypto as crypto, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const ACADEMIE = /^[a-z0-9][a-z0-9-]{0,62}$/;

function fail(message) {
  console.error(`issuer-key: ${message}`);
  process.exit(2);
}

function thumbprint(jwk) {
  // RFC 7638 §3.2: the required members of an EC key, in lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

async function newKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const exported = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const jwk = { kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y, d: exported.d };
  return { ...jwk, kid: thumbprint(jwk) };
}

function writeNew(file, json) {
  writeFileSync(file, JSON.stringify(json) + '\n', { mode: 0o600, flag: 'wx' });
}

const [command, academie, directory] = process.argv.slice(2);
if (!['new', 'rotate'].includes(command) || !academie || !directory) {
  fail('usage: issuer-key.mjs new|rotate <académie> <directory>');
}
if (!ACADEMIE.test(academie)) {
  fail(`"${academie}" is not an académie code (lower-case letters, digits and hyphens, at most 63)`);
}
mkdirSync(directory, { recursive: true, mode: 0o700 });
const current = join(directory, `${academie}.jwk`);
const retired = join(directory, `${academie}.retired.jwks`);

if (command === 'new' && existsSync(current)) {
  fail(`${current} exists: use "rotate" to replace it (its public key then stays published as retired)`);
}
if (command === 'rotate') {
  if (!existsSync(current)) {
    fail(`${current} does not exist: nothing to rotate (use "new")`);
  }
  const old = JSON.parse(readFileSync(current, 'utf8'));
  const { d, ...publicPart } = old;
  const set = existsSync(retired) ? JSON.parse(readFileSync(retired, 'utf8')) : { keys: [] };
  if (!set.keys.some(k => k.kid === publicPart.kid)) {
    set.keys.push(publicPart);
  }
  writeFileSync(retired + '.tmp', JSON.stringify(set) + '\n', { mode: 0o600 });
  renameSync(retired + '.tmp', retired);
  // The retired private key is destroyed: it must never sign again, and the directory becomes the secret as it is.
  unlinkSync(current);
  console.log(`issuer-key: ${publicPart.kid} retired into ${retired} (public part kept; private key deleted)`);
}
const key = await newKey();
writeNew(current, key);
console.log(`issuer-key: ${current} written (kid ${key.kid})`);
