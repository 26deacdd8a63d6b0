//! Reading a pack from JSON and checking everything that can be checked inside one pack:
//! fields, types, units, ranges, dates. Checks that need the chain (parent, documents and
//! parameters defined by ancestors) are in `registry`.

use super::model::*;
use crate::date::Date;
use crate::household::{HouseGrade, Stage, Status, Treatment};
use crate::json::Json;
use crate::problem::Problems;
use crate::read::{decimal_value, index_path, key_path, string_value, whole_value, wrong_type, Obj, MAX_STRING, MAX_TEXT};
use crate::table::Table;
use crate::text::Text;
use rust_decimal::Decimal;

/// The largest pack JSON text accepted, in bytes.
pub const MAX_PACK_BYTES: usize = 4 << 20;
/// The most programmes one pack may hold.
pub const MAX_PROGRAMMES: usize = 500;
/// The most parameters one pack may define.
pub const MAX_PARAMETERS: usize = 2000;
/// The most dated values one parameter may have.
pub const MAX_VALUES: usize = 200;
/// The most documents one pack may cite.
pub const MAX_DOCUMENTS: usize = 500;
/// The most example households one pack may carry.
pub const MAX_EXAMPLES: usize = 200;

/// Reads and checks a pack from its JSON text: every problem found inside the pack, at once (the checks against its chain are the registry's).
pub fn parse_pack(text: &str) -> Result<Pack, Problems> {
    let mut p = Problems::new();
    if text.len() > MAX_PACK_BYTES {
        p.add("input.too_large", "", format!("政策包超过{}字节上限", MAX_PACK_BYTES), format!("pack larger than the limit of {MAX_PACK_BYTES} bytes"));
        return Err(p);
    }
    match Json::parse(text) {
        Ok(v) => read_pack(&v),
        Err(e) => {
            p.add(
                "json.syntax",
                "",
                format!("不是有效的JSON(第{}行第{}列)", e.line, e.column),
                format!("not valid JSON (line {}, column {})", e.line, e.column),
            );
            Err(p)
        }
    }
}

