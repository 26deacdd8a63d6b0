//! The columns of a CSV roster: each column's name in the household JSON, its Chinese and other
//! aliases, and how a cell's text becomes a JSON value. A cell whose text is not understood is
//! passed on as text, so that validation (one place, `household::read_household`) reports it
//! with its path, which the roster then maps back to the line and the column.

use crate::json::Json;
use std::borrow::Cow;

/// What a CSV column fills in the household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The household number (户编号): rows with the same one are one household.
    Household,
    /// `region`: the six-digit region code.
    Region,
    /// `asOf`: the date evaluated as of.
    AsOf,
    /// `status`: the household's statuses.
    Status,
    /// `annualNetIncome`.
    AnnualNetIncome,
    /// `housing.grade`: the house's danger grade.
    HousingGrade,
    /// The monthly 低保 standard (an override).
    DibaoStandardMonthly,
    /// The yearly 低保 standard (an override).
    DibaoStandardYearly,
    /// The poverty line (an override).
    PovertyLine,
    /// The member number: rows with the same one are one member (a second stay).
    Member,
    /// A member's name (display only).
    Name,
    /// A member's age.
    Age,
    /// A member's disability grade.
    Disability,
    /// A member's ability to work.
    LaborAbility,
    /// Insured for medical care.
    InsuredMedical,
    /// Insured for a pension.
    InsuredPension,
    /// The school stage (or not at school).
    Stage,
    /// A first-year student.
    Freshman,
    /// A boarder.
    Boarding,
    /// A listed chronic disease.
    ChronicListed,
    /// The chronic disease's self-pay in the catalogue this year.
    ChronicSelfPay,
    /// A hospital stay's total cost.
    StayTotal,
    /// A stay's cost within the insurance's scope.
    StayCovered,
    /// What insurance paid for a stay.
    StayInsurancePaid,
    /// A stay inside the district.
    StayInDistrict,
    /// A stay's kind of treatment.
    Treatment,
}

/// Where a column's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The household (one value per household).
    Household,
    /// A member (one value per member).
    Member,
    /// A hospital stay (one value per row).
    Stay,
}

/// Every column: the canonical (English) header, what it fills, and the aliases accepted.
/// Headers are compared after `normalize` (spaces, case, full-width brackets, a unit suffix).
pub const COLUMNS: &[(Column, &str, &[&str])] = &[
    (Column::Household, "household", &["户编号", "户号", "家庭编号", "户主编号", "householdid", "household_id", "hh"]),
    (Column::Region, "region", &["地区代码", "行政区划代码", "区划代码", "地区编码", "regioncode"]),
    (Column::AsOf, "asOf", &["评估日期", "日期", "as_of", "date"]),
    (Column::Status, "status", &["身份", "户类型", "家庭身份", "户属性", "statuses"]),
    (Column::AnnualNetIncome, "annualNetIncome", &["家庭年纯收入", "年纯收入", "家庭年收入", "annual_net_income", "income"]),
    (Column::HousingGrade, "housingGrade", &["危房等级", "住房等级", "housing", "housing_grade"]),
    (Column::DibaoStandardMonthly, "dibaoStandardMonthly", &["低保标准(月)", "低保标准月", "月低保标准", "低保标准"]),
    (Column::DibaoStandardYearly, "dibaoStandardYearly", &["低保标准(年)", "低保标准年", "年低保标准"]),
    (Column::PovertyLine, "povertyLine", &["扶贫标准", "贫困线", "poverty_line"]),
    (Column::Member, "member", &["成员编号", "人员编号", "成员", "memberid", "member_id"]),
    (Column::Name, "name", &["姓名"]),
    (Column::Age, "age", &["年龄"]),
    (Column::Disability, "disability", &["残疾等级", "残疾"]),
    (Column::LaborAbility, "laborAbility", &["劳动能力", "劳动技能", "labor_ability", "labour"]),
    (Column::InsuredMedical, "insuredMedical", &["参加医保", "参保", "医保", "insured_medical"]),
    (Column::InsuredPension, "insuredPension", &["参加养老保险", "养老保险", "insured_pension"]),
    (Column::Stage, "stage", &["学段", "在校生状况", "就学", "school"]),
    (Column::Freshman, "freshman", &["新生", "新生入学"]),
    (Column::Boarding, "boarding", &["寄宿", "寄宿生"]),
    (Column::ChronicListed, "chronicListed", &["慢性病", "规定慢性病", "chronic", "chronic_listed"]),
    (Column::ChronicSelfPay, "chronicSelfPay", &["慢性病目录内自付", "慢性病自付", "目录内自付", "chronic_self_pay", "selfpayincatalog"]),
    (Column::StayTotal, "stayTotal", &["住院总费用", "总费用", "stay_total"]),
    (Column::StayCovered, "stayCovered", &["政策范围内费用", "政策范围内", "stay_covered"]),
    (Column::StayInsurancePaid, "stayInsurancePaid", &["医保报销", "医保报销额", "基本医保报销", "stay_insurance_paid", "insurancepaid"]),
    (Column::StayInDistrict, "stayInDistrict", &["区内住院", "县内住院", "县域内住院", "stay_in_district", "indistrict"]),
    (Column::Treatment, "treatment", &["治疗类别", "治疗类型"]),
];

