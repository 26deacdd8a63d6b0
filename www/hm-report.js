// The report view: totals, alerts, cards per area, checks, the print header. Every text of the
// report (titles, steps, reasons, alerts, warnings, needs, where to apply, policy names, errors)
// is read through `say`, which takes both shapes the engine gives: a `{ zh, en }` pair or a plain
// string / `{ code, args, text }` object in the report's one language.
import { h, nextId } from "./hm-dom.js";
import { groupDigits, spokenAmount } from "./hm-format.js";

export const AREAS = ["medical", "insurance", "education", "dibao", "housing", "other"];
const STATUS_ORDER = { entitled: 0, apply: 1, needs_info: 2, not_eligible: 3 };
const LOW_CONFIDENCE = new Set(["V2", "D", "R"]);
const CONFIDENCE_RANK = { V: 0, V2: 1, D: 2, R: 3 };
const STALE = "policy.stale";

/** The one confidence a card shows: the report's (the lowest of its citation and figures), else
 *  worked out the same way (V > V2 > D > R; a figure the user supplied does not lower it). */
export function cardConfidence(e) {
  if (e.confidence) return e.confidence;
  let c = e.citation?.confidence;
  for (const f of e.figures || []) {
    const fc = f.confidence ?? f.citation?.confidence;
    if (fc in CONFIDENCE_RANK && (c == null || CONFIDENCE_RANK[fc] > CONFIDENCE_RANK[c])) c = fc;
  }
  return c;
}

/** A report text in the page's language: a string, `{ text }`, or a `{ zh, en }` pair. */
export function say(x, lang) {
  if (x == null) return "";
  if (typeof x === "string") return x;
  return x.text ?? x.name ?? (lang === "en" ? x.en ?? x.zh : x.zh ?? x.en) ?? "";
}

/** A programme's (entitlement's, check's, needed figure's) title. */
export const titleOf = (x, lang) => say(x?.title, lang);

/** The report view's context: `{ lang, t, household, regionName, needTitles }`. */
function memberLabel(v, id) {
  if (id == null) return v.t("household");
  const members = v.household?.members || [];
  const i = members.findIndex((m) => m.id === id);
  const n = v.t("memberN", { n: i >= 0 ? i + 1 : id });
  const name = i >= 0 ? members[i].name : null;
  return name ? (v.lang === "en" ? `${n}: ${name}` : `${n}：${name}`) : n;
}

const amountText = (v, amount) => v.t("yuan", { amount: groupDigits(amount) });
const nonZero = (x) => x && (x.perYear !== "0.00" || x.once !== "0.00");

/** What a needed input or figure is called: its title from the report, else its name. */
export function needName(v, p) {
  return say(v.needTitles.get(p)?.title, v.lang) || p;
}

