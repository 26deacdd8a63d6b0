// The WebAssembly `evaluate`'s report, put together in JavaScript (src/wasm.rs imports this file;
// wasm-bindgen copies it into the package as a snippet, made CommonJS for the Node build by
// scripts/snippet-cjs.mjs).
//
// `evaluate` runs the summary-only evaluation (the same amounts, statuses, totals, alerts and
// needs as the full one, without texts) and hands its outline here (`Report::to_outline_wire`):
// what varies from household to household, in a compact JSON array. The report is built from it
// and from the region's shared texts (titles, where to apply, citations: the same objects in
// every report of the region), with every key of the full report in the full report's order.
// Its explanations — `reasons`, `steps` and `figures` of every entitlement and check, and the
// report's `warnings` — are own, enumerable, configurable accessor properties. The first read or
// write of any of them, on any part of the report, runs the full evaluation of the same input
// text once (`Engine::evaluate_json_wire`) and makes every one of them a plain data property, in
// place: key order and the objects themselves stay, so JSON.stringify, structuredClone, spread
// and postMessage give exactly the full report (docs/report-format.md). A pack loaded before that
// first read does not change the report: its full evaluation is done before the pack is loaded.
//
// Nothing here throws into the caller. Should the engine be busy when a field is first read (a
// getter fired inside a call into the module: the module never calls out while it holds the
// engine, so this cannot happen through the public functions), the read gives `undefined` and
// the fields stay lazy for a later read.

/** The module's way back in: `full(input)` (the wire report or `{errors}` as JSON text) and
 *  `policyText(pack)` (`Engine::policy_text_json`). Given once, by the first `evaluate`. */
let core = null;

/** @param {{ full(input: string): string, policyText(pack: string): string | undefined }} c */
export function setCore(c) {
  core = c;
}

/** Each pack's shared texts (`Engine::policy_text_json`), parsed once. Emptied when a pack is
 *  loaded (`beforeLoad`). */
const texts = new Map();

function sharedTexts(pack) {
  let t = texts.get(pack);
  if (t === undefined) {
    const json = core.policyText(pack);
    t = json === undefined ? null : JSON.parse(json);
    texts.set(pack, t);
  }
  return t;
}

/** Every object of a report with lazy fields carries its report's state
 *  (`{ ticket, texts, report, entitlements, checks, done }`) in a private field, invisible to
 *  JSON, structuredClone, spread and reflection (a base class that returns the object it is given
 *  lets a subclass put a private field on any object: faster than a WeakMap). */
class Base {
  constructor(o) {
    return o;
  }
}
class Owned extends Base {
  #state;
  constructor(o, state) {
    super(o);
    this.#state = state;
  }
  /** The state of a report's object, or undefined for any other value. */
  static of(o) {
    try {
      return o.#state;
    } catch {
      return undefined;
    }
  }
}

/** The tickets (`{ input, text }`) of reports not yet filled in. Before a pack is loaded, each gets
 *  its full report (`text`) computed under the policy it was outlined with; a ticket is dropped
 *  when its report is filled in, or collected (a FinalizationRegistry: no WeakRef, which would
 *  keep every report of a synchronous loop alive until the loop's end). Without
 *  FinalizationRegistry, reports are filled in at once. */
const pending = new Set();
const collected = typeof FinalizationRegistry === "function" ? new FinalizationRegistry((ticket) => pending.delete(ticket)) : null;

/** The values of fields that could not be made data properties (the object was sealed or frozen
 *  before its first read): their getters answer from here. */
const kept = new WeakMap();

function keep(o, key, value) {
  let values = kept.get(o);
  if (values === undefined) kept.set(o, (values = {}));
  values[key] = value;
}

const GET = {};
const lazyField = (key) => {
  const get = function () {
    if (!fill(Owned.of(this))) return undefined;
    // Filled in: the property is now data, unless it could not be made one.
    return Object.getOwnPropertyDescriptor(this, key)?.get === get ? kept.get(this)?.[key] : this[key];
  };
  GET[key] = get;
  return {
    get,
    set(value) {
      if (fill(Owned.of(this)) && Object.getOwnPropertyDescriptor(this, key)?.get !== get) {
        this[key] = value;
      } else {
        try {
          define(this, key, value);
        } catch {
          keep(this, key, value);
        }
      }
    },
    enumerable: true,
    configurable: true,
  };
};
const REASONS = lazyField("reasons");
const STEPS = lazyField("steps");
const FIGURES = lazyField("figures");
const WARNINGS = lazyField("warnings");

