// What the browser benchmarks share (bench-browser.mjs, bench-first.mjs, bench-evaluate-ab.mjs):
// Debian's Chromium through playwright-core from .tools/, the command line's `--name value`
// options, a page folder served by scripts/serve.py, the median, and SPEC §8's six-member household.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { readFileSync } from "node:fs";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(path.join(ROOT, ".tools", "package.json"));
const { chromium } = require("playwright-core");

const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Headless Debian Chromium. */
export const launch = () => chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });

/** The value after `name` on the command line, else `dflt`. */
export const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};

/** Serves `dir` (a page folder with its pkg/) on a free port: `{ server, base }`. */
export function serve(dir) {
  const server = spawn("python3", [path.join(ROOT, "scripts", "serve.py"), "--port", "0", "--root", dir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => server.stdout.once("data", (d) => resolve({ server, base: String(d).trim() })));
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The six-member household of SPEC §8's evaluate budget (also used by the tests). */
export const SIX = JSON.parse(readFileSync(path.join(ROOT, "tests", "support", "six-members.json"), "utf8"));
