//! The packs an engine knows, the checks that need the chain (parent, inherited documents and
//! parameters), and the policy in force for a region: its chain merged, child over parent.

use super::model::*;
use super::read::parse_pack;
use crate::date::Date;
use crate::problem::Problems;
use crate::read::{index_path, key_path};
use crate::table::Table;
use crate::text::Text;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::rc::Rc;

/// Deeper than nation → province → city → county is a mistake (or a cycle).
const MAX_CHAIN: usize = 4;

/// The packs an engine knows, by id, and the policies resolved from them.
#[derive(Default)]
pub struct Registry {
    packs: Table<Rc<Pack>>,
    /// Resolved policies by pack id; cleared whenever a pack is loaded.
    cache: RefCell<Table<Rc<Policy>>>,
}

/// The policy of one chain: documents, parameters and programmes merged, child over parent.
#[derive(Debug)]
pub struct Policy {
    /// The chain of packs, nation first, the region's own pack last.
    pub chain: Vec<Rc<Pack>>,
    /// The chain's documents by key, a child's over its parent's of the same key.
    pub documents: Table<Document>,
    /// Each parameter as its most specific pack defines it (title, unit).
    pub parameters: Table<Parameter>,
    /// Each parameter's definitions along the chain, most specific first: a child's values
    /// stand where they are in force, and the parent's elsewhere.
    pub layers: Table<Vec<Parameter>>,
    /// The chain's programmes in order: ancestors' first, a child's replacing one of the same id in place, those named in `replaces` removed.
    pub programmes: Vec<Programme>,
    /// Statuses that start or end on a date, each as the most specific pack defines it.
    pub status_periods: Vec<StatusPeriod>,
    /// The insurance model of the nearest pack that has one.
    pub insurance_model: Option<InsuranceModel>,
    /// Per programme, the household-independent part of the report-size bound (see `budget`),
    /// worked out on first use.
    pub budget: std::cell::OnceCell<Vec<usize>>,
    /// Every cite of the chain (programmes, parameter values) resolved against its document, each
    /// distinct citation once: reports share them.
    pub citations: Vec<Rc<Cited>>,
    /// (address of a cite in this policy, its index in `citations`), sorted by address.
    cite_index: Vec<(usize, usize)>,
}

/// A parameter's value on a date.
#[derive(Debug, Clone)]
pub enum Lookup<'a> {
    /// A value in force.
    Found {
        /// The value.
        value: Decimal,
        /// When the value came into force (`None` for an override).
        from: Option<Date>,
        /// The sentence it rests on (`None` for an override).
        cite: Option<&'a Cite>,
        /// True when it is the household's `overrides`, not the packs'.
        overridden: bool,
    },
    /// A local figure no source gives (`values: []`).
    Local,
    /// The parameter has values, but none in force on the date.
    NotInForce,
    /// No parameter of that name in the chain (a pack checked by the registry cannot cause this).
    Unknown,
}

