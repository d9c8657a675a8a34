// Validates the committed JSON Schemas with ajv in strict mode (draft-07, ajv-formats) and
// validates documents against them. Run by tests/schema.rs.
//
// Input on stdin (JSON):
//   { "modules": "<node_modules>", "keywords": ["markdownDescription", ...],
//     "schemas": [ { "name": "...", "schema": {...}, "documents": [ { "name": "...", "data": ... } ] } ] }
// `keywords` are the editor's keywords (yaml-language-server), declared to ajv so that strict
// mode accepts them and still refuses every other unknown keyword.
// Output on stdout (JSON): per schema { name, error: null | "...", documents: [ { name, errors } ] }.
"use strict";
const fs = require("fs");
const path = require("path");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const Ajv = require(path.join(input.modules, "ajv"));
const addFormats = require(path.join(input.modules, "ajv-formats"));

const out = input.schemas.map((s) => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(input.keywords);
  let validate;
  try {
    validate = ajv.compile(s.schema);
  } catch (e) {
    return { name: s.name, error: String(e.message), documents: [] };
  }
  const documents = s.documents.map((d) => ({
    name: d.name,
    errors: validate(d.data) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`),
  }));
  return { name: s.name, error: null, documents };
});
process.stdout.write(JSON.stringify(out) + "\n");