impl Column {
    /// The canonical header (the household JSON's name where there is one).
    pub fn header(self) -> &'static str {
        COLUMNS.iter().find(|c| c.0 == self).map(|c| c.1).unwrap_or("")
    }

    /// Whether the column fills the household, a member or a stay.
    pub fn level(self) -> Level {
        use Column::*;
        match self {
            Household | Region | AsOf | Status | AnnualNetIncome | HousingGrade | DibaoStandardMonthly | DibaoStandardYearly | PovertyLine => Level::Household,
            Member | Name | Age | Disability | LaborAbility | InsuredMedical | InsuredPension | Stage | Freshman | Boarding | ChronicListed
            | ChronicSelfPay => Level::Member,
            StayTotal | StayCovered | StayInsurancePaid | StayInDistrict | Treatment => Level::Stay,
        }
    }

    /// The household JSON path a household-level column fills.
    pub fn household_path(self) -> &'static str {
        match self {
            Column::Household => "id",
            Column::Region => "region",
            Column::AsOf => "asOf",
            Column::Status => "status",
            Column::AnnualNetIncome => "annualNetIncome",
            Column::HousingGrade => "housing.grade",
            Column::DibaoStandardMonthly => "overrides.dibaoStandardMonthly",
            Column::DibaoStandardYearly => "overrides.dibaoStandardYearly",
            Column::PovertyLine => "overrides.povertyLine",
            _ => "",
        }
    }

    /// The path inside a member that a member-level column fills.
    pub fn member_path(self) -> &'static str {
        match self {
            Column::Member => "id",
            Column::Name => "name",
            Column::Age => "age",
            Column::Disability => "disability",
            Column::LaborAbility => "laborAbility",
            Column::InsuredMedical => "insured.medical",
            Column::InsuredPension => "insured.pension",
            Column::Stage => "school.stage",
            Column::Freshman => "school.freshman",
            Column::Boarding => "school.boarding",
            Column::ChronicListed => "chronic.listed",
            Column::ChronicSelfPay => "chronic.selfPayInCatalog",
            _ => "",
        }
    }

    /// The key inside a stay that a stay column fills.
    pub fn stay_key(self) -> &'static str {
        match self {
            Column::StayTotal => "total",
            Column::StayCovered => "covered",
            Column::StayInsurancePaid => "insurancePaid",
            Column::StayInDistrict => "inDistrict",
            Column::Treatment => "treatment",
            _ => "",
        }
    }

    /// The column behind a household path (`annualNetIncome`, `status[1]`, `housing.grade`).
    pub fn from_household_path(path: &str) -> Option<Column> {
        best_prefix(&[Column::Household], path, Column::household_path)
            .or_else(|| best_prefix(HOUSEHOLD_COLUMNS, path, Column::household_path))
            .or_else(|| (path == "housing").then_some(Column::HousingGrade))
    }

    /// The column behind the rest of a member path (`.age`, `.school.stage`, `.school`).
    pub fn from_member_path(rest: &str) -> Option<Column> {
        let rest = rest.strip_prefix('.')?;
        best_prefix(&[Column::Member], rest, Column::member_path).or_else(|| best_prefix(MEMBER_COLUMNS, rest, Column::member_path)).or(match rest {
            "school" => Some(Column::Stage),
            "chronic" => Some(Column::ChronicSelfPay),
            "insured" => Some(Column::InsuredMedical),
            _ => None,
        })
    }

    /// The column behind the rest of a stay path (`.covered`).
    pub fn from_stay_path(rest: &str) -> Option<Column> {
        let rest = rest.strip_prefix('.')?;
        best_prefix(STAY_COLUMNS, rest, Column::stay_key)
    }

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<Column> {
        let h = normalize(header);
        let find = |h: &str| COLUMNS.iter().find(|(_, canon, aliases)| normalize(canon) == h || aliases.iter().any(|a| normalize(a) == h)).map(|c| c.0);
        find(&h).or_else(|| strip_unit(&h).and_then(find))
    }
}