/// Reads and checks a pack already parsed as JSON (as `parse_pack`).
pub fn read_pack(v: &Json) -> Result<Pack, Problems> {
    let mut p = Problems::new();
    let Some(mut o) = Obj::open(v, "", &mut p) else { return Err(p) };
    let _schema = o.get("$schema");
    // The format version first: a newer pack may use fields this engine would misread, so it is
    // refused with this one error rather than a list of "unknown field"s.
    let format_version = match o.get("formatVersion") {
        None => Some(1),
        Some(fv) => whole_value(fv, "formatVersion", 1, u32::MAX as u64, &mut p),
    };
    if let Some(fv) = format_version.filter(|fv| *fv > FORMAT_VERSION) {
        p.add(
            "pack.format_newer",
            "formatVersion",
            format!("政策包格式版本为{fv},本计算器只能读取{FORMAT_VERSION}及以下版本;请先升级惠民计算器"),
            format!("the pack's formatVersion is {fv}, newer than this engine reads (up to {FORMAT_VERSION}): upgrade huimin first"),
        );
        return Err(p);
    }
    let reviewed = date(&mut o, "reviewed", false, &mut p);
    let id = o.string("id", true, MAX_STRING, &mut p).map(str::to_string);
    let region = o.string("region", true, MAX_STRING, &mut p).map(str::to_string);
    if let Some(r) = &region {
        if r.len() != 6 || !r.bytes().all(|c| c.is_ascii_digit()) {
            p.add("region.format", "region", "地区代码应为6位数字", "region must be six digits");
        }
    }
    if let (Some(id), Some(r)) = (&id, &region) {
        let want = if r == "000000" { "cn".to_string() } else { format!("cn-{r}") };
        if *id != want {
            p.add("pack.id", "id", format!("政策包编号应为 {want}"), format!("the pack id must be {want}"));
        }
    }
    let parent = o.string("parent", false, MAX_STRING, &mut p).map(str::to_string);
    if parent.is_none() && id.as_deref().is_some_and(|i| i != "cn") {
        p.add("field.required", "parent", "缺少上级政策包 parent", "parent is required (only the national pack has none)");
    }
    if parent.is_some() && parent == id {
        p.add("pack.parent_self", "parent", "政策包不能以自身为上级", "a pack cannot be its own parent");
    }
    let level = o.string("level", true, MAX_STRING, &mut p).and_then(|s| word(&mut p, "level", s, Level::from_json, &Level::names()));
    let name = o.get("name").and_then(|v| text(v, "name", MAX_STRING, &mut p));
    if name.is_none() && o.get("name").is_none() {
        p.add("field.required", "name", "缺少名称 name", "name is required");
    }

    let mut documents = Table::new();
    if let Some(dv) = o.get("documents") {
        for_map(dv, "documents", MAX_DOCUMENTS, &mut p, |k, v, path, p| {
            if let Some(d) = read_document(v, path, p) {
                documents.insert(k.to_string(), d);
            }
        });
    }

    let mut parameters = Table::new();
    if let Some(pv) = o.get("parameters") {
        for_map(pv, "parameters", MAX_PARAMETERS, &mut p, |k, v, path, p| {
            if !valid_name(k) {
                p.add(
                    "parameter.name",
                    path,
                    "参数名只能包含字母、数字、点和下划线,且以字母开头",
                    "a parameter name is letters, digits, dots and underscores, starting with a letter",
                );
            }
            if let Some(par) = read_parameter(v, path, p) {
                parameters.insert(k.to_string(), par);
            }
        });
    }

    let insurance_model = o.get("insuranceModel").and_then(|v| read_insurance_model(v, "insuranceModel", &mut p));

    let mut replaces = Vec::new();
    if let Some(items) = o.array("replaces", false, MAX_PROGRAMMES, &mut p) {
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = string_value(item, &index_path("replaces", i), MAX_STRING, &mut p) {
                replaces.push(s.to_string());
            }
        }
    }

    let mut programmes = Vec::new();
    if let Some(items) = o.array("programmes", false, MAX_PROGRAMMES, &mut p) {
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = index_path("programmes", i);
            if let Some(pr) = read_programme(item, &path, &mut p) {
                if let Some((_, first)) = ids.iter().find(|(id, _)| **id == *pr.id) {
                    p.add(
                        "programme.duplicate_id",
                        &key_path(&path, "id"),
                        format!("项目编号与 programmes[{first}] 重复"),
                        format!("programme id repeats programmes[{first}].id"),
                    );
                } else {
                    ids.push((pr.id.to_string(), i));
                }
                programmes.push(pr);
            }
        }
    }

    let mut status_periods: Vec<StatusPeriod> = Vec::new();
    if let Some(sv) = o.get("statusPeriods") {
        for_map(sv, "statusPeriods", 10, &mut p, |k, v, path, p| {
            let status = word(p, path, k, Status::from_json, &Status::names());
            if let Some(sp) = read_status_period(v, path, status, p) {
                status_periods.push(sp);
            }
        });
    }

    status_periods.sort_by_key(|s| s.status);

    let mut examples = Vec::new();
    if let Some(items) = o.array("examples", false, MAX_EXAMPLES, &mut p) {
        for (i, item) in items.iter().enumerate() {
            if let Some(ex) = read_example(item, &index_path("examples", i), &mut p) {
                examples.push(ex);
            }
        }
    }
    o.finish(&mut p);

    // Citations must name a document of this pack or, checked in the registry, of an ancestor.
    match (id, region, level, name) {
        (Some(id), Some(region), Some(level), Some(name)) if p.is_empty() => Ok(Pack {
            format_version: format_version.unwrap_or(1),
            reviewed,
            id,
            region,
            parent,
            level,
            name,
            documents,
            parameters,
            insurance_model,
            replaces,
            programmes,
            status_periods,
            examples,
        }),
        _ => Err(p),
    }
}

