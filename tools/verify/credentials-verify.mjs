// Independent verification of the suite's signed credentials (issue 17) against the live stack, with Node's own
// WebCrypto and zlib: no code or library of the signer. The demo session's admitted candidate (the newest published
// BTS-SAM session of versailles, left by the e2e tests) has a diploma credential and bloc credentials: each verifies
// against the public JWKS and its bit is clear in the signed Bitstring Status List; a tampered one and one signed by
// another key fail here and at the public verify endpoint with their reason; after a revision that changes one of the
// bloc's marks, the old credential's bit is set and the endpoint answers revoked.
// Run after the e2e tests: GATEWAY_URL=http://localhost:8080 KEYCLOAK_URL=http://localhost:8180 node tools/verify/credentials-verify.mjs
// tools/checks/credentials.sh runs it in `./suite test`; it changes a mark of the demo session (a revision after the seal).
import { webcrypto as crypto } from "node:crypto";
import { gunzipSync } from "node:zlib";

const GATEWAY = process.env.GATEWAY_URL, KEYCLOAK = process.env.KEYCLOAK_URL;
const API = `${GATEWAY}/api/evaluations/v1`;
const fail = (message) => { console.error(`credentials-verify: ${message}`); process.exit(1); };
const check = (ok, message) => { if (!ok) fail(message); };
const b64url = (text) => Buffer.from(text, "base64url");

async function token(user) {
  const r = await fetch(`${KEYCLOAK}/realms/bts-suite/protocol/openid-connect/token`, { method: "POST",
    body: new URLSearchParams({ grant_type: "password", client_id: "jury-app", username: user, password: "demo" }) });
  check(r.ok, `no token for ${user}: ${r.status}`);
  return (await r.json()).access_token;
}

async function call(path, { bearer, method = "GET", body, accept = "application/json" } = {}) {
  const headers = { Accept: accept };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body) headers["Content-Type"] = "application/json";
  const r = await fetch(path.startsWith("http") ? path : `${API}${path}`, { method, headers, body: body && JSON.stringify(body) });
  return { status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() };
}

async function verifyJws(jws, jwks) {
  const [h, p, s] = jws.split(".");
  const header = JSON.parse(b64url(h));
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (header.alg !== "ES256" || !jwk) return null;
  const key = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  const ok = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, b64url(s), Buffer.from(`${h}.${p}`));
  return ok ? JSON.parse(b64url(p)) : null;
}

async function revokedBit(vc, jwks) {
  const entry = vc.credentialStatus;
  check(entry?.type === "BitstringStatusListEntry" && entry.statusPurpose === "revocation", "no revocation status entry");
  const list = await call(entry.statusListCredential, { accept: "application/vc+jwt" });
  check(list.status === 200 && list.type.startsWith("application/vc+jwt"), `status list ${entry.statusListCredential}: ${list.status}`);
  const claims = await verifyJws(list.text.trim(), jwks);
  check(claims?.vc?.type?.includes("BitstringStatusListCredential"), "the status list credential does not verify");
  const bits = gunzipSync(b64url(claims.vc.credentialSubject.encodedList.slice(1)));
  check(bits.length * 8 >= 131072, "status list shorter than 131,072 bits");
  const i = Number(entry.statusListIndex);
  return ((bits[i >> 3] >> (7 - (i % 8))) & 1) === 1;
}

// the public check anyone (an employer, a school) makes: no token, through the gateway
async function serverSays(jws) {
  const r = await call("/credentials/verifications", { method: "POST", body: { credential: jws } });
  check(r.status === 200, `verify endpoint answered ${r.status}: ${r.text}`);
  return JSON.parse(r.text);
}

const rectorat = await token("rectorat-versailles");
const president = await token("president-versailles");
const sessions = JSON.parse((await call("/sessions?size=100", { bearer: rectorat })).text).items
  .filter((s) => s.status === "PUBLISHED" && s.certification === "BTS-SAM")
  .sort((a, b) => b.year - a.year); // the newest: the one the demo of this run sealed (each run takes a new year)