impl Policy {
    /// The value of parameter `name` on `on`: a value in `overrides` first, then the chain's, most specific first.
    pub fn lookup<'a>(&'a self, name: &str, on: Date, overrides: &Table<Decimal>) -> Lookup<'a> {
        if let Some(v) = overrides.get(name) {
            return Lookup::Found { value: *v, from: None, cite: None, overridden: true };
        }
        let Some(layers) = self.layers.get(name) else { return Lookup::Unknown };
        for par in layers {
            if let Some(dv) = value_on(&par.values, on) {
                return Lookup::Found { value: dv.value, from: Some(dv.from), cite: Some(&dv.cite), overridden: false };
            }
        }
        if layers.iter().all(|p| p.values.is_empty()) {
            Lookup::Local
        } else {
            Lookup::NotInForce
        }
    }

    /// The document of `key` in the chain.
    pub fn document(&self, key: &str) -> Option<&Document> {
        self.documents.get(key)
    }

    /// A cite resolved against its document (the nearest pack of the chain that defines it).
    pub fn resolve(&self, cite: &Cite) -> Citation {
        match self.document(&cite.doc) {
            Some(d) => Citation {
                document: d.title.clone(),
                issuer: d.issuer.clone(),
                date: d.date.clone(),
                number: d.number.clone(),
                quote: cite.quote.clone(),
                source: d.source.clone(),
                url: d.url.clone(),
                confidence: cite.confidence.unwrap_or(d.confidence),
                note: cite.note.clone().or_else(|| d.note.clone()),
                supports: d.supports,
            },
            // A checked pack always resolves its documents; keep the quote if one does not.
            None => Citation {
                document: cite.doc.clone(),
                issuer: String::new(),
                date: String::new(),
                number: None,
                quote: cite.quote.clone(),
                source: String::new(),
                url: None,
                confidence: cite.confidence.unwrap_or(Confidence::R),
                note: cite.note.clone(),
                supports: Supports::default(),
            },
        }
    }

    /// The period of a status, where the chain's packs give one (`statusPeriods`).
    pub fn status_period(&self, status: crate::household::Status) -> Option<&StatusPeriod> {
        self.status_periods.iter().find(|s| s.status == status)
    }

    /// The earliest date any programme of the chain is in force (for `policy.not_in_force`).
    pub fn earliest_from(&self) -> Option<Date> {
        self.programmes.iter().map(|p| p.from).min()
    }

    /// The most specific pack of the chain that defines programme `id` (its `reviewed` date is
    /// the one that applies to the programme).
    pub fn defining_pack(&self, id: &str) -> Option<&Rc<Pack>> {
        self.chain.iter().rev().find(|p| p.programmes.iter().any(|pr| &*pr.id == id))
    }

    /// The last date a cite's document vouches for (`supports.until`), if it sets one.
    pub fn supported_until(&self, cite: &Cite) -> Option<Date> {
        self.document(&cite.doc).and_then(|d| d.supports.until)
    }

    /// The index in `citations` of a cite held by this policy.
    pub fn cite_position(&self, cite: &Cite) -> Option<usize> {
        let addr = cite as *const Cite as usize;
        self.cite_index.binary_search_by_key(&addr, |(a, _)| *a).ok().map(|i| self.cite_index[i].1)
    }

    fn index_citations(&mut self) {
        let mut cites: Vec<&Cite> = self.programmes.iter().map(|p| &p.cite).collect();
        cites.extend(self.status_periods.iter().map(|s| &s.cite));
        for layer in self.layers.values() {
            cites.extend(layer.iter().flat_map(|p| p.values.iter().map(|v| &v.cite)));
        }
        let mut citations: Vec<Rc<Cited>> = Vec::new();
        let mut index = Vec::with_capacity(cites.len());
        for c in cites {
            let resolved = self.resolve(c);
            let i = match citations.iter().position(|x| x.citation == resolved) {
                Some(i) => i,
                None => {
                    citations.push(Rc::new(Cited::new(resolved)));
                    citations.len() - 1
                }
            };
            crate::table::insert_sorted(&mut index, (c as *const Cite as usize, i));
        }
        self.citations = citations;
        self.cite_index = index;
    }

    /// The ids of the chain, nation first.
    pub fn chain_ids(&self) -> Vec<String> {
        self.chain.iter().map(|p| p.id.clone()).collect()
    }
}

/// The value in force on `on`: the last whose `from` is on or before it, unless its `until` has passed.
pub fn value_on(values: &[DatedValue], on: Date) -> Option<&DatedValue> {
    let v = values.iter().rev().find(|v| v.from <= on)?;
    match v.until {
        Some(u) if on > u => None,
        _ => Some(v),
    }
}

