//! The pack format as types. See docs/pack-format.md.

use crate::date::Date;
use crate::household::{vocabulary, HouseGrade, Stage, Status, Treatment};
use crate::table::Table;
use crate::text::Text;
use rust_decimal::Decimal;
use std::rc::Rc;

vocabulary! {
    /// How sure a figure or a sentence is: where it was seen.
    Confidence {
        V = "V", "官方文件或官方转载", "seen in an official text or an official reprint";
        V2 = "V2", "仅见于二手或地方来源", "seen only in a secondary or local source";
        D = "D", "由相邻年份推算", "derived from neighbouring verified figures";
        R = "R", "凭记忆,未找到来源", "recalled; no source found";
        User = "user", "用户填写", "entered by the user";
    }
}

vocabulary! {
    /// What a parameter's values count.
    Unit {
        Yuan = "yuan", "元", "yuan";
        Rate = "rate", "比例", "rate";
        Factor = "factor", "倍数", "factor";
        Age = "age", "周岁", "years of age";
        Count = "count", "名额", "count";
    }
}

vocabulary! {
    /// A pack's level in the chain nation → province → city → county.
    Level {
        Nation = "nation", "全国", "nation";
        Province = "province", "省级", "province";
        City = "city", "市级", "city";
        County = "county", "县级", "county";
    }
}

vocabulary! {
    /// The area of life a programme belongs to (the report's totals by area).
    Area {
        Medical = "medical", "医疗", "medical";
        Insurance = "insurance", "参保资助", "insurance";
        Education = "education", "教育", "education";
        Dibao = "dibao", "低保衔接", "low-income guarantee";
        Housing = "housing", "住房", "housing";
        Other = "other", "其他", "other";
    }
}

vocabulary! {
    /// How often an amount is paid.
    Period {
        Year = "year", "每年", "per year";
        Month = "month", "每月", "per month";
        Once = "once", "一次性", "once";
    }
}

vocabulary! {
    /// Which students a grant is for: boarders, non-boarders or either.
    Boarding {
        Any = "any", "不限", "any";
        Required = "required", "寄宿生", "boarders only";
        Excluded = "excluded", "非寄宿生", "non-boarders only";
    }
}

vocabulary! {
    /// Which hospital stays a self-pay ceiling covers.
    Scope {
        InDistrict = "in_district", "区(县)内住院", "stays inside the district";
        Any = "any", "不限", "any stay";
    }
}

vocabulary! {
    /// Which households an `apply_notice` programme speaks to.
    When {
        Always = "always", "所有家庭", "every household";
        HasStay = "has_stay", "有住院", "a member was in hospital";
        HasChronic = "has_chronic", "有慢性病", "a member has a chronic disease";
        HasStudent = "has_student", "有在校学生", "a member is at school";
        HousingCOrD = "housing_c_or_d", "住房为C、D级危房", "the house is graded C or D";
        HasDisability = "has_disability", "有残疾成员", "a member has a disability";
    }
}

vocabulary! {
    /// The rule kinds the engine knows. A pack names one per programme.
    Kind {
        StudentGrant = "student_grant", "学生资助", "student grant";
        PremiumSubsidy = "premium_subsidy", "医保个人缴费资助", "medical insurance premium subsidy";
        PensionPremium = "pension_premium", "养老保险代缴", "pension premium paid by government";
        ChronicRelief = "chronic_relief", "慢性病救助", "chronic-disease relief";
        DeductibleReduction = "deductible_reduction", "起付线降低", "inpatient deductible reduction";
        MedicalAssistance = "medical_assistance", "医疗救助", "medical assistance";
        SelfPayCeiling = "self_pay_ceiling", "住院自付兜底", "inpatient self-pay ceiling";
        ZeroSelfPay = "zero_self_pay", "零支付", "zero self-pay";
        DibaoGap = "dibao_gap", "低保补差", "dibao gap benefit";
        TwoLineCheck = "two_line_check", "两线合一核对", "two-line check";
        StatusAlignment = "status_alignment", "身份衔接核对", "status alignment";
        HousingRenovation = "housing_renovation", "危房改造", "dangerous-house renovation";
        ApplyNotice = "apply_notice", "可申请事项", "notice of what to apply for";
        GuaranteeChecklist = "guarantee_checklist", "两不愁三保障核对", "two assurances and three guarantees checklist";
    }
}