fn valid_name(k: &str) -> bool {
    !k.is_empty() && k.len() <= 100 && k.as_bytes()[0].is_ascii_alphabetic() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_')
}

fn valid_programme_id(k: &str) -> bool {
    !k.is_empty() && k.len() <= 100 && k.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'_')
}

fn word<T>(p: &mut Problems, path: &str, s: &str, f: fn(&str) -> Option<T>, allowed: &str) -> Option<T> {
    let w = f(s);
    if w.is_none() {
        let got: String = s.chars().take(40).collect();
        p.add("enum.unknown", path, format!("未知的取值“{got}”,可选:{allowed}"), format!("unknown value \"{got}\"; one of: {allowed}"));
    }
    w
}

fn for_map(v: &Json, path: &str, max: usize, p: &mut Problems, mut f: impl FnMut(&str, &Json, &str, &mut Problems)) {
    match v {
        Json::Object(map) if map.len() > max => {
            p.add("list.too_long", path, format!("最多{max}项"), format!("at most {max} entries"));
        }
        Json::Object(map) => {
            for (k, item) in map.sorted() {
                let item_path = key_path(path, k);
                f(k, item, &item_path, p);
            }
        }
        other => wrong_type(p, path, other, "object"),
    }
}

fn text(v: &Json, path: &str, max: usize, p: &mut Problems) -> Option<Text> {
    let mut o = Obj::open(v, path, p)?;
    let zh = o.string("zh", true, max, p);
    let en = o.string("en", true, max, p);
    o.finish(p);
    Some(Text::new(zh?, en?))
}

fn date(o: &mut Obj, key: &'static str, required: bool, p: &mut Problems) -> Option<Date> {
    let s = o.string(key, required, MAX_STRING, p)?;
    let d = Date::parse(s);
    if d.is_none() {
        p.add("date.invalid", &o.at(key), "日期应为有效的 YYYY-MM-DD", "must be a real date written YYYY-MM-DD");
    }
    d
}

fn read_document(v: &Json, path: &str, p: &mut Problems) -> Option<Document> {
    let mut o = Obj::open(v, path, p)?;
    let title = o.string("title", true, MAX_TEXT, p);
    let issuer = o.string("issuer", true, MAX_STRING, p);
    let date = o.string("date", true, MAX_STRING, p);
    let number = o.string("number", false, MAX_STRING, p).map(str::to_string);
    let source = o.string("source", true, MAX_TEXT, p);
    let url = o.string("url", false, MAX_TEXT, p).map(str::to_string);
    let confidence = o.string("confidence", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "confidence"), s, Confidence::from_json, "V, V2, D, R"));
    let note = o.string("note", false, MAX_TEXT, p).map(str::to_string);
    let supports = match o.get("supports") {
        Some(sv) => read_supports(sv, &key_path(path, "supports"), p),
        None => Some(Supports::default()),
    };
    o.finish(p);
    if confidence == Some(Confidence::User) {
        p.add("enum.unknown", &key_path(path, "confidence"), "政策包中不能使用 user 置信度", "confidence user is for household overrides, not packs");
    }
    Some(Document {
        title: title?.to_string(),
        issuer: issuer?.to_string(),
        date: date?.to_string(),
        number,
        source: source?.to_string(),
        url,
        confidence: confidence?,
        note,
        supports: supports?,
    })
}

/// `{from?, until?}`, at least one, in order.
fn read_supports(v: &Json, path: &str, p: &mut Problems) -> Option<Supports> {
    let mut o = Obj::open(v, path, p)?;
    let from = date(&mut o, "from", false, p);
    let until = date(&mut o, "until", false, p);
    let (has_from, has_until) = (o.get("from").is_some(), o.get("until").is_some());
    if !has_from && !has_until {
        p.add("field.required", path, "须给出 from 或 until", "from or until is required");
    }
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            p.add("date.order", &o.at("until"), "截止日期早于起始日期", "until is before from");
        }
    }
    o.finish(p);
    Some(Supports { from, until })
}

