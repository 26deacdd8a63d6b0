//! The household (SPEC §4): read from JSON and validated, every problem with its path.

use crate::date::Date;
use crate::json::Json;
use crate::message;
use crate::msg;
use crate::problem::Problems;
use crate::read::{key_path, string_value, Obj, Path, MAX_STRING};
use crate::table::Table;
use rust_decimal::Decimal;

/// The most members a household may have.
pub const MAX_MEMBERS: usize = 50;
/// The most hospital stays a member may have.
pub const MAX_STAYS: usize = 50;
/// The most `overrides` a household may give.
pub const MAX_OVERRIDES: usize = 100;
/// The oldest age accepted.
pub const MAX_AGE: u64 = 130;
/// The largest household JSON text accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// Declares a closed vocabulary: an enum, its JSON names and its Chinese and English labels.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $json:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $(#[doc = $en] $variant),* }
        impl $name {
            /// Every value, in the order declared.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The value of a JSON name.
            pub fn from_json(s: &str) -> Option<$name> {
                match s { $($json => Some($name::$variant),)* _ => None }
            }
            /// The JSON name.
            pub fn json(self) -> &'static str {
                match self { $($name::$variant => $json),* }
            }
            /// The Chinese label.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),* }
            }
            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en),* }
            }
            /// Every JSON name, separated by commas (for an error's text).
            pub fn names() -> String {
                Self::ALL.iter().map(|v| v.json()).collect::<Vec<_>>().join(", ")
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.json())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// A household's standing in the assistance system.
    Status {
        RegisteredPoor = "registered_poor", "建档立卡贫困户", "registered poor household";
        ExitedPoor = "exited_poor", "已脱贫户", "household exited from poverty";
        Dibao = "dibao", "低保户", "minimum living guarantee (dibao) household";
        Tekun = "tekun", "特困供养", "extreme-poverty support (tekun)";
        Monitored = "monitored", "防返贫监测对象", "household under return-to-poverty monitoring";
        LowIncomeMargin = "low_income_margin", "低保边缘户", "low-income margin household";
    }
}

vocabulary! {
    /// School stages (SPEC §2).
    Stage {
        Preschool = "preschool", "学前教育", "preschool";
        Primary = "primary", "小学", "primary school";
        JuniorSecondary = "junior_secondary", "初中", "junior secondary school";
        SeniorSecondary = "senior_secondary", "普通高中", "senior secondary school";
        SecondaryVocational = "secondary_vocational", "中等职业教育", "secondary vocational school";
        JuniorCollege = "junior_college", "高等教育专科", "junior college";
        Undergraduate = "undergraduate", "高等教育本科", "undergraduate";
        Postgraduate = "postgraduate", "研究生", "postgraduate";
    }
}

vocabulary! {
    /// A member's ability to work.
    LaborAbility {
        Full = "full", "有劳动能力", "able to work";
        Partial = "partial", "部分丧失劳动能力", "partly able to work";
        None = "none", "无劳动能力", "unable to work";
    }
}

vocabulary! {
    /// Dangerous-house grades (危房等级).
    HouseGrade {
        A = "A", "A级", "grade A";
        B = "B", "B级", "grade B";
        C = "C", "C级危房", "grade C (dangerous)";
        D = "D", "D级危房", "grade D (dangerous)";
    }
}

vocabulary! {
    /// Named kinds of treatment that a pack may relieve in full.
    Treatment {
        LaborRecovery = "labor_recovery", "劳动能力恢复救治", "treatment that restores the ability to work";
        General = "general", "一般治疗", "general treatment";
    }
}

/// A household as validated: what the rules read (SPEC §4, docs/report-format.md).
#[derive(Debug, Clone)]
pub struct Household {
    /// The household's own number (a roster's), shown in the report; never interpreted.
    pub id: Option<String>,
    /// The six-digit region code of where it lives.
    pub region: String,
    /// The date it is evaluated as of: the policy in force on that day applies.
    pub as_of: Date,
    /// Sorted, each status once.
    pub status: Vec<Status>,
    /// The household's annual net income, all members together.
    pub annual_net_income: Option<Decimal>,
    /// Its members, in the order given.
    pub members: Vec<Member>,
    /// The house's danger grade, when known.
    pub housing_grade: Option<HouseGrade>,
    /// Parameter name → value the user knows; validated against the policy chain later.
    pub overrides: Table<Decimal>,
}

