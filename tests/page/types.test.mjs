// The package's TypeScript types: tests/page/types-check.ts must compile under --strict (typescript
// from .tools), using every export with typed inputs and outputs and refusing wrong ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

test("pkg/huimin.d.ts types every input and output (tsc --strict)", () => {
  const tsc = path.join(ROOT, ".tools", "node_modules", ".bin", "tsc");
  const r = spawnSync(tsc, ["--noEmit", "--strict", "--target", "es2022", "--module", "es2022",
    "--moduleResolution", "bundler", "--lib", "esnext,dom", "--skipLibCheck", "false",
    path.join(ROOT, "tests", "page", "types-check.ts")], { encoding: "utf8" });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