/// The pack format version this engine reads. A pack says its own in `formatVersion` (missing:
/// 1, the format before the field existed); one newer than this is refused with
/// `pack.format_newer`, since it may use fields this engine would misread.
pub const FORMAT_VERSION: u64 = 1;

/// The dates a source document vouches for (`supports` in the pack): what its text shows in force.
/// A document that reports one year's measures (an undated article of about 2016-2017) supports
/// that year; a national notice supports its figures from its date, with no end of its own (the
/// pack's `reviewed` date says until when they were checked). After `until` the engine warns
/// `policy.stale` on every amount resting on the document, and still computes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Supports {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

impl Supports {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

/// A source document, named so that a page can show "《title》(issuer, number, date)"; `source`
/// (a file in policy-sources or a URL) is for tools, not for display.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's title, without book-title marks (《》 are added when shown).
    pub title: String,
    pub issuer: String,
    /// The document's date as the source gives it, for display ("2016-09-17", "约2016-2017(原文未注日期)").
    pub date: String,
    /// Its number as issued (文号), e.g. "国办发〔2016〕70号", where it has one and it was seen.
    pub number: Option<String>,
    /// File name in policy-sources, or a URL: where the quotes can be checked. Not for display.
    pub source: String,
    pub url: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The dates the document's text vouches for (see `Supports`).
    pub supports: Supports,
}

/// A cite resolved against its document: what a report shows under an amount. Shown as
/// "《document》(issuer, number, date)" with the quote below; `source` is for tools.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    /// The document's title.
    pub document: String,
    /// Who issued it.
    pub issuer: String,
    /// The document's date as the source gives it (display text, not a machine date).
    pub date: String,
    /// The document's number (文号), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The sentence quoted; "" when no sentence of the document was retrieved (the pack's cite
    /// then has no `quote` and its `note` says so): show the document, never a made-up quote.
    pub quote: String,
    /// File in policy-sources or URL, for tools; not for display.
    pub source: String,
    /// A URL for the document, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The cite's confidence, else the document's.
    pub confidence: Confidence,
    /// The cite's note, else the document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The dates the document vouches for; after `until`, `policy.stale`.
    #[serde(skip_serializing_if = "Supports::is_empty")]
    pub supports: Supports,
}

/// A policy's citation as reports carry it: shared by every entry (of every report of the
/// region) that rests on the same sentence, and written as JSON once, on its first report.
#[derive(Debug)]
pub struct Cited {
    pub citation: Citation,
    json: std::cell::OnceCell<Option<Box<serde_json::value::RawValue>>>,
}

impl Cited {
    pub fn new(citation: Citation) -> Cited {
        Cited { citation, json: std::cell::OnceCell::new() }
    }
}

impl std::ops::Deref for Cited {
    type Target = Citation;
    fn deref(&self) -> &Citation {
        &self.citation
    }
}

impl serde::Serialize for Cited {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.json.get_or_init(|| serde_json::value::to_raw_value(&self.citation).ok()) {
            Some(raw) => raw.serialize(s),
            None => self.citation.serialize(s),
        }
    }
}

/// A sentence of a document, as a pack cites it for a value or a programme.
#[derive(Debug, Clone)]
pub struct Cite {
    /// The key of the document in `documents` (of this pack or an ancestor).
    pub doc: String,
    /// The sentence, character for character as in the source; "" when the pack gives none
    /// (no sentence of the document was retrieved: the cite's `note` says so).
    pub quote: String,
    /// The sentence's own confidence, when it differs from the document's.
    pub confidence: Option<Confidence>,
    /// A remark on the sentence.
    pub note: Option<String>,
}