/// A member of a household.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's id, unique in the household (`m1`).
    pub id: String,
    /// A name, for display only; never interpreted.
    pub name: Option<String>,
    /// Age in whole years.
    pub age: u32,
    /// Disability grade, 1 (most severe) to 4.
    pub disability: Option<u8>,
    /// Ability to work, when known.
    pub labor_ability: Option<LaborAbility>,
    /// Insured for medical care (default true).
    pub insured_medical: bool,
    /// Insured for a pension (default true).
    pub insured_pension: bool,
    /// At school: stage and details.
    pub school: Option<School>,
    /// A chronic disease and its self-pay.
    pub chronic: Option<Chronic>,
    /// Hospital stays, from their settlement slips.
    pub stays: Vec<Stay>,
    /// The member as explanations name them: (id, name or id), made once and shared by every
    /// message that names the member.
    pub label: (std::rc::Rc<str>, std::rc::Rc<str>),
}

/// A member at school.
#[derive(Debug, Clone, Copy)]
pub struct School {
    /// The school stage.
    pub stage: Stage,
    /// A first-year student.
    pub freshman: bool,
    /// A boarder.
    pub boarding: bool,
}

/// A member's chronic disease.
#[derive(Debug, Clone, Copy)]
pub struct Chronic {
    /// One of the diseases on the national list.
    pub listed: bool,
    /// Self-pay this year for drugs inside the insurance catalogue.
    pub self_pay_in_catalog: Decimal,
}

/// One hospital stay, from its settlement slip (结算单).
#[derive(Debug, Clone, Copy)]
pub struct Stay {
    /// A stay inside the district (区/县内).
    pub in_district: bool,
    /// 总费用
    pub total: Decimal,
    /// 政策范围内费用
    pub covered: Decimal,
    /// What basic and critical-illness insurance paid; `None` when unknown.
    pub insurance_paid: Option<Decimal>,
    /// The kind of treatment, when it is one a pack relieves in full.
    pub treatment: Option<Treatment>,
}

/// Parses and validates household JSON text.
pub fn parse_household(text: &str) -> Result<Household, Problems> {
    parse_household_on(text, None)
}

/// `parse_household`, with `asOf` taken as `today` when the household leaves it out (the
/// WebAssembly `evaluate` and the page: the device's date); `None`: `asOf` is required.
pub fn parse_household_on(text: &str, today: Option<Date>) -> Result<Household, Problems> {
    let mut p = Problems::new();
    if text.len() > MAX_INPUT_BYTES {
        p.msg("", msg!("input.too_large", limit = message::count(MAX_INPUT_BYTES)));
        return Err(p);
    }
    let value = match Json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            p.msg("", msg!("json.syntax", line = message::count(e.line), column = message::count(e.column)));
            return Err(p);
        }
    };
    read_household_on(&value, today)
}

/// Validates a household already parsed as JSON.
pub fn read_household(value: &Json) -> Result<Household, Problems> {
    read_household_on(value, None)
}

