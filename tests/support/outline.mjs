// Shared by tests/page/lazy-report.test.mjs and tests/support/wasm_side.mjs.
/** A copy of a report with every accessor (a field computed on first read) as 0, read without calling one. */
export const outline = (v) => {
  if (Array.isArray(v)) return v.map(outline);
  if (v === null || typeof v !== "object") return v;
  const o = {};
  for (const k of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    o[k] = d.get ? 0 : outline(d.value);
  }
  return o;
};