/// A parameter's value and the dates it is in force.
#[derive(Debug, Clone)]
pub struct DatedValue {
    /// In force from this day…
    pub from: Date,
    /// …until this day (inclusive), else until the next value's `from`.
    pub until: Option<Date>,
    /// The value, in the parameter's unit.
    pub value: Decimal,
    /// The sentence that gives it.
    pub cite: Cite,
}

/// A named figure of a pack (`parameters`): its values by date.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// What the figure is.
    pub title: Rc<Text>,
    /// What it counts.
    pub unit: Unit,
    /// Its values in date order; none for a local figure no source gives (`needs_info`).
    pub values: Vec<DatedValue>,
    /// A remark on the figure.
    pub note: Option<Text>,
}

/// How the local 低保 standard is given: per month or per year (per person).
#[derive(Debug, Clone, Default)]
pub struct StandardRef {
    /// The parameter of the monthly standard.
    pub monthly: Option<String>,
    /// The parameter of the yearly standard.
    pub yearly: Option<String>,
}

/// How much of the medical insurance premium a `premium_subsidy` pays.
#[derive(Debug, Clone)]
pub enum PremiumMode {
    /// All of it.
    Full,
    /// A share of it (the parameter of the rate).
    Share(String),
    /// A fixed amount, at most the premium (the parameter of the amount).
    Fixed(String),
}

/// A programme's rule: its kind and the slots it fills (parameter names).
#[derive(Debug, Clone)]
pub enum Rule {
    /// Per student at one of `stages`: `amount` (× `share`).
    StudentGrant {
        /// The school stages it is for.
        stages: Vec<Stage>,
        /// The amount (yuan).
        amount: String,
        /// Yearly or once.
        period: Period,
        /// First-year students only.
        freshman_only: bool,
        /// Boarders, non-boarders or either.
        boarding: Boarding,
        /// The share of `amount` paid (rate).
        share: Option<String>,
        /// Granted on application (a quota): status `apply`, not `entitled`.
        apply: bool,
        /// How many are granted (count).
        quota: Option<String>,
    },
    /// Per member insured for medical care: the premium in full, a share of it, or a fixed amount.
    PremiumSubsidy {
        /// The individual premium (yuan).
        premium: String,
        /// How much of it is paid.
        mode: PremiumMode,
    },
    /// Per member insured for a pension, aged `min_age..=max_age` and not a student: `amount` (≤ `cap`).
    PensionPremium {
        /// The amount paid (yuan).
        amount: String,
        /// At most this (yuan).
        cap: Option<String>,
        /// From this age (age).
        min_age: String,
        /// Up to this age (age).
        max_age: String,
    },
    /// Per member with a listed chronic disease: (self-pay − `threshold`) × `rate`, at most `cap`.
    ChronicRelief {
        /// Self-pay above this is relieved (yuan).
        threshold: String,
        /// The share relieved (rate).
        rate: String,
        /// At most this a year (yuan).
        cap: String,
    },
    /// Per stay: the insurance paid more because the deductible is lower (needs `insuranceModel`).
    DeductibleReduction {
        /// How much lower the deductible is (rate).
        reduction: String,
    },
    /// Per stay: `rate` × the covered self-pay, at most `annual_cap` per member a year.
    MedicalAssistance {
        /// The share paid (rate).
        rate: String,
        /// At most this per member a year (yuan).
        annual_cap: Option<String>,
    },
    /// Per stay in `scope`: self-pay above `share` × the total is relieved.
    SelfPayCeiling {
        /// The most a household pays of a stay's total (rate).
        share: String,
        /// Which stays.
        scope: Scope,
    },
    /// Per stay of one of `treatments`: all self-pay left is relieved.
    ZeroSelfPay {
        /// The treatment kinds it covers.
        treatments: Vec<Treatment>,
    },
    /// The household: (standard − income per person) × members, a month.
    DibaoGap {
        /// The local 低保 standard.
        standard: StandardRef,
    },
    /// A check: the yearly 低保 standard against the poverty line.
    TwoLineCheck {
        /// The local 低保 standard.
        standard: StandardRef,
        /// The poverty line, per person per year (yuan).
        poverty_line: String,
    },
    /// A check with alerts: the household's income against the standard and the lines.
    StatusAlignment {
        /// The local 低保 standard.
        standard: StandardRef,
        /// The poverty line (yuan).
        poverty_line: Option<String>,
        /// The monitoring line as a multiple of the standard (factor).
        monitoring_multiplier: Option<String>,
        /// The low-income margin as a multiple of the standard (factor).
        margin_multiplier: Option<String>,
    },
    /// A household with a C or D house: `apply`, with its grade's amount.
    HousingRenovation {
        /// Each grade's amount (yuan).
        grades: Vec<(HouseGrade, String)>,
    },
    /// No amount: tells the households `when` names that they may apply.
    ApplyNotice {
        /// Which households.
        when: When,
    },
    /// A check: 两不愁三保障 (school, medical insurance, a safe house).
    GuaranteeChecklist {
        /// Compulsory school from this age (age).
        compulsory_min_age: Option<String>,
        /// Compulsory school up to this age (age).
        compulsory_max_age: Option<String>,
    },
}

