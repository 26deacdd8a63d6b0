// The engine (the WebAssembly module), started as early as the page can. index.html loads this
// file as an async module script of its own, so that the module's glue, its compilation and its
// first calls run while the page's other scripts are still arriving and the form is drawn; a
// portal that loads only huimin-calculator.js gets it through that file's import, a little later.
//
// Before the calculator says it is ready, it warms the engine (`warmUp`): the places are read
// once and one small household is evaluated, so that the first real evaluation does not pay for
// the engine's first use (the roster page's workers do the same). The warm-up household is built
// from the first place the engine lists; its answer is thrown away. The calculator does this once
// its form is on screen: the engine's first use (its packs read, its functions compiled on their
// first call) is about a tenth of a second at a 4x CPU slowdown, which would otherwise come before
// the form is drawn. Its span is the User Timing measure "huimin-warm-up".
import init, * as api from "./pkg/huimin.js";
import { wasmModule } from "./hm-wasm.js";

export const enginePromise = init({ module_or_path: wasmModule }).then(() => api);
enginePromise.catch(() => {});

let warmed = false;
/** Warms the engine once (see above); the calculator calls it once its form is on screen. */
export function warmUp() {
  if (warmed) return;
  warmed = true;
  performance.mark?.("huimin-warm-up");
  try {
    const list = api.regions();
    const place = (Array.isArray(list) ? list : []).find((r) => r.level === "county");
    if (place) {
      api.evaluate({
        region: place.code, asOf: "2020-01-01", status: ["registered_poor"], annualNetIncome: "9600",
        members: [
          { id: "w1", age: 70, chronic: { listed: true, selfPayInCatalog: "5200" } },
          { id: "w2", age: 45, stays: [{ total: "20000", covered: "18000" }] },
          { id: "w3", age: 9, school: { stage: "primary" } },
          { id: "w4", age: 18, school: { stage: "undergraduate", freshman: true } },
        ],
      });
    }
  } catch {
    // a warm-up only
  }
  performance.measure?.("huimin-warm-up", "huimin-warm-up");
}