/// `read_household`, with `asOf` defaulting to `today` when given.
pub fn read_household_on(value: &Json, today: Option<Date>) -> Result<Household, Problems> {
    let mut p = Problems::new();
    let Some(mut o) = Obj::open(value, "", &mut p) else { return Err(p) };

    let id = o.string("id", false, MAX_STRING, &mut p).map(str::to_string);
    let region = o.string("region", true, MAX_STRING, &mut p).and_then(|r| {
        if r.len() == 6 && r.bytes().all(|c| c.is_ascii_digit()) {
            Some(r.to_string())
        } else {
            p.msg("region", msg!("region.format"));
            None
        }
    });
    let as_of = match o.string("asOf", today.is_none(), MAX_STRING, &mut p) {
        Some(s) => {
            let d = Date::parse(s);
            if d.is_none() {
                p.msg("asOf", msg!("date.invalid"));
            }
            d
        }
        None => today,
    };

    let mut status = Vec::new();
    if let Some(items) = o.array("status", false, 10, &mut p) {
        for (i, item) in items.iter().enumerate() {
            match item.as_str().and_then(Status::from_json) {
                Some(st) => crate::table::insert_sorted(&mut status, st),
                None => {
                    let path = crate::read::index_path("status", i);
                    if let Some(s) = string_value(item, &path, MAX_STRING, &mut p) {
                        unknown_word(&mut p, &path, "status", s, Status::ALL.iter().map(|x| x.json()).collect());
                    }
                }
            }
        }
    }

    let annual_net_income = o.money("annualNetIncome", false, &mut p);

    let mut members = Vec::new();
    if let Some(items) = o.array("members", true, MAX_MEMBERS, &mut p) {
        if items.is_empty() {
            p.msg("members", msg!("members.empty"));
        }
        let mut seen: Vec<(&str, usize)> = Vec::new();
        let list = Path::Text("members");
        for (i, item) in items.iter().enumerate() {
            let path = Path::Index(&list, i);
            if let Some(m) = read_member(item, path, &mut p) {
                members.push(m);
            }
            if let Some(Json::String(mid)) = item.get("id") {
                if let Some((_, first)) = seen.iter().find(|(id, _)| *id == &**mid) {
                    p.msg(&Path::Key(&path, "id").text(), msg!("member.duplicate_id", first = message::count(first + 1)));
                } else {
                    seen.push((mid, i));
                }
            }
        }
    }

    let mut housing_grade = None;
    if let Some(h) = o.get("housing") {
        if let Some(mut ho) = Obj::open(h, "housing", &mut p) {
            if let Some(g) = ho.string("grade", false, MAX_STRING, &mut p) {
                housing_grade = HouseGrade::from_json(g);
                if housing_grade.is_none() {
                    unknown_word(&mut p, "housing.grade", "grade", g, HouseGrade::ALL.iter().map(|x| x.json()).collect());
                }
            }
            ho.finish(&mut p);
        }
    }

    let mut overrides = Table::new();
    if let Some(v) = o.get("overrides") {
        if let Some(map) = v.as_object() {
            if map.len() > MAX_OVERRIDES {
                p.msg(
                    "overrides",
                    msg!("list.too_long", field = message::field("overrides"), max = message::count(MAX_OVERRIDES), found = message::count(map.len())),
                );
            } else {
                for (k, val) in map.sorted() {
                    let path = key_path("overrides", k);
                    if k.is_empty() || k.len() > 100 {
                        p.msg(&path, msg!("override.name"));
                        continue;
                    }
                    if let Some(d) = crate::read::decimal_value(val, &path, &mut p) {
                        overrides.insert(k.to_string(), d);
                    }
                }
            }
        } else {
            crate::read::wrong_type(&mut p, "overrides", v, "object");
        }
    }
    o.finish(&mut p);

    match (region, as_of) {
        (Some(region), Some(as_of)) if p.is_empty() => Ok(Household { id, region, as_of, status, annual_net_income, members, housing_grade, overrides }),
        _ => Err(p),
    }
}

/// `enum.unknown`: a word not in its vocabulary (`kind`, e.g. `stage`), the allowed ones listed
/// by their labels.
fn unknown_word(p: &mut Problems, path: &str, kind: &'static str, got: &str, allowed: Vec<&'static str>) {
    let got: String = got.chars().take(40).collect();
    p.msg(path, msg!("enum.unknown", field = message::field(path), got = message::text(&got), allowed = message::Arg::Vocabs { kind, keys: allowed }));
}