/// One entry of `statusPeriods`: `{from?, until?, instead?, cite}`, read (and its errors
/// reported) even when its key is not a status.
fn read_status_period(v: &Json, path: &str, status: Option<Status>, p: &mut Problems) -> Option<StatusPeriod> {
    let mut o = Obj::open(v, path, p)?;
    let from = date(&mut o, "from", false, p);
    let until = date(&mut o, "until", false, p);
    if o.get("from").is_none() && o.get("until").is_none() {
        p.add("field.required", path, "须给出 from 或 until", "from or until is required");
    }
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            p.add("date.order", &o.at("until"), "截止日期早于起始日期", "until is before from");
        }
    }
    let mut instead = Vec::new();
    if let Some(items) = o.array("instead", false, 10, p) {
        let ipath = o.at("instead");
        for (i, item) in items.iter().enumerate() {
            let itp = index_path(&ipath, i);
            if let Some(s) = string_value(item, &itp, MAX_STRING, p) {
                if let Some(st) = word(p, &itp, s, Status::from_json, &Status::names()) {
                    crate::table::insert_sorted(&mut instead, st);
                }
            }
        }
    }
    let cite = o.require("cite", p).and_then(|c| read_cite(c, &o.at("cite"), p));
    o.finish(p);
    let status = status?;
    if instead.contains(&status) {
        p.add("status_period.instead_self", &key_path(path, "instead"), "instead 不能包含该身份本身", "instead cannot name the status itself");
    }
    Some(StatusPeriod { status, from, until, instead, cite: cite? })
}

fn read_cite(v: &Json, path: &str, p: &mut Problems) -> Option<Cite> {
    let mut o = Obj::open(v, path, p)?;
    let doc = o.string("doc", true, MAX_STRING, p);
    // No quote: no sentence of the document was retrieved. The cite still names the document, and
    // its note must say why there is no sentence; an empty quote is a mistake, not that.
    let has_quote = o.get("quote").is_some();
    let quote = o.string("quote", false, MAX_TEXT, p);
    if quote.is_some_and(|q| q.trim().is_empty()) {
        p.add(
            "cite.quote_empty",
            &o.at("quote"),
            "引文不能为空(没有原文句子时请省略 quote,并在 note 中说明)",
            "the quote must not be empty (without a sentence, leave quote out and say why in note)",
        );
    }
    let confidence = o.string("confidence", false, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "confidence"), s, Confidence::from_json, "V, V2, D, R"));
    let has_note = o.get("note").is_some();
    let note = o.string("note", false, MAX_TEXT, p).map(str::to_string);
    if !has_quote && !has_note {
        p.add(
            "cite.note_required",
            path,
            "没有引文 quote 时须在 note 中说明原因(例如原文句子未取得)",
            "a cite without a quote needs a note saying why (e.g. the sentence was not retrieved)",
        );
    }
    o.finish(p);
    if has_quote && quote.is_none() {
        return None;
    }
    Some(Cite { doc: doc?.to_string(), quote: quote.unwrap_or_default().to_string(), confidence, note })
}

