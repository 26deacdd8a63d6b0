// What the page tests share: the repository root, Chromium's flags (TOOLCHAIN.md), and the page
// served by scripts/serve.py on a free 127.0.0.1 port with Debian's Chromium launched beside it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const ARTIFACTS = path.join(ROOT, "tests", "artifacts");
const require = createRequire(path.join(ROOT, ".tools", "package.json"));
export const { chromium } = require("playwright-core");
export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Serves the page and launches Chromium: `{ base, browser, stop }`. */
export async function servePage(extraArgs = []) {
  const server = spawn("python3", [path.join(ROOT, "scripts", "serve.py"), "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise((resolve, reject) => {
    server.stdout.once("data", (d) => resolve(String(d).trim()));
    server.once("exit", (code) => reject(new Error(`scripts/serve.py exited with ${code}`)));
  });
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...extraArgs] });
  const stop = async () => {
    await browser.close();
    server.kill();
  };
  return { base, browser, stop };
}

/**
 * Serves any folder (Python's http.server, bound to 127.0.0.1, a free port): for pages that are
 * not www/, such as a portal's site made by a test. `{ base, stop }`.
 */
export async function serveFolder(dir) {
  const server = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}/`);
    });
    server.once("exit", (code) => reject(new Error(`http.server exited with ${code}`)));
  });
  return { base, stop: () => server.kill() };
}
