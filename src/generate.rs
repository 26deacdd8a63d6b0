//! Seeded households for benchmarks and tests (`huimin gen --seed S --count N`): the places of the
//! shipped packs and their neighbours, one to eight members with ages that make a family,
//! students at the stages their ages suggest, chronic patients, hospital stays whose settlement
//! slips add up (total ≥ covered ≥ insurance paid), statuses, incomes, houses, and now and then a
//! local figure in `overrides`.
//!
//! Household `i` of seed `s` depends on `(s, i)` only, so a roster can be made in any order or in
//! parts, and the same seed gives the same roster on every machine. The generator is a pure
//! function of its seed: it does not look at which packs are shipped.

use crate::household::Status;
use crate::roster::csv::quote;
use serde_json::{json, Map, Value};

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed generator; enough for test
/// data, and no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// An index picked by weight.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut r = self.next_u64() % total.max(1);
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// One of `items`, picked uniformly (`items` must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// Places and their weights: the four places with packs of their own, and places that fall back
/// to a city's or province's pack (the report then warns `region.nearest_pack`).
pub const PLACES: &[(&str, u64)] = &[
    ("150203", 26), // 昆都仑区
    ("150202", 3),  // 东河区 → 包头市
    ("150204", 3),  // 青山区 → 包头市
    ("150102", 2),  // 呼和浩特 新城区 → 内蒙古
    ("510811", 20), // 昭化区
    ("510821", 4),  // 旺苍县 → 广元市
    ("510802", 2),  // 利州区 → 广元市
    ("530129", 16), // 寻甸县
    ("530128", 4),  // 禄劝县 → 昆明市
    ("530600", 4),  // 昭通市
    ("530602", 6),  // 昭阳区 → 昭通市
    ("530621", 5),  // 鲁甸县 → 昭通市
    ("530622", 4),  // 巧家县 → 昭通市
    ("530502", 1),  // 保山 隆阳区 → 云南省
];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林"];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华",
    "玉兰", "志强", "海燕", "红梅", "文", "斌",
];