fn read_parameter(v: &Json, path: &str, p: &mut Problems) -> Option<Parameter> {
    let mut o = Obj::open(v, path, p)?;
    let title = o.get("title").and_then(|t| text(t, &key_path(path, "title"), MAX_STRING, p));
    if o.get("title").is_none() {
        p.add("field.required", &o.at("title"), "缺少 title", "title is required");
    }
    let unit = o.string("unit", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "unit"), s, Unit::from_json, &Unit::names()));
    let note = o.get("note").and_then(|t| text(t, &key_path(path, "note"), MAX_TEXT, p));
    let mut values = Vec::new();
    let values_path = key_path(path, "values");
    if let Some(items) = o.array("values", true, MAX_VALUES, p) {
        for (i, item) in items.iter().enumerate() {
            let vpath = index_path(&values_path, i);
            let Some(mut vo) = Obj::open(item, &vpath, p) else { continue };
            let from = date(&mut vo, "from", true, p);
            let until = date(&mut vo, "until", false, p);
            let value = vo.require("value", p).and_then(|x| decimal_value(x, &vo.at("value"), p));
            let cite = vo.require("cite", p).and_then(|c| read_cite(c, &vo.at("cite"), p));
            vo.finish(p);
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    p.add("date.order", &key_path(&vpath, "until"), "截止日期早于起始日期", "until is before from");
                }
            }
            if let (Some(value), Some(unit)) = (value, unit) {
                check_unit(p, &key_path(&vpath, "value"), unit, value);
            }
            if let (Some(from), Some(value), Some(cite)) = (from, value, cite) {
                values.push((i, DatedValue { from, until, value, cite }));
            }
        }
    }
    // Values must be in date order and must not overlap.
    for w in values.windows(2) {
        let (_, a) = &w[0];
        let (j, b) = &w[1];
        let vpath = index_path(&values_path, *j);
        if b.from <= a.from {
            p.add(
                "date.order",
                &key_path(&vpath, "from"),
                "取值须按起始日期升序排列,且日期不能重复",
                "values must be in ascending order of from, with no date twice",
            );
        } else if a.until.is_some_and(|u| u >= b.from) {
            p.add("date.overlap", &key_path(&vpath, "from"), "与上一个取值的有效期重叠", "overlaps the previous value's period");
        }
    }
    o.finish(p);
    Some(Parameter { title: std::rc::Rc::new(title?), unit: unit?, values: values.into_iter().map(|(_, v)| v).collect(), note })
}

fn check_unit(p: &mut Problems, path: &str, unit: Unit, value: Decimal) {
    match unit {
        Unit::Yuan if value.normalize().scale() > 2 => p.add("money.precision", path, "金额最多保留两位小数", "an amount has at most two decimals"),
        Unit::Rate if value > Decimal::ONE => p.add("rate.range", path, "比例须在0到1之间", "a rate must be between 0 and 1"),
        Unit::Age | Unit::Count if !value.fract().is_zero() => p.add("number.whole", path, "须为整数", "must be a whole number"),
        Unit::Age if value > Decimal::from(crate::household::MAX_AGE) => p.add("number.range", path, "年龄须在0到130之间", "an age must be between 0 and 130"),
        _ => {}
    }
}

fn read_insurance_model(v: &Json, path: &str, p: &mut Problems) -> Option<InsuranceModel> {
    let mut o = Obj::open(v, path, p)?;
    let deductible = o.string("deductible", true, MAX_STRING, p).map(str::to_string);
    let ratio = o.string("ratio", true, MAX_STRING, p).map(str::to_string);
    let cap = o.string("cap", false, MAX_STRING, p).map(str::to_string);
    let critical_deductible = o.string("criticalDeductible", false, MAX_STRING, p).map(str::to_string);
    let critical_ratio = o.string("criticalRatio", false, MAX_STRING, p).map(str::to_string);
    o.finish(p);
    if critical_deductible.is_some() != critical_ratio.is_some() {
        p.add("insurance_model.critical", path, "大病保险的起付线与支付比例须同时给出", "criticalDeductible and criticalRatio go together");
    }
    Some(InsuranceModel { deductible: deductible?, ratio: ratio?, cap, critical_deductible, critical_ratio })
}

fn statuses(o: &mut Obj, p: &mut Problems) -> Option<Vec<Status>> {
    let items = o.array("statuses", true, 10, p)?;
    let path = o.at("statuses");
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = index_path(&path, i);
        if let Some(s) = string_value(item, &ip, MAX_STRING, p) {
            if let Some(st) = word(p, &ip, s, Status::from_json, &Status::names()) {
                crate::table::insert_sorted(&mut out, st);
            }
        }
    }
    Some(out)
}

