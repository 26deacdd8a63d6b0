// The WebAssembly module's download and compilation, started the moment this small file arrives
// (index.html loads it as an async module script of its own; it imports nothing), so that the
// browser compiles the module while the page's scripts are still arriving. hm-engine.js
// instantiates what this compiled.
const url = new URL("./pkg/huimin_bg.wasm", import.meta.url);

async function compile() {
  const response = fetch(url);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // a server that does not say application/wasm: compile from the bytes
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

export const wasmModule = compile();
wasmModule.catch(() => {});