/// Money from fen: "1234.05".
fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// The stream of seed `seed` at household `index`: independent of every other household.
fn rng_for(seed: u64, index: u64) -> Rng {
    let mut r = Rng::new(seed ^ 0x6875_696D_696E_0000);
    let a = r.next_u64();
    let mut r = Rng::new(a ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64();
    r
}

/// Household `index` of the roster of `seed`, as household JSON (SPEC §4).
pub fn household(seed: u64, index: u64) -> Value {
    let mut r = rng_for(seed, index);
    let weights: Vec<u64> = PLACES.iter().map(|p| p.1).collect();
    let region = PLACES[r.weighted(&weights)].0;
    // Mostly the years of the founding sources (2017-2020), some in the transition period.
    let year = if r.chance(85) { r.range(2017, 2020) } else { r.range(2021, 2024) };
    let month = r.range(1, 12);
    let day = r.range(1, if month == 2 { 28 } else { 30 });
    let as_of = format!("{year}-{month:02}-{day:02}");

    let mut status: Vec<Status> = Vec::new();
    let poor = r.weighted(&[55, 20, 25]); // registered, exited, neither
    match poor {
        0 => status.push(Status::RegisteredPoor),
        1 => status.push(Status::ExitedPoor),
        _ => {}
    }
    if r.chance(if poor == 2 { 45 } else { 25 }) {
        status.push(Status::Dibao);
    }
    if r.chance(4) {
        status.push(Status::Tekun);
    }
    if r.chance(if poor == 1 { 20 } else { 6 }) {
        status.push(Status::Monitored);
    }
    if status.is_empty() && r.chance(40) {
        status.push(Status::LowIncomeMargin);
    }

    let size = 1 + r.weighted(&[8, 15, 20, 22, 15, 10, 6, 4]) as u64;
    let ages = family_ages(&mut r, size);
    let surname = *r.pick(SURNAMES);
    let members: Vec<Value> = ages.iter().enumerate().map(|(i, &age)| member(&mut r, i, age, surname)).collect();

    let mut hh = Map::new();
    hh.insert("id".into(), json!(format!("{region}{:07}", index + 1)));
    hh.insert("region".into(), json!(region));
    hh.insert("asOf".into(), json!(as_of));
    if !status.is_empty() {
        hh.insert("status".into(), json!(status.iter().map(|s| s.json()).collect::<Vec<_>>()));
    }
    if r.chance(95) {
        // Per person 1,200-14,000 yuan a year; poorer for dibao and registered households.
        let per_person = if status.contains(&Status::Dibao) || status.contains(&Status::Tekun) { r.range(1_200, 6_000) } else { r.range(2_500, 14_000) };
        hh.insert("annualNetIncome".into(), json!(yuan(per_person * size * 100 + r.range(0, 99))));
    }
    hh.insert("members".into(), Value::Array(members));
    match r.weighted(&[75, 6, 6, 8, 5]) {
        1 => hh.insert("housing".into(), json!({ "grade": "A" })),
        2 => hh.insert("housing".into(), json!({ "grade": "B" })),
        3 => hh.insert("housing".into(), json!({ "grade": "C" })),
        4 => hh.insert("housing".into(), json!({ "grade": "D" })),
        _ => None,
    };
    if r.chance(20) {
        let monthly = r.range(300, 650);
        let key = if r.chance(80) { "dibaoStandardMonthly" } else { "dibaoStandardYearly" };
        let v = if key == "dibaoStandardMonthly" { yuan(monthly * 100) } else { yuan(monthly * 1200) };
        hh.insert("overrides".into(), json!({ key: v }));
    }
    Value::Object(hh)
}

/// Ages that make a family: a head, a spouse, children or grandchildren, sometimes old parents.
fn family_ages(r: &mut Rng, size: u64) -> Vec<u64> {
    let head = r.range(24, 80);
    let mut ages = vec![head];
    if size >= 2 {
        ages.push((head + r.range(0, 8)).saturating_sub(4).clamp(20, 95));
    }
    let mut parents = 0;
    while (ages.len() as u64) < size {
        let left = size - ages.len() as u64;
        if head < 50 && parents < 2 && left >= 2 && r.chance(30) {
            ages.push((head + r.range(22, 32)).min(100));
            parents += 1;
        } else if head < 58 {
            ages.push(head.saturating_sub(r.range(20, 36)));
        } else if r.chance(40) {
            ages.push(head.saturating_sub(r.range(24, 34)));
        } else {
            ages.push(r.range(0, 19));
        }
    }
    ages
}

fn member(r: &mut Rng, i: usize, age: u64, surname: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(format!("m{}", i + 1)));
    if r.chance(90) {
        m.insert("name".into(), json!(format!("{surname}{}", r.pick(GIVEN))));
    }
    m.insert("age".into(), json!(age));
    if r.chance(6) {
        m.insert("disability".into(), json!(r.range(1, 4)));
    }
    if age >= 16 {
        let labor = if age < 60 { r.weighted(&[75, 15, 10]) } else { r.weighted(&[15, 45, 40]) };
        m.insert("laborAbility".into(), json!(["full", "partial", "none"][labor]));
    }
    let (medical, pension) = (r.chance(94), r.chance(88));
    if !medical || !pension {
        m.insert("insured".into(), json!({ "medical": medical, "pension": pension }));
    }
    if let Some(school) = school(r, age) {
        m.insert("school".into(), school);
    }
    let chronic_odds = if age >= 60 {
        22
    } else if age >= 40 {
        12
    } else {
        2
    };
    if r.chance(chronic_odds) {
        let fen = r.range(300, 24_000) * 100 + r.range(0, 99);
        m.insert("chronic".into(), json!({ "listed": r.chance(80), "selfPayInCatalog": yuan(fen) }));
    }
    let stay_odds = if age >= 60 { 16 } else { 7 };
    if r.chance(stay_odds) {
        let n = if r.chance(15) { 2 } else { 1 };
        let stays: Vec<Value> = (0..n).map(|_| stay(r)).collect();
        m.insert("stays".into(), Value::Array(stays));
    }
    Value::Object(m)
}

/// The stage a member of this age is at, if at school.
fn school(r: &mut Rng, age: u64) -> Option<Value> {
    let (stage, freshman_age, boarding_odds) = match age {
        3..=5 if r.chance(75) => ("preschool", 3, 0),
        6..=11 if r.chance(98) => ("primary", 6, 20),
        12..=14 if r.chance(96) => ("junior_secondary", 12, 45),
        15..=17 => match r.weighted(&[55, 25, 20]) {
            0 => ("senior_secondary", 15, 70),
            1 => ("secondary_vocational", 15, 60),
            _ => return None,
        },
        18..=22 => match r.weighted(&[22, 16, 62]) {
            0 => ("undergraduate", 18, 100),
            1 => ("junior_college", 18, 100),
            _ => return None,
        },
        23..=26 if r.chance(4) => ("postgraduate", 23, 100),
        _ => return None,
    };
    let mut s = Map::new();
    s.insert("stage".into(), json!(stage));
    if age == freshman_age || (freshman_age >= 18 && age == freshman_age + 1 && r.chance(30)) {
        s.insert("freshman".into(), json!(true));
    }
    if boarding_odds > 0 && r.chance(boarding_odds) {
        s.insert("boarding".into(), json!(true));
    }
    Some(Value::Object(s))
}

/// A settlement slip: total ≥ covered ≥ insurance paid.
fn stay(r: &mut Rng) -> Value {
    let total = r.range(1_500, 90_000) * 100 + r.range(0, 99);
    let covered = total * r.range(65, 98) / 100;
    let mut s = Map::new();
    s.insert("inDistrict".into(), json!(r.chance(72)));
    s.insert("total".into(), json!(yuan(total)));
    s.insert("covered".into(), json!(yuan(covered)));
    if r.chance(80) {
        let paid = covered * r.range(35, 88) / 100;
        s.insert("insurancePaid".into(), json!(yuan(paid)));
    }
    if r.chance(5) {
        s.insert("treatment".into(), json!("labor_recovery"));
    }
    Value::Object(s)
}