/** The report as a list of nodes, in reading order; `heading` is the one to focus. */
export function renderReport(r, v) {
  const { t, lang } = v;
  const heading = h("h2", { tabindex: "-1", class: "results-title" }, t("results"));
  const chain = (r.policy?.names || []).map((n) => say(n, lang)).join(" › ");
  const meta = h("p", { class: "meta" }, t("resultsFor", { place: v.regionName(r.region), date: r.asOf }));
  const chainP = chain ? h("p", { class: "meta chain" }, t("policyChain"), chain) : null;

  const tot = r.totals || {};
  const box = (key, amount, cls) => h("div", { class: `total ${cls}` },
    h("span", { class: "total-label" }, t(key)),
    h("strong", { class: "total-amount" }, amountText(v, amount)));
  const approved = nonZero(tot.ifApproved);
  const totals = h("div", { class: "totals", part: "totals" },
    box("perYear", tot.perYear ?? "0.00", "year"),
    box("once", tot.once ?? "0.00", "once"),
    approved ? h("div", { class: "total approved" },
      h("span", { class: "total-label" }, t("ifApproved")),
      h("strong", { class: "total-amount" },
        [tot.ifApproved.perYear !== "0.00" ? `${amountText(v, tot.ifApproved.perYear)}${t("perYearUnit")}` : null,
          tot.ifApproved.once !== "0.00" ? `${amountText(v, tot.ifApproved.once)} ${t("period_once")}` : null]
          .filter(Boolean).join(" + "))) : null);

  const ents = r.entitlements || [];
  const how = (programme) => ents.find((e) => e.programme === programme && e.howToApply)?.howToApply;
  const alertsId = nextId("ah");
  const alerts = (r.alerts || []).length ? h("section", { class: "alerts", "aria-labelledby": alertsId },
    h("h3", { id: alertsId }, t("alerts")),
    h("ul", {}, r.alerts.map((a) => h("li", { class: "alert" },
      h("span", {}, say(a, lang)),
      how(a.programme) ? h("span", { class: "how" }, " ", t("howToApply"), say(how(a.programme), lang)) : null)))) : null;
  // The sources of some amounts end before the date (`policy.stale`): said at the top, before
  // the totals, once per document; the other warnings come after the cards.
  const staleList = (r.warnings || []).filter((w) => w.code === STALE);
  const staleId = nextId("sh");
  const stale = staleList.length ? h("section", { class: "stale-top", role: "note", "aria-labelledby": staleId },
    h("h3", { id: staleId }, "⚠ ", t("staleTitle")),
    h("ul", {}, dedupe(staleList.map((w) => say(w, lang))).map((w) => h("li", {}, w)))) : null;
  const others = (r.warnings || []).filter((w) => w.code !== STALE);
  const warnings = others.length ? h("section", { class: "warnings" },
    h("h3", {}, t("warnings")),
    h("ul", {}, dedupe(others.map((w) => say(w, lang))).map((w) => h("li", {}, w)))) : null;

  const shown = ents.filter((e) => e.status !== "not_eligible");
  const hidden = ents.filter((e) => e.status === "not_eligible");
  const firstIndex = new Map();
  ents.forEach((e, i) => { if (!firstIndex.has(e.programme)) firstIndex.set(e.programme, i); });
  const sort = (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    firstIndex.get(a.programme) - firstIndex.get(b.programme);
  const seen = new Set();
  const areas = AREAS.filter((a) => shown.some((e) => e.area === a)).map((a) => h("section", { class: `area area-${a}` },
    h("h3", {}, t(`area_${a}`)),
    h("div", { class: "cards" }, shown.filter((e) => e.area === a).sort(sort).map((e) => {
      const c = card(v, e);
      if (seen.has(e.programme)) c.classList.add("repeat");
      seen.add(e.programme);
      return c;
    }))));
  const none = shown.length ? null : h("p", { class: "none" }, t("noEntitlements"));

  const checks = (r.checks || []).length ? h("section", { class: "area checks-area no-print" },
    h("h3", {}, t("checks")),
    h("div", { class: "cards" }, r.checks.map((c) => checkCard(v, c)))) : null;

  // built when first opened: most households see many programmes that do not apply
  const notEligible = hidden.length ? h("details", { class: "not-eligible no-print" },
    h("summary", {}, t("notEligible", { n: hidden.length }))) : null;
  notEligible?.addEventListener("toggle", () => {
    if (notEligible.open && !notEligible.querySelector(".cards")) {
      notEligible.append(h("div", { class: "cards" }, hidden.map((e) => card(v, e, true))));
    }
  });

  // in reading order: the top (totals), then what is due (alerts, cards), then the rest
  return {
    heading,
    top: [heading, meta, chainP, stale, totals].filter(Boolean),
    due: [alerts, areas.length ? h("div", { class: "areas" }, areas) : null, none].filter(Boolean),
    rest: [warnings, checks, notEligible, h("p", { class: "print-only print-note" }, t("printNote"))].filter(Boolean),
  };
}

function card(v, e, compact = false) {
  const { t, lang } = v;
  const titleId = nextId("ct");
  const conf = cardConfidence(e);
  const low = LOW_CONFIDENCE.has(conf);
  const staleMarks = (e.warnings || []).filter((w) => w.code === STALE);
  const el = h("article", { class: `card st-${e.status}${low ? " low" : ""}${staleMarks.length ? " stale" : ""}`, part: "card",
    "aria-labelledby": titleId, dataset: { programme: e.programme } });
  const who = memberLabel(v, e.member) + (e.stay != null ? ` · ${t("stayN", { n: e.stay + 1 })}` : "");
  el.append(
    h("header", { class: "card-head" },
      h("h4", { id: titleId }, titleOf(e, lang)),
      h("span", { class: `badge st-${e.status}` }, t(`status_${e.status}`))),
    h("p", { class: "who" }, who));
  if (e.amount != null) {
    el.append(h("p", { class: "amount" },
      h("strong", {}, amountText(v, e.amount)), " ",
      h("span", { class: "period" }, t(`period_${e.period}`)),
      e.estimate ? h("span", { class: "estimate" }, t("estimate")) : null));
  }
  if (staleMarks.length) el.append(staleNote(v, staleMarks));
  if (e.reasons?.length) {
    el.append(h("ul", { class: "reasons", "aria-label": t("reasons") }, e.reasons.map((x) => h("li", {}, say(x, lang)))));
  }
  if (e.needs?.length) el.append(h("p", { class: "needs" }, t("needs"), e.needs.map((p) => needName(v, p)).join("、")));
  if (compact) return el;
  if (e.howToApply) el.append(h("p", { class: "how" }, h("strong", {}, t("howToApply")), say(e.howToApply, lang)));
  if (e.steps?.length || e.figures?.length) {
    el.append(h("details", { class: "steps" },
      h("summary", {}, t("steps")),
      e.steps?.length ? h("ol", {}, e.steps.map((s) => h("li", {}, say(s, lang)))) : null,
      e.figures?.length ? h("div", { class: "figures" },
        h("p", { class: "figures-title" }, t("figures")),
        h("ul", {}, e.figures.map((f) => figure(v, f)))) : null));
  }
  el.append(...sources(v, e));
  if (conf) el.append(confidenceLine(v, conf));
  return el;
}

/** A card's `policy.stale` markers: the amount stands, its sources are older than the date. */
function staleNote(v, marks) {
  return h("p", { class: "stale-note", role: "note" }, "⚠ ", dedupe(marks.map((w) => say(w, v.lang))).join("；"));
}

/** The one confidence of a card (the lowest of what it used), with the low note when it is low. */
function confidenceLine(v, conf) {
  const low = LOW_CONFIDENCE.has(conf);
  return h("p", { class: `confidence conf-${conf}${low ? " low-note" : ""}` },
    low ? "⚠ " : null,
    `${v.t("confidence")}：${conf} ${v.t(`confidence_${conf}`)}`,
    low ? `${v.lang === "en" ? ". " : "。"}${v.t("lowConfidence")}` : null);
}

/** The sentences a card rests on: its programme's, then each figure's whose document is another
 *  (the national premium under a local full-subsidy rule), each with its document. */
function sources(v, e) {
  const out = [];
  const docs = new Set();
  const key = (c) => `${c.document}\u0000${c.issuer}\u0000${c.date}`;
  if (e.citation) {
    out.push(citation(v, e.citation));
    docs.add(key(e.citation));
  }
  const seen = new Set();
  for (const f of e.figures || []) {
    const c = f.citation;
    if (!c || docs.has(key(c)) || seen.has(key(c) + c.quote)) continue;
    seen.add(key(c) + c.quote);
    out.push(citation(v, c, titleOf(f, v.lang) || f.parameter));
  }
  return out;
}

function figure(v, f) {
  const conf = f.confidence ?? f.citation?.confidence;
  const title = titleOf(f, v.lang) || f.parameter;
  return h("li", { class: LOW_CONFIDENCE.has(conf) ? "low" : null },
    `${title}：${f.value}`,
    f.from ? ` (${f.from})` : "");
}

/** A document for people: 《title》(issuer，number，date); never the file name (`source`). */
export function documentName(c, lang) {
  const sep = lang === "en" ? ", " : "，";
  const bits = [c.issuer, c.number, c.date].filter((x) => x);
  const title = c.document ? `《${c.document}》` : "";
  return bits.length ? `${title}${lang === "en" ? " (" : "（"}${bits.join(sep)}${lang === "en" ? ")" : "）"}` : title;
}

/** A citation: the sentence (none when no sentence was retrieved: the note instead), and its
 *  document by title, issuer, number and date, linked when it has an https address. `figure`
 *  names the figure the sentence gives, for a figure's own document. */
export function citation(v, c, figureTitle) {
  // The title, then (issuer, number, date) in its own span: the printed sheet keeps the title only.
  const title = c.document ? `《${c.document}》` : "";
  const more = documentName(c, v.lang).slice(title.length);
  const name = [title, more ? h("span", { class: "doc-more" }, more) : null];
  const doc = c.url && /^https:\/\//.test(c.url)
    ? h("a", { href: c.url, rel: "noopener noreferrer", target: "_blank" }, ...name)
    : h("span", {}, ...name);
  return h("figure", { class: `citation${figureTitle ? " figure-citation" : ""}` },
    figureTitle ? h("p", { class: "cite-for" }, v.t("figureSource", { figure: figureTitle })) : null,
    c.quote ? h("blockquote", { lang: "zh-CN" }, say(c.quote, v.lang)) : null,
    !c.quote && c.note ? h("p", { class: "cite-note", lang: "zh-CN" }, c.note) : null,
    h("figcaption", {},
      h("span", { class: "doc" }, `${v.t("source")}：`, doc)));
}

function checkCard(v, c) {
  const titleId = nextId("ck");
  return h("article", { class: `card check-card res-${c.result}`, part: "card", "aria-labelledby": titleId,
    dataset: { programme: c.programme } },
  h("header", { class: "card-head" },
    h("h4", { id: titleId }, titleOf(c, v.lang)),
    h("span", { class: `badge res-${c.result}` }, v.t(`check_${c.result}`))),
  c.steps?.length ? h("ol", { class: "check-steps" }, c.steps.map((s) => h("li", {}, say(s, v.lang)))) : null,
  (c.warnings || []).some((w) => w.code === STALE) ? staleNote(v, c.warnings.filter((w) => w.code === STALE)) : null,
  c.needs?.length ? h("p", { class: "needs" }, v.t("needs"), c.needs.map((p) => needName(v, p)).join("、")) : null,
  ...sources(v, c),
  cardConfidence(c) ? confidenceLine(v, cardConfidence(c)) : null);
}

/** The print-only head of the sheet: place, date, status, members (as text). */
export function printHeader(r, v) {
  const hh = v.household;
  const sep = v.lang === "en" ? ", " : "、";
  const members = (hh.members || []).map((m, i) => {
    const bits = [m.name || v.t("memberN", { n: i + 1 })];
    if (m.age != null) bits.push(v.lang === "en" ? `${m.age}` : `${m.age}岁`);
    if (m.school?.stage) bits.push(v.t(`stage_${m.school.stage}`));
    return bits.join(" ");
  }).join(sep);
  return [
    h("h2", {}, v.t("printTitle")),
    h("p", {}, v.t("resultsFor", { place: v.regionName(r.region), date: r.asOf })),
    h("p", {}, `${v.t("printHousehold")}：`, (hh.status || []).map((s) => v.t(`status_${s}`)).join(sep) || "—",
      hh.annualNetIncome ? ` · ${v.t("income")} ${groupDigits(hh.annualNetIncome)}` : ""),
    h("p", {}, `${v.t("printMembers")}：`, members),
  ];
}

/**
 * What the read-aloud button says: the totals, then each card shown (entitled, apply, needs
 * info) with its amount and its next step (where to apply, or what is missing).
 */
export function speechItems(r, v) {
  const { t, lang } = v;
  const yuan = (a) => t("yuanSpoken", { amount: spokenAmount(a) });
  const items = [t("speechSummary", { year: yuan(r.totals.perYear), once: yuan(r.totals.once) })];
  for (const a of r.alerts || []) items.push(say(a, lang));
  const order = AREAS;
  const shown = (r.entitlements || []).filter((e) => e.status !== "not_eligible")
    .sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  for (const e of shown) {
    const bits = [`${titleOf(e, lang)}，${memberLabel(v, e.member)}`];
    bits.push(e.amount != null ? `${t(`status_${e.status}`)} ${yuan(e.amount)} ${t(`period_${e.period}`)}` : t(`status_${e.status}`));
    if (e.needs?.length) bits.push(`${t("needs")}${e.needs.map((p) => needName(v, p)).join("、")}`);
    else if (e.howToApply) bits.push(`${t("howToApply")}${say(e.howToApply, lang)}`);
    items.push(bits.join(lang === "en" ? ". " : "。"));
  }
  return items;
}

function dedupe(list) {
  return [...new Set(list)];
}