fn read_programme(v: &Json, path: &str, p: &mut Problems) -> Option<Programme> {
    let mut o = Obj::open(v, path, p)?;
    let id = o.string("id", true, MAX_STRING, p).map(str::to_string);
    if let Some(i) = &id {
        if !valid_programme_id(i) {
            p.add("programme.id", &o.at("id"), "项目编号只能用小写字母、数字、点和下划线", "a programme id is lowercase letters, digits, dots and underscores");
        }
    }
    let kind = o.string("kind", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "kind"), s, Kind::from_json, &Kind::names()));
    let area = o.string("area", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "area"), s, Area::from_json, &Area::names()));
    let statuses = statuses(&mut o, p);
    let from = date(&mut o, "from", true, p);
    let until = date(&mut o, "until", false, p);
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            p.add("date.order", &o.at("until"), "截止日期早于起始日期", "until is before from");
        }
    }
    let title = o.require("title", p).and_then(|t| text(t, &key_path(path, "title"), MAX_STRING, p));
    let cite = o.require("cite", p).and_then(|c| read_cite(c, &key_path(path, "cite"), p));
    let how_to_apply = o.get("howToApply").and_then(|t| text(t, &key_path(path, "howToApply"), MAX_TEXT, p));
    let rule = match (kind, o.require("rule", p)) {
        (Some(kind), Some(rv)) => read_rule(kind, rv, &key_path(path, "rule"), p),
        _ => None,
    };
    o.finish(p);
    Some(Programme {
        id: id?.into(),
        rule: rule?,
        area: area?,
        statuses: statuses?,
        from: from?,
        until,
        title: std::rc::Rc::new(title?),
        cite: cite?,
        how_to_apply: how_to_apply.map(std::rc::Rc::new),
    })
}

fn param(o: &mut Obj, key: &'static str, required: bool, p: &mut Problems) -> Option<String> {
    o.string(key, required, MAX_STRING, p).map(str::to_string)
}

fn standard_ref(o: &mut Obj, p: &mut Problems) -> StandardRef {
    let s = StandardRef { monthly: param(o, "standardMonthly", false, p), yearly: param(o, "standardYearly", false, p) };
    if s.monthly.is_none() && s.yearly.is_none() {
        p.add("field.required", &o.path(), "须给出 standardMonthly 或 standardYearly", "standardMonthly or standardYearly is required");
    }
    s
}

fn list_of<T>(o: &mut Obj, key: &'static str, p: &mut Problems, f: fn(&str) -> Option<T>, allowed: &str) -> Option<Vec<T>> {
    let items = o.array(key, true, 20, p)?;
    let path = o.at(key);
    if items.is_empty() {
        p.add("list.empty", &path, "至少需要一项", "at least one item is required");
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = index_path(&path, i);
        if let Some(s) = string_value(item, &ip, MAX_STRING, p) {
            out.extend(word(p, &ip, s, f, allowed));
        }
    }
    Some(out)
}