/// The CSV header `csv_rows` writes: Chinese, as an export from an information system.
pub const CSV_HEADER: &str = "户编号,地区代码,评估日期,身份,家庭年纯收入(元),危房等级,低保标准(月),低保标准(年),成员编号,姓名,年龄,残疾等级,劳动能力,参加医保,参加养老保险,学段,新生,寄宿,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院,治疗类别";

/// A household as CSV rows (one per member, one more per extra stay), each ending in CRLF.
pub fn csv_rows(hh: &Value, out: &mut String) {
    for row in rows(hh) {
        let line: Vec<String> = row.iter().map(|f| quote(f).into_owned()).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
}

/// A household's roster rows (one per member, one more per extra stay), each with the cells of
/// the columns of `CSV_HEADER`.
pub fn rows(hh: &Value) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let status: Vec<&str> = hh["status"].as_array().into_iter().flatten().filter_map(Value::as_str).filter_map(Status::from_json).map(|st| st.zh()).collect();
    let common = [
        s(hh, "id"),
        s(hh, "region"),
        s(hh, "asOf"),
        status.join("、"),
        s(hh, "annualNetIncome"),
        hh.get("housing").map(|h| format!("{}级", s(h, "grade"))).unwrap_or_default(),
        hh.get("overrides").map(|o| s(o, "dibaoStandardMonthly")).unwrap_or_default(),
        hh.get("overrides").map(|o| s(o, "dibaoStandardYearly")).unwrap_or_default(),
    ];
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    for m in hh["members"].as_array().into_iter().flatten() {
        let school = m.get("school");
        let chronic = m.get("chronic");
        let insured = m.get("insured");
        let stage_zh = school.map(|sc| match s(sc, "stage").as_str() {
            "preschool" => "学前",
            "primary" => "小学",
            "junior_secondary" => "初中",
            "senior_secondary" => "高中",
            "secondary_vocational" => "中职",
            "junior_college" => "专科",
            "undergraduate" => "本科",
            _ => "研究生",
        });
        let labor = match s(m, "laborAbility").as_str() {
            "full" => "有劳动能力",
            "partial" => "弱劳动力",
            "none" => "无劳动能力",
            _ => "",
        };
        let person = [
            s(m, "id"),
            s(m, "name"),
            m["age"].to_string(),
            m.get("disability").map(|d| format!("{d}级")).unwrap_or_default(),
            labor.to_string(),
            yes(insured.and_then(|i| i["medical"].as_bool()).unwrap_or(true)),
            yes(insured.and_then(|i| i["pension"].as_bool()).unwrap_or(true)),
            stage_zh.unwrap_or("").to_string(),
            school.map(|sc| yes(sc["freshman"].as_bool().unwrap_or(false))).unwrap_or_default(),
            school.map(|sc| yes(sc["boarding"].as_bool().unwrap_or(false))).unwrap_or_default(),
            chronic.map(|c| yes(c["listed"].as_bool().unwrap_or(false))).unwrap_or_else(|| "否".into()),
            chronic.map(|c| s(c, "selfPayInCatalog")).unwrap_or_default(),
        ];
        let stays: Vec<&Value> = m["stays"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
        let stay_cells = |st: Option<&Value>| -> [String; 5] {
            match st {
                None => Default::default(),
                Some(st) => [
                    s(st, "total"),
                    s(st, "covered"),
                    s(st, "insurancePaid"),
                    yes(st["inDistrict"].as_bool().unwrap_or(false)),
                    if s(st, "treatment") == "labor_recovery" { "劳动能力恢复".into() } else { String::new() },
                ],
            }
        };
        let rows: Vec<[String; 5]> = if stays.is_empty() { vec![stay_cells(None)] } else { stays.iter().map(|st| stay_cells(Some(st))).collect() };
        for stay in rows {
            out.push(common.iter().chain(person.iter()).chain(stay.iter()).cloned().collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_households_and_slips_add_up() {
        for i in 0..2000 {
            let h = household(7, i);
            assert_eq!(h, household(7, i));
            let members = h["members"].as_array().unwrap();
            assert!((1..=8).contains(&members.len()));
            for m in members {
                for st in m["stays"].as_array().into_iter().flatten() {
                    let n = |k: &str| st[k].as_str().map(|s| s.parse::<f64>().unwrap());
                    assert!(n("total") >= n("covered"));
                    if let Some(p) = n("insurancePaid") {
                        assert!(n("covered").unwrap() >= p);
                    }
                }
            }
        }
        assert_ne!(household(7, 0), household(8, 0));
    }
}