/// A household's own columns (besides its number), in the order results list them.
pub const HOUSEHOLD_COLUMNS: &[Column] = &[
    Column::Region,
    Column::AsOf,
    Column::Status,
    Column::AnnualNetIncome,
    Column::HousingGrade,
    Column::DibaoStandardMonthly,
    Column::DibaoStandardYearly,
    Column::PovertyLine,
];
/// A member's columns (besides its number).
pub const MEMBER_COLUMNS: &[Column] = &[
    Column::Name,
    Column::Age,
    Column::Disability,
    Column::LaborAbility,
    Column::InsuredMedical,
    Column::InsuredPension,
    Column::Stage,
    Column::Freshman,
    Column::Boarding,
    Column::ChronicListed,
    Column::ChronicSelfPay,
];
/// A hospital stay's columns.
pub const STAY_COLUMNS: &[Column] = &[Column::StayTotal, Column::StayCovered, Column::StayInsurancePaid, Column::StayInDistrict, Column::Treatment];

/// The column whose path is `path` or a parent of it (`status` for `status[1]`).
fn best_prefix(cols: &[Column], path: &str, path_of: fn(Column) -> &'static str) -> Option<Column> {
    cols.iter().copied().find(|&c| {
        let p = path_of(c);
        !p.is_empty() && (path == p || (path.starts_with(p) && matches!(path.as_bytes().get(p.len()), Some(b'.') | Some(b'['))))
    })
}

/// Lower case (ASCII), no spaces, full-width brackets as ASCII ones.
fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A header with a unit in brackets at its end: "家庭年纯收入(元)" → "家庭年纯收入".
fn strip_unit(h: &str) -> Option<&str> {
    let open = h.rfind('(')?;
    h.ends_with(')').then(|| &h[..open])
}

/// Household statuses as rosters write them (the JSON names, and Chinese labels).
pub fn status_word(s: &str) -> &str {
    match s {
        "建档立卡" | "建档立卡户" | "建档立卡贫困户" | "贫困户" | "未脱贫" | "未脱贫户" => "registered_poor",
        "已脱贫" | "已脱贫户" | "脱贫户" | "脱贫不稳定户" => "exited_poor",
        "低保" | "低保户" | "低保对象" => "dibao",
        "特困" | "特困户" | "特困供养" | "五保" | "五保户" | "特困供养人员" => "tekun",
        "监测户" | "监测对象" | "防返贫监测" | "防返贫监测对象" | "边缘易致贫户" | "突发严重困难户" => "monitored",
        "低保边缘" | "低保边缘户" | "低收入" | "低收入人口" => "low_income_margin",
        other => other,
    }
}

/// Splits a status cell: `;`, `；`, `、`, `,`, `，`, `|` or spaces between statuses.
pub fn statuses(cell: &str) -> Vec<Json<'_>> {
    cell.split([';', '；', '、', ',', '，', '|', ' ', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Json::String(Cow::Borrowed(status_word(s))))
        .collect()
}

/// A yes/no cell: `true`/`false` for the words a roster uses, else the text (reported by validation).
pub fn boolean(cell: &str) -> Json<'_> {
    const YES: [&str; 10] = ["1", "true", "yes", "y", "是", "有", "√", "✓", "对", "t"];
    const NO: [&str; 10] = ["0", "false", "no", "n", "否", "无", "×", "x", "不是", "f"];
    if YES.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
        Json::Bool(true)
    } else if NO.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
        Json::Bool(false)
    } else {
        Json::String(Cow::Borrowed(cell))
    }
}

/// A whole number cell (age, disability grade): a JSON number, else the text.
pub fn whole(cell: &str) -> Json<'_> {
    let digits = cell.trim_end_matches(['岁', '级']);
    match digits.parse::<u64>() {
        Ok(n) => Json::Number(Cow::Owned(n.to_string())),
        Err(_) => match chinese_grade(cell) {
            Some(n) => Json::Number(Cow::Owned(n.to_string())),
            None => Json::String(Cow::Borrowed(cell)),
        },
    }
}

fn chinese_grade(cell: &str) -> Option<u64> {
    let s = cell.trim_start_matches("残疾").trim_end_matches("残疾");
    let s = s.trim_end_matches('级');
    Some(match s {
        "一" | "壹" => 1,
        "二" | "贰" => 2,
        "三" | "叁" => 3,
        "四" | "肆" => 4,
        _ => return None,
    })
}