fn read_rule(kind: Kind, v: &Json, path: &str, p: &mut Problems) -> Option<Rule> {
    let mut o = Obj::open(v, path, p)?;
    // In a closure, so that a missing slot (`?`) still lets `finish` report unknown fields.
    let rule = (|| match kind {
        Kind::StudentGrant => {
            let stages = list_of(&mut o, "stages", p, Stage::from_json, &Stage::names());
            let amount = param(&mut o, "amount", true, p);
            let period = o.string("period", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "period"), s, Period::from_json, "year, once"));
            if period == Some(Period::Month) {
                p.add("enum.unknown", &o.at("period"), "学生资助按年或一次性发放", "a student grant is per year or once");
            }
            let freshman_only = o.boolean("freshmanOnly", p).unwrap_or(false);
            let boarding = match o.string("boarding", false, MAX_STRING, p) {
                Some(s) => word(p, &key_path(path, "boarding"), s, Boarding::from_json, &Boarding::names()),
                None => Some(Boarding::Any),
            };
            let share = param(&mut o, "share", false, p);
            let apply = o.boolean("apply", p).unwrap_or(false);
            let quota = param(&mut o, "quota", false, p);
            Some(Rule::StudentGrant { stages: stages?, amount: amount?, period: period?, freshman_only, boarding: boarding?, share, apply, quota })
        }
        Kind::PremiumSubsidy => {
            let premium = param(&mut o, "premium", true, p);
            let mode = o.string("mode", true, MAX_STRING, p);
            let share = param(&mut o, "share", false, p);
            let amount = param(&mut o, "amount", false, p);
            let mode = match mode {
                Some("full") => Some(PremiumMode::Full),
                Some("share") => match share {
                    Some(s) => Some(PremiumMode::Share(s)),
                    None => {
                        p.add("field.required", &o.at("share"), "mode 为 share 时须给出 share", "share is required with mode share");
                        None
                    }
                },
                Some("fixed") => match amount {
                    Some(a) => Some(PremiumMode::Fixed(a)),
                    None => {
                        p.add("field.required", &o.at("amount"), "mode 为 fixed 时须给出 amount", "amount is required with mode fixed");
                        None
                    }
                },
                Some(other) => word(p, &o.at("mode"), other, |_| None::<PremiumMode>, "full, share, fixed"),
                None => None,
            };
            Some(Rule::PremiumSubsidy { premium: premium?, mode: mode? })
        }
        Kind::PensionPremium => {
            let amount = param(&mut o, "amount", true, p);
            let cap = param(&mut o, "cap", false, p);
            let min_age = param(&mut o, "minAge", true, p);
            let max_age = param(&mut o, "maxAge", true, p);
            Some(Rule::PensionPremium { amount: amount?, cap, min_age: min_age?, max_age: max_age? })
        }
        Kind::ChronicRelief => {
            let threshold = param(&mut o, "threshold", true, p);
            let rate = param(&mut o, "rate", true, p);
            let cap = param(&mut o, "cap", true, p);
            Some(Rule::ChronicRelief { threshold: threshold?, rate: rate?, cap: cap? })
        }
        Kind::DeductibleReduction => param(&mut o, "reduction", true, p).map(|reduction| Rule::DeductibleReduction { reduction }),
        Kind::MedicalAssistance => {
            let rate = param(&mut o, "rate", true, p);
            let annual_cap = param(&mut o, "annualCap", false, p);
            Some(Rule::MedicalAssistance { rate: rate?, annual_cap })
        }
        Kind::SelfPayCeiling => {
            let share = param(&mut o, "share", true, p);
            let scope = o.string("scope", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "scope"), s, Scope::from_json, &Scope::names()));
            Some(Rule::SelfPayCeiling { share: share?, scope: scope? })
        }
        Kind::ZeroSelfPay => list_of(&mut o, "treatments", p, Treatment::from_json, &Treatment::names()).map(|treatments| Rule::ZeroSelfPay { treatments }),
        Kind::DibaoGap => Some(Rule::DibaoGap { standard: standard_ref(&mut o, p) }),
        Kind::TwoLineCheck => {
            let standard = standard_ref(&mut o, p);
            let poverty_line = param(&mut o, "povertyLine", true, p);
            Some(Rule::TwoLineCheck { standard, poverty_line: poverty_line? })
        }
        Kind::StatusAlignment => Some(Rule::StatusAlignment {
            standard: standard_ref(&mut o, p),
            poverty_line: param(&mut o, "povertyLine", false, p),
            monitoring_multiplier: param(&mut o, "monitoringMultiplier", false, p),
            margin_multiplier: param(&mut o, "marginMultiplier", false, p),
        }),
        Kind::HousingRenovation => {
            let mut grades: Vec<(HouseGrade, String)> = Vec::new();
            let gpath = o.at("grades");
            if let Some(gv) = o.require("grades", p) {
                for_map(gv, &gpath, 4, p, |k, v, ipath, p| {
                    let g = word(p, ipath, k, HouseGrade::from_json, "C, D");
                    let name = string_value(v, ipath, MAX_STRING, p);
                    if let (Some(g), Some(name)) = (g, name) {
                        grades.push((g, name.to_string()));
                    }
                });
            }
            Some(Rule::HousingRenovation { grades })
        }
        Kind::GuaranteeChecklist => {
            let compulsory_min_age = param(&mut o, "compulsoryMinAge", false, p);
            let compulsory_max_age = param(&mut o, "compulsoryMaxAge", false, p);
            if compulsory_min_age.is_some() != compulsory_max_age.is_some() {
                p.add("field.required", &o.path(), "compulsoryMinAge 与 compulsoryMaxAge 须同时给出", "compulsoryMinAge and compulsoryMaxAge go together");
            }
            Some(Rule::GuaranteeChecklist { compulsory_min_age, compulsory_max_age })
        }
        Kind::ApplyNotice => {
            let when = o.string("when", true, MAX_STRING, p).and_then(|s| word(p, &key_path(path, "when"), s, When::from_json, &When::names()));
            when.map(|when| Rule::ApplyNotice { when })
        }
    })();
    o.finish(p);
    rule
}