check(sessions.length > 0, "no published BTS-SAM session of versailles (the e2e demo session)");
const session = sessions[0].id;
async function sessionCredentials() {
  const bulk = await call(`/credentials/sessions/${session}?size=100`, { bearer: rectorat });
  check(bulk.status === 200, `bulk credentials: ${bulk.status} ${bulk.text}`);
  return JSON.parse(bulk.text).items;
}
let admitted = (await sessionCredentials()).find((c) => c.credentials.some((k) => k.kind === "DIPLOMA"));
check(admitted, "the demo session has no admitted candidate with a diploma credential");
if (!admitted.credentials.some((k) => k.kind === "BLOC")) {
  // a scolaire candidate gets the bloc attestations on request (fiche 000); continuing education and VAE, automatically
  const asked = await call(`/sessions/${session}/candidates/${admitted.candidate}/attestations/requests`, { bearer: rectorat, method: "POST" });
  check(asked.status === 200, `attestation request for ${admitted.candidate}: ${asked.status} ${asked.text}`);
  admitted = (await sessionCredentials()).find((c) => c.candidate === admitted.candidate);
}
const blocs = admitted.credentials.filter((k) => k.kind === "BLOC");
check(blocs.length > 0, `${admitted.candidate} has no bloc credential`);

const jwks = JSON.parse((await call("/credentials/jwks")).text);
for (const c of admitted.credentials) {
  const claims = await verifyJws(c.credential, jwks);
  check(claims?.vc?.type?.includes("OpenBadgeCredential"), `${c.achievement} does not verify`);
  check(claims.jti === c.id && claims.iss === claims.vc.issuer.id, `${c.achievement}: claims do not mirror the credential`);
  check(!(await revokedBit(claims.vc, jwks)), `${c.achievement} is revoked in its status list`);
  check((await serverSays(c.credential)).valid === true, `${c.achievement}: the endpoint does not say valid`);
}
console.log(`credentials-verify: ${admitted.credentials.length} credentials of ${admitted.candidate} verify (diploma + ${blocs.length} blocs)`);

const [h, p, s] = blocs[0].credential.split(".");
const forged = Buffer.from(JSON.stringify({ ...JSON.parse(b64url(p)), sub: "urn:uuid:00000000-0000-0000-0000-000000000000" })).toString("base64url");
const tampered = `${h}.${forged}.${s}`;
check((await verifyJws(tampered, jwks)) === null, "a tampered credential verifies");
check((await serverSays(tampered)).reason === "tampered", "the endpoint does not say tampered");
const foreign = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
const fh = Buffer.from(JSON.stringify({ alg: "ES256", typ: "JWT", kid: "foreign" })).toString("base64url");
const fs = Buffer.from(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, foreign.privateKey, Buffer.from(`${fh}.${p}`))).toString("base64url");
check((await verifyJws(`${fh}.${p}.${fs}`, jwks)) === null, "a credential signed by another key verifies");
check((await serverSays(`${fh}.${p}.${fs}`)).reason === "unknown-key", "the endpoint does not say unknown-key");
console.log("credentials-verify: tampered and foreign-key credentials fail (tampered, unknown-key)");

// a revision that changes one mark of a bloc: that bloc's credential is revoked
const transcript = JSON.parse((await call(`/sessions/${session}/candidates/${admitted.candidate}/transcript`, { bearer: rectorat })).text);
let revoked = null;
for (const bloc of blocs) {
  const units = JSON.parse(b64url(bloc.credential.split(".")[1])).vc.credentialSubject.result.map((r) => r.resultDescription.split("#").pop());
  const unit = transcript.result.unites.find((u) => units.includes(u.unite) && u.note !== null);
  if (!unit) continue;
  const r = await call(`/sessions/${session}/deliberations/revisions`, { bearer: president, method: "POST", body: {
    reason: "credentials-verify: correction of a mark after the seal",
    corrections: [{ candidate: admitted.candidate, epreuve: unit.epreuve, grade: { statut: "NOTE", note: 2 } }] } });
  if (r.status === 201) { revoked = bloc; break; }
}
check(revoked, "no revision could change a mark of the candidate's blocs");
const old = await verifyJws(revoked.credential, jwks);
check(await revokedBit(old.vc, jwks), `${revoked.achievement}: the revision did not set its bit`);
const answer = await serverSays(revoked.credential);
check(answer.valid === false && answer.reason === "revoked", `${revoked.achievement}: the endpoint says ${JSON.stringify(answer)}`);
console.log(`credentials-verify: after revision ${answer.revokedByRevision}, ${revoked.achievement} reports revoked`);