fn read_member(v: &Json, path: Path, p: &mut Problems) -> Option<Member> {
    let mut o = Obj::open(v, path, p)?;
    let id = o.string("id", true, MAX_STRING, p).map(str::to_string);
    if id.as_deref() == Some("") {
        p.msg(&o.at("id"), msg!("member.id_empty"));
    }
    let name = o.string("name", false, MAX_STRING, p).map(str::to_string);
    let age = o.whole("age", true, 0, MAX_AGE, p);
    let disability = o.whole("disability", false, 1, 4, p).map(|d| d as u8);
    let labor_ability = o.string("laborAbility", false, MAX_STRING, p).and_then(|s| {
        let l = LaborAbility::from_json(s);
        if l.is_none() {
            unknown_word(p, &Path::Key(&path, "laborAbility").text(), "labor", s, LaborAbility::ALL.iter().map(|x| x.json()).collect());
        }
        l
    });

    let (mut insured_medical, mut insured_pension) = (true, true);
    if let Some(iv) = o.get("insured") {
        if let Some(mut io) = Obj::open(iv, Path::Key(&path, "insured"), p) {
            insured_medical = io.boolean("medical", p).unwrap_or(true);
            insured_pension = io.boolean("pension", p).unwrap_or(true);
            io.finish(p);
        }
    }

    let school = o.get("school").and_then(|sv| {
        let mut so = Obj::open(sv, Path::Key(&path, "school"), p)?;
        let stage = so.string("stage", true, MAX_STRING, p).and_then(|s| {
            let st = Stage::from_json(s);
            if st.is_none() {
                unknown_word(p, &so.at("stage"), "stage", s, Stage::ALL.iter().map(|x| x.json()).collect());
            }
            st
        });
        let freshman = so.boolean("freshman", p).unwrap_or(false);
        let boarding = so.boolean("boarding", p).unwrap_or(false);
        so.finish(p);
        Some(School { stage: stage?, freshman, boarding })
    });

    let chronic = o.get("chronic").and_then(|cv| {
        let mut co = Obj::open(cv, Path::Key(&path, "chronic"), p)?;
        let listed = co.boolean("listed", p).unwrap_or(false);
        let self_pay = co.money("selfPayInCatalog", true, p);
        co.finish(p);
        Some(Chronic { listed, self_pay_in_catalog: self_pay? })
    });

    let mut stays = Vec::new();
    let stays_path = Path::Key(&path, "stays");
    if let Some(items) = o.array("stays", false, MAX_STAYS, p) {
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = read_stay(item, Path::Index(&stays_path, i), p) {
                stays.push(s);
            }
        }
    }
    o.finish(p);

    let id = id?;
    let label = (std::rc::Rc::from(id.as_str()), std::rc::Rc::from(name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&id)));
    Some(Member { label, id, name, age: age? as u32, disability, labor_ability, insured_medical, insured_pension, school, chronic, stays })
}

fn read_stay(v: &Json, path: Path, p: &mut Problems) -> Option<Stay> {
    let mut o = Obj::open(v, path, p)?;
    let in_district = o.boolean("inDistrict", p).unwrap_or(false);
    let total = o.money("total", true, p);
    let covered = o.money("covered", true, p);
    let insurance_paid = o.money("insurancePaid", false, p);
    let treatment = o.string("treatment", false, MAX_STRING, p).and_then(|s| {
        let t = Treatment::from_json(s);
        if t.is_none() {
            unknown_word(p, &Path::Key(&path, "treatment").text(), "treatment", s, Treatment::ALL.iter().map(|x| x.json()).collect());
        }
        t
    });
    o.finish(p);
    if let (Some(t), Some(c)) = (total, covered) {
        if c > t {
            p.msg(&Path::Key(&path, "covered").text(), msg!("stay.covered_above_total"));
        }
    }
    if let (Some(c), Some(i)) = (covered, insurance_paid) {
        if i > c {
            p.msg(&Path::Key(&path, "insurancePaid").text(), msg!("stay.insurance_above_covered"));
        }
    }
    Some(Stay { in_district, total: total?, covered: covered?, insurance_paid, treatment })
}