impl Rule {
    /// The rule's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Rule::StudentGrant { .. } => Kind::StudentGrant,
            Rule::PremiumSubsidy { .. } => Kind::PremiumSubsidy,
            Rule::PensionPremium { .. } => Kind::PensionPremium,
            Rule::ChronicRelief { .. } => Kind::ChronicRelief,
            Rule::DeductibleReduction { .. } => Kind::DeductibleReduction,
            Rule::MedicalAssistance { .. } => Kind::MedicalAssistance,
            Rule::SelfPayCeiling { .. } => Kind::SelfPayCeiling,
            Rule::ZeroSelfPay { .. } => Kind::ZeroSelfPay,
            Rule::DibaoGap { .. } => Kind::DibaoGap,
            Rule::TwoLineCheck { .. } => Kind::TwoLineCheck,
            Rule::StatusAlignment { .. } => Kind::StatusAlignment,
            Rule::HousingRenovation { .. } => Kind::HousingRenovation,
            Rule::ApplyNotice { .. } => Kind::ApplyNotice,
            Rule::GuaranteeChecklist { .. } => Kind::GuaranteeChecklist,
        }
    }

    /// Every parameter the rule names, with the slot's JSON name and the unit it needs.
    pub fn parameter_slots(&self) -> Vec<(&'static str, &str, Unit)> {
        let mut v: Vec<(&'static str, &str, Unit)> = Vec::new();
        fn standard<'a>(v: &mut Vec<(&'static str, &'a str, Unit)>, s: &'a StandardRef) {
            if let Some(m) = &s.monthly {
                v.push(("standardMonthly", m, Unit::Yuan));
            }
            if let Some(y) = &s.yearly {
                v.push(("standardYearly", y, Unit::Yuan));
            }
        }
        match self {
            Rule::StudentGrant { amount, share, quota, .. } => {
                v.push(("amount", amount, Unit::Yuan));
                if let Some(s) = share {
                    v.push(("share", s, Unit::Rate));
                }
                if let Some(q) = quota {
                    v.push(("quota", q, Unit::Count));
                }
            }
            Rule::PremiumSubsidy { premium, mode } => {
                v.push(("premium", premium, Unit::Yuan));
                match mode {
                    PremiumMode::Full => {}
                    PremiumMode::Share(s) => v.push(("share", s, Unit::Rate)),
                    PremiumMode::Fixed(a) => v.push(("amount", a, Unit::Yuan)),
                }
            }
            Rule::PensionPremium { amount, cap, min_age, max_age } => {
                v.push(("amount", amount, Unit::Yuan));
                if let Some(c) = cap {
                    v.push(("cap", c, Unit::Yuan));
                }
                v.push(("minAge", min_age, Unit::Age));
                v.push(("maxAge", max_age, Unit::Age));
            }
            Rule::ChronicRelief { threshold, rate, cap } => {
                v.push(("threshold", threshold, Unit::Yuan));
                v.push(("rate", rate, Unit::Rate));
                v.push(("cap", cap, Unit::Yuan));
            }
            Rule::DeductibleReduction { reduction } => v.push(("reduction", reduction, Unit::Rate)),
            Rule::MedicalAssistance { rate, annual_cap } => {
                v.push(("rate", rate, Unit::Rate));
                if let Some(c) = annual_cap {
                    v.push(("annualCap", c, Unit::Yuan));
                }
            }
            Rule::SelfPayCeiling { share, .. } => v.push(("share", share, Unit::Rate)),
            Rule::ZeroSelfPay { .. } | Rule::ApplyNotice { .. } => {}
            Rule::DibaoGap { standard: s } => standard(&mut v, s),
            Rule::TwoLineCheck { standard: s, poverty_line } => {
                standard(&mut v, s);
                v.push(("povertyLine", poverty_line, Unit::Yuan));
            }
            Rule::StatusAlignment { standard: s, poverty_line, monitoring_multiplier, margin_multiplier } => {
                standard(&mut v, s);
                if let Some(pl) = poverty_line {
                    v.push(("povertyLine", pl, Unit::Yuan));
                }
                if let Some(m) = monitoring_multiplier {
                    v.push(("monitoringMultiplier", m, Unit::Factor));
                }
                if let Some(m) = margin_multiplier {
                    v.push(("marginMultiplier", m, Unit::Factor));
                }
            }
            Rule::GuaranteeChecklist { compulsory_min_age, compulsory_max_age } => {
                if let Some(a) = compulsory_min_age {
                    v.push(("compulsoryMinAge", a, Unit::Age));
                }
                if let Some(a) = compulsory_max_age {
                    v.push(("compulsoryMaxAge", a, Unit::Age));
                }
            }
            Rule::HousingRenovation { grades } => {
                for (_, p) in grades {
                    v.push(("grades", p, Unit::Yuan));
                }
            }
        }
        v
    }
}