fn read_example(v: &Json, path: &str, p: &mut Problems) -> Option<Example> {
    let mut o = Obj::open(v, path, p)?;
    let name = o.string("name", true, MAX_TEXT, p).map(str::to_string);
    let household = o.require("household", p).map(|h| h.clone().into_owned());
    let mut expect = Vec::new();
    if let Some(items) = o.array("expect", false, 200, p) {
        let epath = o.at("expect");
        for (i, item) in items.iter().enumerate() {
            let ip = index_path(&epath, i);
            let Some(mut eo) = Obj::open(item, &ip, p) else { continue };
            let programme = eo.string("programme", true, MAX_STRING, p).map(str::to_string);
            let member = eo.string("member", false, MAX_STRING, p).map(str::to_string);
            let status = eo.string("status", true, MAX_STRING, p).map(str::to_string);
            if let Some(s) = &status {
                if !["entitled", "apply", "needs_info", "not_eligible"].contains(&s.as_str()) {
                    p.add("enum.unknown", &eo.at("status"), "未知的状态", "unknown status; one of: entitled, apply, needs_info, not_eligible");
                }
            }
            let amount = eo.string("amount", false, MAX_STRING, p).map(str::to_string);
            let reason = eo.string("reason", false, MAX_STRING, p).map(str::to_string);
            eo.finish(p);
            if let (Some(programme), Some(status)) = (programme, status) {
                expect.push(Expect { programme, member, status, amount, reason });
            }
        }
    }
    let (mut expect_per_year, mut expect_once) = (None, None);
    if let Some(tv) = o.get("expectTotals") {
        if let Some(mut to) = Obj::open(tv, &o.at("expectTotals"), p) {
            expect_per_year = to.string("perYear", false, MAX_STRING, p).map(str::to_string);
            expect_once = to.string("once", false, MAX_STRING, p).map(str::to_string);
            to.finish(p);
        }
    }
    let mut expect_alerts = Vec::new();
    if let Some(items) = o.array("expectAlerts", false, 50, p) {
        let apath = o.at("expectAlerts");
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = string_value(item, &index_path(&apath, i), MAX_STRING, p) {
                expect_alerts.push(s.to_string());
            }
        }
    }
    let mut expect_checks = Vec::new();
    if let Some(items) = o.array("expectChecks", false, 50, p) {
        let cpath = o.at("expectChecks");
        for (i, item) in items.iter().enumerate() {
            let ip = index_path(&cpath, i);
            let Some(mut co) = Obj::open(item, &ip, p) else { continue };
            let programme = co.string("programme", true, MAX_STRING, p).map(str::to_string);
            let result = co.string("result", true, MAX_STRING, p).map(str::to_string);
            if result.as_deref().is_some_and(|r| !["pass", "fail", "needs_info"].contains(&r)) {
                p.add("enum.unknown", &co.at("result"), "未知的核对结果,可选:pass, fail, needs_info", "unknown check result; one of: pass, fail, needs_info");
            }
            co.finish(p);
            if let (Some(programme), Some(result)) = (programme, result) {
                expect_checks.push(ExpectCheck { programme, result });
            }
        }
    }
    o.finish(p);
    Some(Example { name: name?, household: household?, expect, expect_per_year, expect_once, expect_alerts, expect_checks })
}
