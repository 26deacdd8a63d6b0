// Pictures of a report, in plain SVG (no library, no network): the year's total by area as bars,
// and a what-if curve (the household's yearly total against its annual income, each point an
// evaluation by the engine) with the lines where 低保 stops, the monitoring line and the
// low-income margin. Each picture has its numbers in a table behind it (<details>).
import { h, nextId, svg } from "./hm-dom.js";
import { fromFen, groupDigits, toFen } from "./hm-format.js";
import { AREAS } from "./hm-report.js";

/** Bars of `totals.byArea[area].perYear`, one row per area with a yearly amount. */
export function areaBars(r, v) {
  const by = r.totals?.byArea || {};
  const rows = AREAS.filter((a) => by[a] && (toFen(by[a].perYear) > 0 || toFen(by[a].once) > 0))
    .map((a) => ({ area: a, perYear: by[a].perYear, once: by[a].once }));
  if (!rows.length) return null;
  const max = Math.max(1, ...rows.map((x) => toFen(x.perYear)));
  const captionId = nextId("bars");
  // bars for the year's amounts; the table also gives what is paid once
  const bars = h("div", { class: "bars", role: "img", "aria-labelledby": captionId },
    rows.filter((x) => toFen(x.perYear) > 0).map((x) => h("div", { class: `bar-row bar-${x.area}` },
      h("span", { class: "bar-label" }, v.t(`area_${x.area}`)),
      svgBar(toFen(x.perYear) / max, x),
      h("span", { class: "bar-value" }, v.t("yuan", { amount: groupDigits(x.perYear) })))));
  return h("figure", { class: "chart chart-bars", dataset: { chart: "byArea" } },
    h("figcaption", { id: captionId }, v.t("chartByArea")),
    bars,
    table(v.t("chartTable"), [v.t("area"), v.t("perYear"), v.t("once")],
      rows.map((x) => [v.t(`area_${x.area}`), v.t("yuan", { amount: groupDigits(x.perYear) }), v.t("yuan", { amount: groupDigits(x.once) })]),
      { class: "by-area" }));
}

