// The page's first load (issue 12): every module its scripts import, however deep, is named by a
// <link rel="modulepreload"> of index.html, so the browser asks for all of them at once instead of
// finding each only when its importer has arrived and been parsed (pkg/labels.js, imported by
// i18n.js, was asked for 600 ms after the rest at a 4x CPU slowdown). Static: no browser needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL("../../www/", import.meta.url));
const html = readFileSync(path.join(WWW, "index.html"), "utf8");
const attr = (tag, name) => tag.match(new RegExp(`${name}="([^"]+)"`))?.[1];

test("every module the page imports statically is preloaded", () => {
  const preloaded = new Set([...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)].map((m) => attr(m[0], "href")));
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*>/g)].map((m) => attr(m[0], "src"));
  assert.ok(entries.length >= 2, String(entries));
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const full = path.join(WWW, file);
    // pkg/ is built (scripts/build-wasm.sh); without it, what the sources import is still checked
    if (!existsSync(full)) return;
    const text = readFileSync(full, "utf8");
    // static imports only: `import … from "./x.js"` and `import "./x.js"`, not `import("…")`
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;()]*?from\s*["'](\.{1,2}\/[^"']+)["']|^\s*import\s*["'](\.{1,2}\/[^"']+)["']/gm)) {
      walk(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] || m[2])));
    }
  };
  for (const e of entries) walk(e);
  const imported = [...seen].filter((f) => !entries.includes(f) || preloaded.has(f));
  const missing = [...seen].filter((f) => !entries.includes(f) && !preloaded.has(f));
  assert.ok(imported.length >= 12, String([...seen]));
  assert.ok(seen.has("pkg/labels.js"), String([...seen]));
  assert.deepEqual(missing, [], `imported but not preloaded: ${missing}`);
});