/// A programme of a pack: what a household may get, under which rule, from when.
#[derive(Debug, Clone)]
pub struct Programme {
    /// The programme's id, unique in the chain. Shared with every entitlement and check of it
    /// (`Rc`: a roster makes millions).
    pub id: std::rc::Rc<str>,
    /// Its rule kind and the parameters it uses.
    pub rule: Rule,
    /// Its area.
    pub area: Area,
    /// The household statuses it covers (empty: everyone).
    pub statuses: Vec<Status>,
    /// The first day the programme is in force (its source's start, or a judgement its cite's
    /// note admits).
    pub from: Date,
    /// The last day, where a source sets an end (a fund that ran five years; the transition
    /// period 2021-2025 after the poverty-alleviation campaign). Its cite's note names the source
    /// of the end. Without one, the programme has no end of its own: its documents' `supports`
    /// and the pack's `reviewed` say how far its sources reach.
    pub until: Option<Date>,
    /// Its name.
    pub title: Rc<Text>,
    /// The sentence it implements.
    pub cite: Cite,
    /// Where to apply and what to bring.
    pub how_to_apply: Option<Rc<Text>>,
}

/// The basic and critical-illness insurance model a pack estimates insurance paid with
/// (docs/pack-format.md, `insuranceModel`). Each field is a parameter name.
#[derive(Debug, Clone)]
pub struct InsuranceModel {
    /// The basic insurance's deductible (yuan).
    pub deductible: String,
    /// The share of covered cost above it that basic insurance pays (rate).
    pub ratio: String,
    /// The most basic insurance pays (yuan).
    pub cap: Option<String>,
    /// Critical-illness insurance's deductible (yuan).
    pub critical_deductible: Option<String>,
    /// The share above it that critical-illness insurance pays (rate).
    pub critical_ratio: Option<String>,
}