function define(o, key, value) {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Puts back parameter titles, units and citations in the figures of entitlements or checks. */
function putBackFigures(list, t) {
  const { parameters, citations } = t;
  for (const e of list) {
    for (const f of e.figures) {
      const p = parameters[f.parameter];
      if (f.title === 0) f.title = p?.title;
      if (f.unit === 0) f.unit = p?.unit;
      if (typeof f.citation === "number") f.citation = citations[f.citation];
    }
  }
}

/** The report of an outline (`Report::to_outline_wire`) and the input text it was made from.
 *  Objects are built key by key in the full report's order (a lazy field added in its place,
 *  never redefined afterwards, keeps every entry of a kind on one fast shape). */
export function outline(text, input) {
  const [household, region, asOf, status, pack, es, cs, totals, ns, alerts] = JSON.parse(text);
  const t = sharedTexts(pack);
  const { programmes, parameters, citations } = t;
  const cite = (c) => (typeof c === "number" ? citations[c] : c);
  const report = {};
  if (household !== null) report.household = household;
  report.region = region;
  report.asOf = asOf;
  report.status = status;
  report.policy = { chain: t.policy.chain.slice(), names: t.policy.names.map(({ id, zh, en }) => ({ id, zh, en })) };
  const entitlements = [];
  for (let i = 0; i < es.length; i += 10) {
    const p = programmes[es[i]];
    const e = { programme: p.id, kind: p.kind, area: p.area, member: es[i + 1] };
    if (es[i + 2] !== null) e.stay = es[i + 2];
    e.status = es[i + 3];
    e.amount = es[i + 4];
    e.period = es[i + 5];
    e.estimate = es[i + 6];
    e.title = p.title;
    Object.defineProperty(e, "reasons", REASONS);
    Object.defineProperty(e, "steps", STEPS);
    e.citation = cite(es[i + 7]);
    Object.defineProperty(e, "figures", FIGURES);
    e.needs = es[i + 9];
    if (es[i + 8]) e.howToApply = p.howToApply;
    entitlements.push(e);
  }
  const checks = [];
  for (let i = 0; i < cs.length; i += 4) {
    const p = programmes[cs[i]];
    const c = { programme: p.id, kind: p.kind, area: p.area, result: cs[i + 1], title: p.title };
    Object.defineProperty(c, "steps", STEPS);
    c.citation = cite(cs[i + 2]);
    Object.defineProperty(c, "figures", FIGURES);
    c.needs = cs[i + 3];
    checks.push(c);
  }
  report.entitlements = entitlements;
  report.checks = checks;
  const byArea = {};
  const last = totals.length - 2;
  for (let i = 2; i < last; i += 3) byArea[totals[i]] = { perYear: totals[i + 1], once: totals[i + 2] };
  report.totals = { perYear: totals[0], once: totals[1], byArea, ifApproved: { perYear: totals[last], once: totals[last + 1] } };
  const needsInfo = [];
  for (let i = 0; i < ns.length; i += 4) {
    const title = ns[i + 2];
    needsInfo.push({ parameter: ns[i], unit: ns[i + 1], title: title === 0 ? parameters[ns[i]].title : title, programmes: ns[i + 3] });
  }
  report.needsInfo = needsInfo;
  report.alerts = alerts;
  Object.defineProperty(report, "warnings", WARNINGS);
  const ticket = { input, text: null };
  const state = { ticket, texts: t, report, entitlements: entitlements.slice(), checks: checks.slice(), done: false };
  for (const e of entitlements) new Owned(e, state);
  for (const c of checks) new Owned(c, state);
  new Owned(report, state);
  if (collected === null) {
    fill(state);
  } else {
    pending.add(ticket);
    collected.register(state, ticket);
  }
  return report;
}

/** Runs the full evaluation of a report's input and fills in every field still lazy. False when
 *  it cannot (no state, the engine busy): the fields then stay lazy. */
function fill(state) {
  if (state === undefined) return false;
  if (state.done) return true;
  const ticket = state.ticket;
  let full;
  try {
    full = JSON.parse(ticket.text ?? core.full(ticket.input));
  } catch {
    return false;
  }
  if (!full.entitlements) return false;
  const t = state.texts;
  putBackFigures(full.entitlements, t);
  putBackFigures(full.checks, t);
  const put = (o, key, value) => {
    if (Object.getOwnPropertyDescriptor(o, key)?.get !== GET[key]) return; // redefined or deleted
    try {
      define(o, key, value);
    } catch {
      keep(o, key, value); // sealed or frozen
    }
  };
  state.entitlements.forEach((e, i) => {
    const f = full.entitlements[i];
    put(e, "reasons", f?.reasons);
    put(e, "steps", f?.steps);
    put(e, "figures", f?.figures);
  });
  state.checks.forEach((c, i) => {
    const f = full.checks[i];
    put(c, "steps", f?.steps);
    put(c, "figures", f?.figures);
  });
  put(state.report, "warnings", full.warnings);
  state.done = true;
  state.ticket = state.entitlements = state.checks = null;
  pending.delete(ticket);
  return true;
}

/** Before a pack is loaded: the full report of every report not yet filled in is computed under
 *  the policy it was outlined with (and kept for its first read); the shared texts are read
 *  afresh afterwards. */
export function beforeLoad() {
  for (const ticket of pending) ticket.text ??= core.full(ticket.input);
  pending.clear();
  texts.clear();
}
