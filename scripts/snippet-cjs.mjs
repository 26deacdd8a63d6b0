// Makes wasm-bindgen's snippets (ES modules) CommonJS, for the Node build (`--target nodejs`,
// whose glue `require`s them): `export function f` becomes `function f` plus `module.exports`.
// Only that form is accepted; any other import or export fails the build.
//   node scripts/snippet-cjs.mjs DIR      (every .js file under DIR, in place)
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (name.endsWith(".js")) yield p;
  }
}

const [dir] = process.argv.slice(2);
for (const file of files(dir)) {
  const names = [];
  const text = readFileSync(file, "utf8").replace(/^export function (\w+)/gm, (_, name) => {
    names.push(name);
    return `function ${name}`;
  });
  const left = text.match(/^\s*(export|import)\b.*$/m);
  if (left) throw new Error(`${file}: cannot make CommonJS: ${left[0]}`);
  writeFileSync(file, `"use strict";\n${text}\nmodule.exports = { ${names.join(", ")} };\n`);
}