impl InsuranceModel {
    /// Every parameter the model names, with the slot's JSON name and the unit it needs.
    pub fn parameter_slots(&self) -> Vec<(&'static str, &str, Unit)> {
        let mut v = vec![("deductible", self.deductible.as_str(), Unit::Yuan), ("ratio", self.ratio.as_str(), Unit::Rate)];
        if let Some(c) = &self.cap {
            v.push(("cap", c, Unit::Yuan));
        }
        if let Some(c) = &self.critical_deductible {
            v.push(("criticalDeductible", c, Unit::Yuan));
        }
        if let Some(c) = &self.critical_ratio {
            v.push(("criticalRatio", c, Unit::Rate));
        }
        v
    }
}

/// One expected entitlement of an example household.
#[derive(Debug, Clone)]
pub struct Expect {
    /// The programme's id.
    pub programme: String,
    /// The member's id, or `None` for the household.
    pub member: Option<String>,
    /// The status expected (`entitled`, `apply`, `needs_info`, `not_eligible`).
    pub status: String,
    /// The amount expected, or `None` for none.
    pub amount: Option<String>,
    /// A reason code the entitlement must give (e.g. `policy.not_yet` for a date before the
    /// programme), where the example says one.
    pub reason: Option<String>,
}

/// One expected check result of an example household (`pass`, `fail`, `needs_info`).
#[derive(Debug, Clone)]
pub struct ExpectCheck {
    pub programme: String,
    pub result: String,
}

/// An example household of a pack with the results expected of it (the test suite runs each).
#[derive(Debug, Clone)]
pub struct Example {
    /// What the example shows.
    pub name: String,
    /// The household, as JSON input.
    pub household: crate::json::Json<'static>,
    /// Entitlements that must appear.
    pub expect: Vec<Expect>,
    /// The yearly total expected.
    pub expect_per_year: Option<String>,
    /// The one-off total expected.
    pub expect_once: Option<String>,
    /// Alert codes that must appear.
    pub expect_alerts: Vec<String>,
    pub expect_checks: Vec<ExpectCheck>,
}

/// A household status that the sources start or end on a date, e.g. 建档立卡贫困户(未脱贫): the
/// campaign ended with 2020, and a household chosen with it after that should be one of `instead`
/// (已脱贫户, 防返贫监测对象). On a date outside `from..=until` the engine alerts `status.ended`
/// (or `status.not_yet`) naming `instead`, and the cite says why.
#[derive(Debug, Clone)]
pub struct StatusPeriod {
    pub status: Status,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// What to choose instead outside the period (may be empty).
    pub instead: Vec<Status>,
    pub cite: Cite,
}

/// A policy pack: one jurisdiction's documents, figures and programmes (docs/pack-format.md).
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pack format version it is written in (`formatVersion`; 1 when missing).
    pub format_version: u64,
    /// The date until which the pack's figures were checked against their sources (`reviewed`).
    /// On a later date its amounts stand, with the warning `policy.stale`.
    pub reviewed: Option<Date>,
    pub id: String,
    /// The six-digit region code (`000000` for the nation).
    pub region: String,
    /// The parent pack's id (`None` for the nation).
    pub parent: Option<String>,
    /// Nation, province, city or county.
    pub level: Level,
    /// The place's name.
    pub name: Text,
    /// The documents it cites, by key.
    pub documents: Table<Document>,
    /// Its figures, by name.
    pub parameters: Table<Parameter>,
    /// Its insurance model, if it has one.
    pub insurance_model: Option<InsuranceModel>,
    /// Ancestors' programmes it removes.
    pub replaces: Vec<String>,
    /// Its programmes (one with an ancestor's id replaces it).
    pub programmes: Vec<Programme>,
    /// Statuses that start or end on a date (`statusPeriods`), in status order.
    pub status_periods: Vec<StatusPeriod>,
    pub examples: Vec<Example>,
}