fn level_rank(l: Level) -> u8 {
    match l {
        Level::Nation => 0,
        Level::Province => 1,
        Level::City => 2,
        Level::County => 3,
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Every pack, in id order.
    pub fn packs(&self) -> impl Iterator<Item = &Rc<Pack>> {
        self.packs.values()
    }

    /// The pack of `id`.
    pub fn get(&self, id: &str) -> Option<&Rc<Pack>> {
        self.packs.get(id)
    }

    /// Reads and checks a pack against the packs already here; nothing is added.
    pub fn check_text(&self, text: &str) -> Result<Pack, Problems> {
        let pack = parse_pack(text)?;
        let p = self.check_in_chain(&pack);
        if p.is_empty() {
            Ok(pack)
        } else {
            Err(p)
        }
    }

    /// Checks and adds a pack; one with the id of a pack already here replaces it.
    pub fn load_text(&mut self, text: &str) -> Result<String, Problems> {
        let pack = self.check_text(text)?;
        let id = pack.id.clone();
        self.insert(pack);
        Ok(id)
    }

    /// Adds a pack already checked.
    pub fn insert(&mut self, pack: Pack) {
        self.packs.insert(pack.id.clone(), Rc::new(pack));
        self.cache.borrow_mut().clear();
    }

    /// The ancestors of `pack` from its parent up to the nation, or the problem with its parent line.
    fn ancestors(&self, pack: &Pack, p: &mut Problems) -> Option<Vec<Rc<Pack>>> {
        let mut out: Vec<Rc<Pack>> = Vec::new();
        let mut next = pack.parent.clone();
        while let Some(pid) = next {
            if pid == pack.id || out.iter().any(|a| a.id == pid) {
                p.add("pack.parent_cycle", "parent", format!("上级链出现循环(经过 {pid})"), format!("the parent chain loops (through {pid})"));
                return None;
            }
            let Some(parent) = self.packs.get(&pid) else {
                let shown: String = pid.chars().take(40).collect();
                let path = if out.is_empty() { "parent".to_string() } else { String::new() };
                p.add("pack.parent_unknown", &path, format!("上级政策包 {shown} 不存在"), format!("parent pack {shown} does not exist"));
                return None;
            };
            out.push(parent.clone());
            if out.len() > MAX_CHAIN {
                p.add("pack.chain_too_deep", "parent", "上级链超过4层", "the parent chain is deeper than four levels");
                return None;
            }
            next = parent.parent.clone();
        }
        Some(out)
    }

    /// Everything that needs the chain: parent, level, region, inherited documents and parameters.
    pub fn check_in_chain(&self, pack: &Pack) -> Problems {
        let mut p = Problems::new();
        let Some(ancestors) = self.ancestors(pack, &mut p) else { return p };
        if let Some(parent) = ancestors.first() {
            if level_rank(parent.level) >= level_rank(pack.level) {
                p.add(
                    "pack.level",
                    "level",
                    format!("层级须低于上级({})", parent.level.zh()),
                    format!("the level must be below the parent's ({})", parent.level.en()),
                );
            }
            let keep = match parent.level {
                Level::Nation => 0,
                Level::Province => 2,
                Level::City => 4,
                Level::County => 6,
            };
            if pack.region.get(..keep) != parent.region.get(..keep) {
                p.add("pack.region", "region", "地区代码与上级不符", "the region code is not inside the parent's region");
            }
        } else if pack.level != Level::Nation {
            p.add("pack.level", "level", "没有上级的政策包只能是全国级", "only the national pack has no parent");
        }

        let has_doc = |k: &str| pack.documents.contains_key(k) || ancestors.iter().any(|a| a.documents.contains_key(k));
        let param_unit = |k: &str| pack.parameters.get(k).or_else(|| ancestors.iter().find_map(|a| a.parameters.get(k))).map(|x| x.unit);
        let check_cite = |c: &Cite, path: &str, p: &mut Problems| {
            if !has_doc(&c.doc) {
                let shown: String = c.doc.chars().take(40).collect();
                p.add(
                    "cite.doc_unknown",
                    &key_path(path, "doc"),
                    format!("引用的文件 {shown} 未在 documents 中定义"),
                    format!("document {shown} is not defined in documents"),
                );
            }
        };
        for (name, par) in &pack.parameters {
            let ppath = key_path("parameters", name);
            for (i, v) in par.values.iter().enumerate() {
                check_cite(&v.cite, &key_path(&index_path(&key_path(&ppath, "values"), i), "cite"), &mut p);
            }
        }
        let check_slot = |slot: &str, name: &str, want: Unit, path: &str, p: &mut Problems| match param_unit(name) {
            None => {
                let shown: String = name.chars().take(60).collect();
                p.add("parameter.unknown", &key_path(path, slot), format!("参数 {shown} 未定义"), format!("parameter {shown} is not defined"));
            }
            Some(u) if u != want && !(want == Unit::Factor && u == Unit::Rate) => p.add(
                "parameter.unit",
                &key_path(path, slot),
                format!("参数单位应为 {},实为 {}", want.json(), u.json()),
                format!("the parameter's unit must be {}, not {}", want.json(), u.json()),
            ),
            Some(_) => {}
        };
        let ancestor_programme = |id: &str| ancestors.iter().any(|a| a.programmes.iter().any(|pr| &*pr.id == id));
        for (i, id) in pack.replaces.iter().enumerate() {
            if !ancestor_programme(id) {
                let shown: String = id.chars().take(60).collect();
                p.add(
                    "replaces.unknown",
                    &index_path("replaces", i),
                    format!("上级政策包中没有项目 {shown}"),
                    format!("no ancestor pack has programme {shown}"),
                );
            }
        }
        let model_in_chain = pack.insurance_model.is_some() || ancestors.iter().any(|a| a.insurance_model.is_some());
        for sp in &pack.status_periods {
            check_cite(&sp.cite, &key_path(&key_path("statusPeriods", sp.status.json()), "cite"), &mut p);
        }
        for (i, pr) in pack.programmes.iter().enumerate() {
            let ppath = index_path("programmes", i);
            check_cite(&pr.cite, &key_path(&ppath, "cite"), &mut p);
            let rpath = key_path(&ppath, "rule");
            for (slot, name, unit) in pr.rule.parameter_slots() {
                check_slot(slot, name, unit, &rpath, &mut p);
            }
            if pr.rule.kind() == Kind::DeductibleReduction && !model_in_chain {
                p.add(
                    "insurance_model.missing",
                    &key_path(&ppath, "kind"),
                    "起付线降低须在本包或上级包中定义 insuranceModel",
                    "deductible_reduction needs an insuranceModel in this pack or an ancestor",
                );
            }
        }
        if let Some(m) = &pack.insurance_model {
            for (slot, name, unit) in m.parameter_slots() {
                check_slot(slot, name, unit, "insuranceModel", &mut p);
            }
        }
        p
    }

    /// The pack used for a region: its own, else its city's, else its province's. `None` when only
    /// the nation (or nothing) has a pack. The flag says whether a parent's pack stands in.
    pub fn pack_for_region(&self, region: &str) -> Option<(Rc<Pack>, bool)> {
        let code = region.get(..6).filter(|c| c.bytes().all(|b| b.is_ascii_digit()))?;
        let candidates = [code.to_string(), format!("{}00", code.get(..4)?), format!("{}0000", code.get(..2)?)];
        for (i, c) in candidates.iter().enumerate() {
            if c == "000000" {
                break;
            }
            if let Some(p) = self.packs.get(&format!("cn-{c}")) {
                return Some((p.clone(), i > 0));
            }
        }
        None
    }

    /// The merged policy of a pack's chain (cached).
    pub fn policy(&self, pack: &Rc<Pack>) -> Option<Rc<Policy>> {
        if let Some(p) = self.cache.borrow().get(&pack.id) {
            return Some(p.clone());
        }
        let mut chain = vec![pack.clone()];
        let mut next = pack.parent.clone();
        while let Some(pid) = next {
            let parent = self.packs.get(&pid)?;
            if chain.len() > MAX_CHAIN || chain.iter().any(|c| c.id == pid) {
                return None;
            }
            chain.push(parent.clone());
            next = parent.parent.clone();
        }
        chain.reverse();
        let mut documents = Table::new();
        let mut parameters = Table::new();
        let mut layers: Table<Vec<Parameter>> = Table::new();
        let mut programmes: Vec<Programme> = Vec::new();
        let mut insurance_model = None;
        let mut status_periods: Vec<StatusPeriod> = Vec::new();
        for p in &chain {
            for sp in &p.status_periods {
                status_periods.retain(|s| s.status != sp.status);
                status_periods.push(sp.clone());
            }
            for (k, v) in p.documents.iter() {
                documents.insert(k.clone(), v.clone());
            }
            for (k, v) in p.parameters.iter() {
                parameters.insert(k.clone(), v.clone());
                layers.get_or_insert_with(k, Vec::new).insert(0, v.clone());
            }
            programmes.retain(|pr| !p.replaces.iter().any(|r| **r == *pr.id));
            for pr in &p.programmes {
                match programmes.iter_mut().find(|x| x.id == pr.id) {
                    Some(slot) => *slot = pr.clone(),
                    None => programmes.push(pr.clone()),
                }
            }
            if p.insurance_model.is_some() {
                insurance_model = p.insurance_model.clone();
            }
        }
        status_periods.sort_by_key(|s| s.status);
        let mut policy = Policy {
            chain,
            documents,
            parameters,
            layers,
            programmes,
            status_periods,
            insurance_model,
            budget: Default::default(),
            citations: Vec::new(),
            cite_index: Vec::new(),
        };
        // The policy is not changed after this (it is shared behind an Rc), so the cites'
        // addresses stay valid as keys.
        policy.index_citations();
        let policy = Rc::new(policy);
        self.cache.borrow_mut().insert(pack.id.clone(), policy.clone());
        Some(policy)
    }

    /// The places with packs, for the region list: code, id, level, parent and names.
    pub fn regions(&self) -> Vec<RegionInfo> {
        self.packs
            .values()
            .map(|p| RegionInfo { code: p.region.clone(), id: p.id.clone(), level: p.level, parent: p.parent.clone(), name: p.name.clone() })
            .collect()
    }
}

/// A place with a pack (`Engine::regions_json`).
#[derive(Debug, Clone)]
pub struct RegionInfo {
    /// The six-digit region code (`000000` for the nation).
    pub code: String,
    /// The pack's id.
    pub id: String,
    /// Nation, province, city or county.
    pub level: Level,
    /// The parent pack's id (`None` for the nation).
    pub parent: Option<String>,
    /// The place's name.
    pub name: Text,
}
