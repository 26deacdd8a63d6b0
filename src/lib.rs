//! huimin (惠民政策计算器): works out what a household is owed under China's poverty-alleviation
//! and social-assistance policies, and explains every yuan with the policy sentence it rests on.
//!
//! One direction through the crate: input → validation (`household`) → packs resolved (`policy`)
//! → rules (`rules`) → report (`report`).
#![doc = include_str!("crate-doc.md")]

/// The WebAssembly module's allocator: talc rather than the default dlmalloc (smaller).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod budget;
pub mod date;
pub mod examples;
pub mod generate;
pub mod household;
pub mod json;
pub mod money;
pub mod policy;
pub mod problem;
pub mod read;
pub mod report;
pub mod roster;
pub mod rules;
pub mod sheet;
pub mod table;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use household::{parse_household, read_household, Household};
use policy::{Registry, Unit};
use problem::{errors_json, Problem, Problems};
use read::key_path;
use report::{NeedInfo, PackName, PolicyUsed, Report, Warning};
use rust_decimal::Decimal;
use text::Text;

/// The crate version, as `version()` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How much of a report to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: steps, citations, figures, titles (what a person reads).
    Full,
    /// The same entitlements, amounts, statuses, totals, alerts and needs, without any text
    /// (roster lines: several times faster): no steps, reasons or figures, and warnings with
    /// their codes only. Its totals equal the full report's.
    Summary,
}

/// The calculator: the shipped packs plus any loaded at run time.
pub struct Engine {
    registry: Registry,
    shipped_failures: Vec<(String, Vec<Problem>)>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::with_shipped_packs()
    }
}

impl Engine {
    /// An engine with every pack built into the library.
    pub fn with_shipped_packs() -> Engine {
        let mut registry = Registry::new();
        let shipped_failures = policy::shipped::load_into(&mut registry);
        Engine { registry, shipped_failures }
    }

    /// An engine with no packs at all (for tests of pack loading).
    pub fn empty() -> Engine {
        Engine { registry: Registry::new(), shipped_failures: Vec::new() }
    }

