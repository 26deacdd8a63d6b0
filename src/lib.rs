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
pub mod fluent;
pub mod generate;
pub mod household;
pub mod json;
pub mod message;
pub mod money;
pub mod policy;
pub mod problem;
pub mod read;
pub mod render;
pub mod report;
pub mod roster;
pub mod rules;
pub mod sheet;
pub mod table;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use household::{parse_household, read_household, Household};
use message::{count, Msg};
use policy::{Registry, Unit};
use problem::{errors_json, Problem, Problems};
use read::key_path;
use render::Messages;
use report::{NeedInfo, PackName, PolicyUsed, Report, Warning, REPORT_FORMAT_VERSION};
use rust_decimal::Decimal;
use std::rc::Rc;

/// The crate version, as `version()` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The calculator: the shipped packs and message catalogues, plus any loaded at run time.
///
/// One API, in the direction data flows: [`Engine::read`] a household (every problem with its
/// JSON path), [`Engine::evaluate`] it (a [`Report`] of amounts, statuses and message codes),
/// [`Engine::render`] the report in a language. The command line, the roster and the
/// WebAssembly module are thin adapters over these three.
pub struct Engine {
    registry: Registry,
    shipped_failures: Vec<(String, Vec<Problem>)>,
    messages: Messages,
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
        Engine { registry, shipped_failures, messages: Messages::shipped() }
    }

    /// An engine with no packs at all (for tests of pack loading).
    pub fn empty() -> Engine {
        Engine { registry: Registry::new(), shipped_failures: Vec::new(), messages: Messages::shipped() }
    }

    /// Shipped packs that failed their checks (none, in a correct build).
    pub fn shipped_failures(&self) -> &[(String, Vec<Problem>)] {
        &self.shipped_failures
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Reads and validates a household given as JSON text: every problem at once, each with its
    /// JSON path.
    pub fn read(&self, input: &str) -> Result<Household, Vec<Problem>> {
        parse_household(input).map_err(Problems::into_sorted)
    }

    /// `read`, with `asOf` taken as `today` when the household leaves it out.
    pub fn read_on(&self, input: &str, today: Option<date::Date>) -> Result<Household, Vec<Problem>> {
        household::parse_household_on(input, today).map_err(Problems::into_sorted)
    }

    /// Reads and validates a household already parsed as JSON.
    pub fn read_tree(&self, v: &json::Json) -> Result<Household, Vec<Problem>> {
        read_household(v).map_err(Problems::into_sorted)
    }

    /// Reads and evaluates a household already parsed as JSON (`read_tree`, then `evaluate`).
    pub fn evaluate_tree(&self, v: &json::Json) -> Result<Report, Vec<Problem>> {
        self.evaluate(&self.read_tree(v)?)
    }

    /// Evaluates a validated household: amounts, statuses, totals, and every explanation as a
    /// message code with its arguments (no text: see [`Engine::render`]).
    pub fn evaluate(&self, hh: &Household) -> Result<Report, Vec<Problem>> {
        let mut p = Problems::new();
        let Some((pack, nearest)) = self.registry.pack_for_region(&hh.region) else {
            p.msg("region", crate::msg!("region.unknown", region = message::text(&hh.region)));
            return Err(p.into_sorted());
        };
        let Some(policy) = self.registry.policy(&pack) else {
            p.msg("region", crate::msg!("region.chain"));
            return Err(p.into_sorted());
        };
        for (name, value) in &hh.overrides {
            let path = key_path("overrides", name);
            let shown: String = name.chars().take(60).collect();
            match policy.parameters.get(name.as_str()) {
                None => p.msg(&path, crate::msg!("override.unknown", name = message::text(&shown))),
                Some(par) if par.unit == Unit::Rate && *value > Decimal::ONE => p.msg(&path, crate::msg!("rate.range", field = message::parameter(name))),
                Some(par) if par.unit == Unit::Yuan && value.normalize().scale() > 2 => {
                    p.msg(&path, crate::msg!("money.precision", field = message::parameter(name), money = message::yes_no(true)))
                }
                Some(par) if matches!(par.unit, Unit::Age | Unit::Count) && !value.fract().is_zero() => {
                    p.msg(&path, crate::msg!("number.whole", field = message::parameter(name)))
                }
                Some(_) => {}
            }
        }
        if !p.is_empty() {
            return Err(p.into_sorted());
        }
        // A date before every programme of the chain: no policy to apply, said as such rather
        // than a report of programmes none of which is in force.
        if let Some(earliest) = policy.earliest_from().filter(|e| hh.as_of < *e) {
            p.msg("asOf", crate::msg!("policy.not_in_force", from = message::date(earliest)));
            return Err(p.into_sorted());
        }
        if budget::too_large(hh, &policy) {
            p.msg("", crate::msg!("report.too_large"));
            return Err(p.into_sorted());
        }
        let ctx = rules::evaluate(hh, &policy);
        // First, once per document (or pack) whatever the number of entries resting on it: the
        // sources of an amount or a check end before `asOf` (`policy.stale`).
        let mut warnings: Vec<Warning> = Vec::new();
        let marked =
            ctx.entitlements.iter().filter(|e| e.status != report::EntStatus::NotEligible).map(|e| &e.warnings).chain(ctx.checks.iter().map(|c| &c.warnings));
        for m in marked.flatten() {
            if !warnings.iter().any(|w| w.msg == *m) {
                warnings.push(Warning { msg: m.clone(), parameter: None });
            }
        }
        if nearest {
            let m: Msg = crate::msg!("region.nearest_pack", region = message::text(&hh.region), pack = message::text(&pack.id));
            warnings.push(Warning { msg: m, parameter: None });
        }
        if ctx.entitlements.iter().any(|e| e.estimate) {
            warnings.push(Warning { msg: crate::msg!("medical.estimate"), parameter: None });
        }
        warnings.extend(ctx.warnings);
        let needs_info = ctx
            .needs
            .into_iter_sorted()
            .map(|(name, programmes)| {
                let unit = policy.parameters.get(&name).map(|p| p.unit).or(Some(Unit::Yuan));
                NeedInfo { parameter: Rc::from(name.as_str()), unit, title: None, programmes }
            })
            .collect();
        let totals = report::totals(&ctx.entitlements, &rules::areas(&policy)).ok_or_else(|| {
            let mut p = Problems::new();
            p.msg("", crate::msg!("money.overflow"));
            p.into_sorted()
        })?;
        Ok(Report {
            format_version: REPORT_FORMAT_VERSION,
            lang: None,
            household: hh.id.clone(),
            region: hh.region.clone(),
            as_of: hh.as_of,
            status: hh.status.to_vec(),
            policy: PolicyUsed { chain: policy.chain_ids(), names: policy.chain.iter().map(|p| PackName { id: p.id.clone(), name: None }).collect() },
            entitlements: ctx.entitlements,
            checks: ctx.checks,
            totals,
            needs_info,
            alerts: ctx.alerts,
            warnings,
        })
    }

    /// The household's totals had its annual net income been each of `incomes` instead: the
    /// what-if curve (the yearly total against income, where 低保 stops). Each point is the
    /// `evaluate` of that household, of which only the totals are kept: no text, no report.
    pub fn totals_at_incomes(&self, hh: &Household, incomes: &[Decimal]) -> Result<Vec<report::Totals>, Vec<Problem>> {
        let mut at = hh.clone();
        incomes
            .iter()
            .map(|income| {
                at.annual_net_income = Some(*income);
                self.evaluate(&at).map(|r| r.totals)
            })
            .collect()
    }

    /// Writes every text of a report in `lang` (its catalogue, else its base language's, else
    /// zh-CN), in place: titles, steps, reasons, alerts, warnings, the figures' and the
    /// missing figures' titles.
    pub fn render(&self, report: &mut Report, lang: &str) {
        let pack = report.policy.chain.last().and_then(|id| self.registry.get(id));
        if let Some(policy) = pack.and_then(|p| self.registry.policy(p)) {
            self.messages.lang(lang).render(report, &policy);
        }
    }

    /// Reads, evaluates and (with `lang`) renders a household given as JSON text: `Ok` holds
    /// the report's JSON, `Err` the `{"errors":[…]}` JSON.
    pub fn report_json(&self, input: &str, lang: Option<&str>) -> Result<String, String> {
        let hh = self.read(input).map_err(|p| errors_json(&p))?;
        let mut report = self.evaluate(&hh).map_err(|p| errors_json(&p))?;
        if let Some(lang) = lang {
            self.render(&mut report, lang);
        }
        report.to_json().map_err(|_| errors_json(&internal()))
    }

    /// Reads and evaluates a household given as a `serde_json::Value` (for Rust callers that
    /// build households with serde): the report as `evaluate` gives it, codes only.
    pub fn evaluate_value(&self, v: &serde_json::Value) -> Result<Report, Vec<Problem>> {
        let text = v.to_string();
        let hh = self.read(&text)?;
        self.evaluate(&hh)
    }

    /// Adds a message catalogue (Fluent text) for `lang`, replacing one of that language: a
    /// portal's own wording, or another language. `Err` lists its syntax errors as problems.
    pub fn load_messages(&mut self, lang: &str, text: &str) -> Result<(), Vec<Problem>> {
        if lang.is_empty() || lang.len() > 35 || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            let mut p = Problems::new();
            p.msg("lang", crate::msg!("messages.lang"));
            return Err(p.into_sorted());
        }
        self.messages.load(lang, text).map_err(|errors| {
            let mut p = Problems::new();
            for e in errors {
                p.msg("", crate::msg!("messages.syntax", line = count(e.line), detail = message::text(&e.message)));
            }
            p.into_sorted()
        })
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
        let list: Vec<Region> =
            regions.iter().map(|r| Region { code: &r.code, en: &r.name.en, id: &r.id, level: r.level.json(), parent: &r.parent, zh: &r.name.zh }).collect();
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
    }
}

fn internal() -> Vec<Problem> {
    vec![Problem::of("", &crate::msg!("internal"))]
}