function svgBar(share, x) {
  const w = Math.max(0, Math.min(100, share * 100));
  return svg("svg", { class: "bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
    svg("rect", { class: "bar-bg", x: 0, y: 0, width: 100, height: 10 }),
    svg("rect", { class: "bar-fill", x: 0, y: 0, width: w.toFixed(2), height: 10,
      dataset: { area: x.area, value: x.perYear } }));
}

function table(summary, head, rows, props = {}) {
  return h("details", { class: "chart-data" },
    h("summary", {}, summary),
    h("table", props,
      h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, row.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", {}, c))))))));
}

// ---------------------------------------------------------------- what-if: total against income

/** A decimal string ("1.5") times whole fen, rounded half up to the fen (as the engine's round_fen). */
function mulFen(fen, factor) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(factor));
  if (!m) return NaN;
  const frac = m[2] || "";
  const num = BigInt(m[1] + frac) * BigInt(fen);
  const den = 10n ** BigInt(frac.length);
  return Number((num * 2n + den) / (2n * den));
}

/** A figure's value from any entitlement or check of the report, by parameter name. */
function figure(r, name) {
  for (const x of [...(r.entitlements || []), ...(r.checks || [])]) {
    if (x.kind !== "dibao_gap" && x.kind !== "status_alignment" && x.kind !== "two_line_check") continue;
    const f = (x.figures || []).find((g) => g.parameter === name);
    if (f) return f.value;
  }
  return null;
}

/**
 * The lines of the what-if chart, as yearly household incomes in fen, worked out here from the
 * report's figures the way the engine's 低保 rules use them (src/rules/dibao.rs): 低保 stops where
 * income per person reaches the standard (household: standard × 12 × members); the monitoring
 * line is the poverty line × its multiple per person; the low-income margin is the standard ×
 * its multiple per person. A line whose figure the report does not give is `unknown`.
 */
export function incomeLines(r, members) {
  const n = members;
  const monthly = figure(r, "dibaoStandardMonthly");
  const yearly = figure(r, "dibaoStandardYearly");
  const syFen = monthly != null ? toFen(monthly) * 12 : yearly != null ? toFen(yearly) : NaN;
  const line = figure(r, "povertyLine");
  const mm = figure(r, "monitoringMultiplier");
  const margin = figure(r, "marginMultiplier");
  const out = { known: [], unknown: [] };
  const add = (key, perPerson) => {
    if (Number.isFinite(perPerson)) out.known.push({ key, fen: perPerson * n, perPerson });
    else out.unknown.push(key);
  };
  add("dibaoStop", syFen);
  add("monitoring", line != null && mm != null ? mulFen(toFen(line), mm) : NaN);
  add("margin", Number.isFinite(syFen) && margin != null ? mulFen(syFen, margin) : NaN);
  return out;
}

/**
 * The incomes to evaluate: 40 points from 0 to twice the income where 低保 stops (or, when that
 * is unknown, twice the largest of the household's income and the known lines). Null: no range.
 */
export function curveIncomes(lines, incomeFen, points = 40) {
  const stop = lines.known.find((l) => l.key === "dibaoStop");
  const top = stop ? 2 * stop.fen : 2 * Math.max(Number.isFinite(incomeFen) ? incomeFen : 0, ...lines.known.map((l) => l.fen), 0);
  if (!(top > 0)) return null;
  return Array.from({ length: points }, (_, i) => Math.round((top * i) / (points - 1)));
}

/**
 * The curve: `points` are `{ income, perYear, withApplied }` (amount strings, from the engine),
 * `lines` from `incomeLines`, `incomeFen` the household's own income.
 */
export function incomeCurve(points, lines, incomeFen, v) {
  const W = 360;
  const H = 220;
  const pad = { l: 8, r: 8, t: 22, b: 8 };
  const xs = points.map((p) => toFen(p.income));
  const ys = points.flatMap((p) => [toFen(p.perYear), toFen(p.withApplied)]);
  const maxX = Math.max(1, ...xs);
  const maxY = Math.max(1, ...ys);
  const X = (fen) => pad.l + ((W - pad.l - pad.r) * fen) / maxX;
  const Y = (fen) => H - pad.b - ((H - pad.t - pad.b) * fen) / maxY;
  const path = (key) => points.map((p, i) => `${i ? "L" : "M"}${X(toFen(p.income)).toFixed(1)},${Y(toFen(p[key])).toFixed(1)}`).join(" ");
  const differs = points.some((p) => p.withApplied !== p.perYear);
  const captionId = nextId("curve");
  const shownLines = lines.known.filter((l) => l.fen <= maxX);
  const picture = svg("svg", { class: "curve", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": captionId },
    svg("line", { class: "axis", x1: pad.l, y1: H - pad.b, x2: W - pad.r, y2: H - pad.b }),
    svg("line", { class: "axis", x1: pad.l, y1: pad.t, x2: pad.l, y2: H - pad.b }),
    shownLines.map((l, i) => svg("g", { class: `mark mark-${l.key}`, dataset: { line: l.key, income: fromFen(l.fen) } },
      svg("line", { x1: X(l.fen).toFixed(1), y1: pad.t, x2: X(l.fen).toFixed(1), y2: H - pad.b }),
      svg("text", { x: X(l.fen).toFixed(1), y: 10 + (i % 2) * 9, "text-anchor": "middle", text: String(i + 1) }))),
    differs ? svg("path", { class: "series applied", d: path("withApplied") }) : null,
    svg("path", { class: "series entitled", d: path("perYear") }),
    points.map((p) => svg("circle", { class: "point", r: 1.8, cx: X(toFen(p.income)).toFixed(1), cy: Y(toFen(p.perYear)).toFixed(1),
      dataset: { income: p.income, perYear: p.perYear, withApplied: p.withApplied } })),
    Number.isFinite(incomeFen) && incomeFen <= maxX
      ? svg("g", { class: "here" },
        svg("line", { x1: X(incomeFen).toFixed(1), y1: pad.t, x2: X(incomeFen).toFixed(1), y2: H - pad.b })) : null);
  const money = (fen) => v.t("yuan", { amount: groupDigits(fromFen(fen)) });
  const legend = h("ul", { class: "legend" },
    h("li", { class: "key-entitled" }, swatch("entitled"), v.t("curveEntitled")),
    differs ? h("li", { class: "key-applied" }, swatch("applied"), v.t("curveApplied")) : null,
    Number.isFinite(incomeFen) ? h("li", { class: "key-here" }, swatch("here"), v.t("curveHere", { amount: money(incomeFen) })) : null,
    shownLines.map((l, i) => h("li", { class: `key-${l.key}`, dataset: { line: l.key } },
      h("span", { class: "mark-no" }, String(i + 1)), " ",
      v.t(`line_${l.key}`, { amount: money(l.fen), perPerson: money(l.perPerson) }))),
    lines.unknown.length ? h("li", { class: "unknown" }, v.t("lineUnknown", { lines: "" }),
      lines.unknown.map((k, i) => h("span", { dataset: { unknownLine: k } }, (i ? v.t("listSep") : "") + v.t(`lineName_${k}`))),
      v.t("lineUnknownWhy")) : null);
  return h("figure", { class: "chart chart-curve", dataset: { chart: "income" } },
    h("figcaption", { id: captionId }, v.t("chartCurve"), h("span", { class: "axis-note" },
      v.t("curveAxes", { x: money(maxX), y: money(maxY) }))),
    picture, legend,
    table(v.t("chartTable"), [v.t("curveIncome"), v.t("curveEntitled"), v.t("curveApplied")],
      points.map((p) => [v.t("yuan", { amount: groupDigits(p.income) }), v.t("yuan", { amount: groupDigits(p.perYear) }),
        v.t("yuan", { amount: groupDigits(p.withApplied) })])));
}

function swatch(kind) {
  return svg("svg", { class: `swatch swatch-${kind}`, viewBox: "0 0 24 8", "aria-hidden": "true", focusable: "false" },
    svg("line", { x1: 0, y1: 4, x2: 24, y2: 4 }));
}

/** `perYear` and `perYear + ifApproved.perYear` of a report's totals, as amount strings. */
export function yearly(totals) {
  const a = toFen(totals.perYear);
  const b = toFen(totals.ifApproved?.perYear ?? "0.00");
  return { perYear: fromFen(a), withApplied: fromFen(a + b) };
}

/**
 * The what-if chart of a report: the engine's yearly totals for this household at 40 incomes
 * (`totalsAtIncomes` is the module's: one call, totals only), with its lines; or a sentence
 * saying why there is none.
 */
export function whatIf(totalsAtIncomes, household, r, v) {
  const lines = incomeLines(r, household.members.length);
  const incomeFen = household.annualNetIncome != null ? toFen(household.annualNetIncome) : NaN;
  const incomes = curveIncomes(lines, incomeFen);
  if (!incomes) return h("p", { class: "chart-none", dataset: { chart: "income" } }, v.t("curveNone"));
  const x = totalsAtIncomes(household, incomes.map(fromFen));
  const points = x.errors ? [] : x.points.map((p) => ({ income: p.annualNetIncome, ...yearly(p.totals) }));
  return incomeCurve(points, lines, incomeFen, v);
}