    /// Shipped packs that failed their checks (none, in a correct build).
    pub fn shipped_failures(&self) -> &[(String, Vec<Problem>)] {
        &self.shipped_failures
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Evaluates a validated household.
    pub fn evaluate(&self, hh: &Household) -> Result<Report, Vec<Problem>> {
        self.evaluate_detail(hh, Detail::Full)
    }

    /// Evaluates a validated household with the detail asked for.
    pub fn evaluate_detail(&self, hh: &Household, detail: Detail) -> Result<Report, Vec<Problem>> {
        let mut p = Problems::new();
        let Some((pack, nearest)) = self.registry.pack_for_region(&hh.region) else {
            p.add(
                "region.unknown",
                "region",
                format!("没有地区 {} 的政策包;请选择已有政策包的地区,或先加载当地政策包", hh.region),
                format!("no policy pack for region {}; choose a region with a pack or load a local pack first", hh.region),
            );
            return Err(p.into_sorted());
        };
        let Some(policy) = self.registry.policy(&pack) else {
            p.add("region.chain", "region", "政策包上级链不完整", "the policy chain of this region is incomplete");
            return Err(p.into_sorted());
        };
        for (name, value) in &hh.overrides {
            let path = key_path("overrides", name);
            match policy.parameters.get(name.as_str()) {
                None => p.add("override.unknown", &path, format!("本地区政策中没有参数 {}", name.chars().take(60).collect::<String>()), format!("the policy of this region has no parameter {}", name.chars().take(60).collect::<String>())),
                Some(par) if par.unit == Unit::Rate && *value > Decimal::ONE => p.add("rate.range", &path, "比例须在0到1之间", "a rate must be between 0 and 1"),
                Some(par) if par.unit == Unit::Yuan && value.normalize().scale() > 2 => p.add("money.precision", &path, "金额最多保留两位小数(到分)", "at most two decimals (to the fen)"),
                Some(par) if matches!(par.unit, Unit::Age | Unit::Count) && !value.fract().is_zero() => p.add("number.whole", &path, "须为整数", "must be a whole number"),
                Some(_) => {}
            }
        }
        if !p.is_empty() {
            return Err(p.into_sorted());
        }

        if budget::too_large(hh, &policy) {
            p.add(
                "report.too_large",
                "",
                "按本地区政策,这户的计算结果过大(住院记录、成员或政策项目过多);请减少住院记录或分开计算",
                "the report for this household under this policy would be too large (too many stays, members or programmes); enter fewer stays or split the household",
            );
            return Err(p.into_sorted());
        }
        let ctx = rules::evaluate_detail(hh, &policy, detail == Detail::Summary);
        let mut warnings = Vec::new();
        let lean = detail == Detail::Summary;
        if nearest {
            // (A summary evaluation carries no texts: warnings are an explanation.)
            let (zh, en) = if lean {
                (String::new(), String::new())
            } else {
                (format!("没有地区 {} 本级的政策包,按上级 {} 的政策计算", hh.region, pack.name.zh), format!("no pack for region {} itself; the policy of {} is used", hh.region, pack.name.en))
            };
            warnings.push(Warning { code: "region.nearest_pack".into(), zh, en, parameter: None });
        }
        if ctx.entitlements.iter().any(|e| e.estimate) {
            warnings.push(Warning {
                code: "medical.estimate".into(),
                zh: "部分住院的医保报销额为估算值,请以结算单为准".into(),
                en: "insurance paid is estimated for some stays; the settlement slip is what counts".into(),
                parameter: None,
            });
        }
        warnings.extend(ctx.warnings);
        let needs_info = ctx
            .needs
            .into_iter_sorted()
            .map(|(name, programmes)| {
                let par = policy.parameters.get(&name);
                NeedInfo {
                    unit: par.map(|p| p.unit).or(Some(Unit::Yuan)),
                    title: par.map(|p| p.title.clone()).unwrap_or_else(|| std::rc::Rc::new(input_title(&name))),
                    parameter: name,
                    programmes,
                }
            })
            .collect();
        let totals = report::totals(&ctx.entitlements, &rules::areas(&policy)).ok_or_else(|| {
            let mut p = Problems::new();
            p.add("money.overflow", "", "金额合计超出范围", "the totals overflow");
            p.into_sorted()
        })?;
        Ok(Report {
            household: hh.id.clone(),
            region: hh.region.clone(),
            as_of: hh.as_of,
            status: hh.status.to_vec(),
            policy: policy
                .used
                .get_or_init(|| std::rc::Rc::new(PolicyUsed { chain: policy.chain_ids(), names: policy.chain.iter().map(|p| PackName { id: p.id.clone(), zh: p.name.zh.clone(), en: p.name.en.clone() }).collect() }))
                .clone(),
            entitlements: ctx.entitlements,
            checks: ctx.checks,
            totals,
            needs_info,
            alerts: ctx.alerts,
            warnings,
        })
    }

    /// Validates and evaluates a household given as a `serde_json::Value` (read again from its
    /// text: the engine reads `json::Json`, see `evaluate_tree`).
    pub fn evaluate_value(&self, v: &serde_json::Value) -> Result<Report, Vec<Problem>> {
        self.evaluate_value_detail(v, Detail::Full)
    }

    /// `evaluate_value` with the detail asked for.
    pub fn evaluate_value_detail(&self, v: &serde_json::Value, detail: Detail) -> Result<Report, Vec<Problem>> {
        let text = v.to_string();
        match json::Json::parse(&text) {
            Ok(tree) => self.evaluate_tree(&tree, detail),
            Err(_) => Err(internal()),
        }
    }

    /// Validates and evaluates a household already read as JSON.
    pub fn evaluate_tree(&self, v: &json::Json, detail: Detail) -> Result<Report, Vec<Problem>> {
        let hh = read_household(v).map_err(Problems::into_sorted)?;
        self.evaluate_detail(&hh, detail)
    }

    /// Evaluates a household given as JSON text. `Ok` holds the report JSON, `Err` the
    /// `{"errors":[…]}` JSON.
    pub fn evaluate_json(&self, input: &str) -> Result<String, String> {
        self.evaluate_text(input, false)
    }

    /// `evaluate_json` in the wire form (`Report::to_json`): region-wide texts as `0`, citations
    /// as indexes into `policy_text_json` of the report's pack (the last of `policy.chain`).
    /// The WebAssembly boundary puts them back, so callers see the full report.
    pub fn evaluate_json_wire(&self, input: &str) -> Result<String, String> {
        self.evaluate_text(input, true)
    }

    /// The outline of `evaluate_json_wire`'s report (`Report::to_outline_wire`), from a
    /// summary-only evaluation (`Detail::Summary`): the same amounts, statuses, totals, alerts and
    /// needs, without the explanation fields (`reasons`, `steps`, `figures`, `warnings`). The
    /// WebAssembly `evaluate` makes the report of it, with the keys of the full report in their
    /// order, and computes those fields with `evaluate_json_wire` when one is first read.
    pub fn evaluate_outline_wire(&self, input: &str) -> Result<String, String> {
        let hh = parse_household(input).map_err(|p| errors_json(&p.into_sorted()))?;
        let report = self.evaluate_detail(&hh, Detail::Summary).map_err(|p| errors_json(&p))?;
        let policy = report.policy.chain.last().and_then(|id| self.registry.get(id)).and_then(|pack| self.registry.policy(pack));
        policy.map(|policy| report.to_outline_wire(&policy)).ok_or_else(|| errors_json(&internal()))
    }

    /// The texts shared by every report of a pack's region: its policy (`chain`, `names`), the
    /// programmes in the policy's order (id, kind, area, title, where to apply), parameter titles
    /// and units, and the citations, as JSON
    /// `{"policy":{"chain","names"},"programmes":[{"id","kind","area","title","howToApply"}],"parameters":{name:{"title","unit"}},"citations":[…]}`.
    pub fn policy_text_json(&self, pack_id: &str) -> Option<String> {
        let pack = self.registry.get(pack_id)?;
        let policy = self.registry.policy(pack)?;
        // Typed, not through serde_json::Value (whose maps sort their keys): each text and
        // citation keeps the field order of the report it is put back into ({"zh","en"}, …), so
        // that the WebAssembly report has the native report's bytes (tests/native_vs_wasm.rs).
        #[derive(serde::Serialize)]
        struct Prog<'a, T, H> {
            id: &'a str,
            kind: policy::Kind,
            area: policy::Area,
            title: &'a T,
            #[serde(rename = "howToApply")]
            how_to_apply: &'a H,
        }
        #[derive(serde::Serialize)]
        struct Param<'a, T, U> {
            title: &'a T,
            unit: &'a U,
        }
        #[derive(serde::Serialize)]
        struct Wire<P, Q, C> {
            policy: PolicyUsed,
            programmes: P,
            parameters: Q,
            citations: C,
        }
        let used = PolicyUsed {
            chain: policy.chain_ids(),
            names: policy.chain.iter().map(|p| PackName { id: p.id.clone(), zh: p.name.zh.clone(), en: p.name.en.clone() }).collect(),
        };
        let programmes: Vec<_> = policy.programmes.iter().map(|p| Prog { id: &p.id, kind: p.rule.kind(), area: p.area, title: &p.title, how_to_apply: &p.how_to_apply }).collect();
        let parameters: std::collections::BTreeMap<&str, _> = policy.parameters.iter().map(|(name, p)| (name.as_str(), Param { title: &p.title, unit: &p.unit })).collect();
        let citations: Vec<&policy::Citation> = policy.citations.iter().map(|c| &**c).collect();
        serde_json::to_string(&Wire { policy: used, programmes, parameters, citations }).ok()
    }

    fn evaluate_text(&self, input: &str, compact: bool) -> Result<String, String> {
        let hh = parse_household(input).map_err(|p| errors_json(&p.into_sorted()))?;
        let report = self.evaluate(&hh).map_err(|p| errors_json(&p))?;
        report.to_json(compact).map_err(|_| errors_json(&internal()))
    }

    /// Validates a pack given as JSON text against this engine's packs (its parent must exist).
    pub fn validate_pack_json(&self, pack: &str) -> Result<(), String> {
        self.registry.check_text(pack).map(|_| ()).map_err(|p| errors_json(&p.into_sorted()))
    }

    /// Validates and loads a pack; a pack with the id of a loaded one replaces it. `Ok` holds its id.
    pub fn load_pack_json(&mut self, pack: &str) -> Result<String, String> {
        self.registry.load_text(pack).map_err(|p| errors_json(&p.into_sorted()))
    }

    /// The places this engine has packs for, as JSON: `[{"code","id","level","parent","zh","en"}]`.
    pub fn regions_json(&self) -> String {
        // Typed rather than `json!`, keys in the order `json!` gave them: with the WebAssembly
        // boundary's own documents typed too, serde_json::Value is no longer serialized in the
        // calculator's module at all (6 KB smaller gzipped).
        #[derive(serde::Serialize)]
        struct Region<'a> {
            code: &'a str,
            en: &'a str,
            id: &'a str,
            level: &'a str,
            parent: &'a Option<String>,
            zh: &'a str,
        }
        let regions = self.registry.regions();
        let list: Vec<Region> = regions.iter().map(|r| Region { code: &r.code, en: &r.name.en, id: &r.id, level: r.level.json(), parent: &r.parent, zh: &r.name.zh }).collect();
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
    }
}

fn internal() -> Vec<Problem> {
    vec![Problem { code: "internal".into(), path: String::new(), zh: "内部错误".into(), en: "internal error".into() }]
}

/// Titles for household inputs that a calculation may need.
fn input_title(name: &str) -> Text {
    if name == "annualNetIncome" {
        Text::new("家庭年纯收入(全家合计)", "household annual net income (all members)")
    } else if name.ends_with("insurancePaid") {
        Text::new(format!("住院结算单上的医保报销额({name})"), format!("insurance paid on the settlement slip ({name})"))
    } else {
        Text::new(name, name)
    }
}
