// Figures of an OpenAPI document that the linters do not give directly (used by openapi-lint.sh):
// operations, operationIds, summaries, success answers without a schema (none, or the empty schema {}),
// operations declaring no security, public ones (security: []), operations documenting no 4xx/5xx answer.
// Usage: node openapi-stats.mjs <document.json>
import { readFileSync } from 'node:fs';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ids = new Map();
let operations = 0, withId = 0, withSummary = 0, successes = 0, successesWithoutSchema = 0,
    withoutSecurity = 0, publicOperations = 0, withoutErrors = 0;
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of methods) {
    const op = item[method];
    if (!op) continue;
    operations++;
    if (op.operationId) {
      withId++;
      ids.set(op.operationId, (ids.get(op.operationId) ?? 0) + 1);
    }
    if (op.summary) withSummary++;
    const security = op.security ?? doc.security;
    if (security === undefined) withoutSecurity++;
    else if (security.length === 0 || security.some(s => Object.keys(s).length === 0)) publicOperations++;
    const responses = Object.entries(op.responses ?? {});
    if (!responses.some(([code]) => /^[45]/.test(code))) withoutErrors++;
    for (const [code, response] of responses) {
      if (!/^2/.test(code) || code === '204') continue;
      successes++;
      const resolved = response.$ref ? doc.components?.responses?.[response.$ref.split('/').pop()] ?? {} : response;
      const contents = Object.values(resolved.content ?? {});
      if (contents.length === 0 || contents.some(c => !c.schema || Object.keys(c.schema).length === 0)) successesWithoutSchema++;
    }
  }
}
const duplicates = [...ids].filter(([, n]) => n > 1).map(([id]) => id);
console.log(JSON.stringify({ operations, withOperationId: withId, duplicateOperationIds: duplicates, withSummary,
  successAnswers: successes, successAnswersWithoutSchema: successesWithoutSchema,
  operationsWithoutSecurityDeclaration: withoutSecurity, publicOperations, operationsWithoutErrorAnswer: withoutErrors }));