/// Money: the text with thousands separators and a trailing 元 removed, as a JSON string.
pub fn money(cell: &str) -> Json<'_> {
    let cut = cell.trim_end_matches('元');
    let drop = |c: char| c == ',' || c == '，' || c == '¥' || c == '￥';
    if !cut.contains(drop) {
        return Json::String(Cow::Borrowed(cut.trim()));
    }
    let s: String = cut.chars().filter(|&c| !drop(c)).collect();
    Json::String(Cow::Owned(s.trim().to_string()))
}

/// A labour-ability cell (有劳动能力, 弱劳动力…) as its JSON name; other text as is.
pub fn labor_ability(cell: &str) -> Json<'_> {
    let w = match cell {
        "有劳动能力" | "普通劳动力" | "劳动力" | "技能劳动力" | "有" | "全部" => "full",
        "部分丧失劳动能力" | "弱劳动力" | "半劳动力" | "弱劳动力或半劳动力" | "部分" => "partial",
        "无劳动能力" | "丧失劳动力" | "丧失劳动能力" | "无劳动力" | "无" => "none",
        other => other,
    };
    Json::String(Cow::Borrowed(w))
}

/// A school-stage cell (小学, 本科…) as its JSON name; other text as is.
pub fn stage(cell: &str) -> Json<'_> {
    let w = match cell {
        "学前" | "学前教育" | "幼儿园" | "在园幼儿" => "preschool",
        "小学" => "primary",
        "初中" | "初级中学" => "junior_secondary",
        "高中" | "普通高中" => "senior_secondary",
        "中职" | "中专" | "职高" | "技校" | "中等职业教育" => "secondary_vocational",
        "专科" | "大专" | "高职" | "高等教育专科" => "junior_college",
        "本科" | "大学" | "高等教育本科" => "undergraduate",
        "研究生" | "硕士" | "博士" => "postgraduate",
        other => other,
    };
    Json::String(Cow::Borrowed(w))
}

/// A treatment cell (劳动能力恢复…) as its JSON name; other text as is.
pub fn treatment(cell: &str) -> Json<'_> {
    let w = match cell {
        "劳动能力恢复" | "劳动能力恢复救治" | "恢复劳动能力" => "labor_recovery",
        "一般" | "一般治疗" => "general",
        other => other,
    };
    Json::String(Cow::Borrowed(w))
}

/// A house-grade cell (C级危房, d…) as its grade letter.
pub fn house_grade(cell: &str) -> Json<'_> {
    let g = cell.trim_end_matches("危房").trim_end_matches('级').to_ascii_uppercase();
    Json::String(Cow::Owned(g))
}

/// A stage cell that says "not at school" (no school object at all).
pub fn not_at_school(cell: &str) -> bool {
    matches!(cell, "无" | "否" | "不在校" | "非在校生" | "none" | "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_chinese_english_and_with_units() {
        assert_eq!(Column::from_header("户编号"), Some(Column::Household));
        assert_eq!(Column::from_header(" Household "), Some(Column::Household));
        assert_eq!(Column::from_header("家庭年纯收入（元）"), Some(Column::AnnualNetIncome));
        assert_eq!(Column::from_header("低保标准(月)"), Some(Column::DibaoStandardMonthly));
        assert_eq!(Column::from_header("低保标准（年）"), Some(Column::DibaoStandardYearly));
        assert_eq!(Column::from_header("stayInsurancePaid"), Some(Column::StayInsurancePaid));
        assert_eq!(Column::from_header("身份证号"), None);
    }

    #[test]
    fn cells_in_roster_words() {
        assert_eq!(statuses("建档立卡贫困户、低保户"), vec![Json::String("registered_poor".into()), Json::String("dibao".into())]);
        assert_eq!(statuses("registered_poor;dibao"), vec![Json::String("registered_poor".into()), Json::String("dibao".into())]);
        assert_eq!(boolean("是"), Json::Bool(true));
        assert_eq!(boolean("maybe"), Json::String("maybe".into()));
        assert_eq!(whole("45"), Json::Number("45".into()));
        assert_eq!(whole("二级"), Json::Number("2".into()));
        assert_eq!(whole("4.5"), Json::String("4.5".into()));
        assert_eq!(money("9,600.00元"), Json::String("9600.00".into()));
        assert_eq!(stage("本科"), Json::String("undergraduate".into()));
        assert_eq!(house_grade("D级危房"), Json::String("D".into()));
    }
}
