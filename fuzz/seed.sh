#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the shipped packs and their example households
# (so the fuzzer starts from real documents, not from nothing). Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/household corpus/pack corpus/decimal corpus/roster
for f in ../packs/*.json; do cp "$f" "corpus/pack/$(basename "$f")"; done
python3 - <<'PY'
import json, glob, os
n = 0
for f in sorted(glob.glob('../packs/*.json')):
    try:
        pack = json.load(open(f, encoding='utf-8'))
    except Exception:
        continue
    for i, ex in enumerate(pack.get('examples', [])):
        h = ex.get('household')
        if isinstance(h, dict):
            open(f"corpus/household/{os.path.basename(f)[:-5]}-{i}.json", 'w', encoding='utf-8').write(json.dumps(h, ensure_ascii=False))
            n += 1
small = {"region": "150203", "asOf": "2017-09-01", "status": ["registered_poor", "dibao"], "annualNetIncome": "9600.00",
         "members": [{"id": "m1", "age": 45, "laborAbility": "full"},
                     {"id": "m2", "age": 72, "chronic": {"listed": True, "selfPayInCatalog": "5200.00"}},
                     {"id": "m3", "age": 18, "school": {"stage": "undergraduate", "freshman": True}},
                     {"id": "m4", "age": 40, "stays": [{"inDistrict": True, "total": "20000.00", "covered": "18000.00", "insurancePaid": "14000.00"},
                                                       {"inDistrict": True, "total": 3000.01, "covered": 3000, "treatment": "labor_recovery"}]}],
         "housing": {"grade": "D"}, "overrides": {"dibaoStandardMonthly": "450.00"}}
for region in ["150203", "510811", "530129", "530600", "530100", "110000"]:
    small["region"] = region
    open(f"corpus/household/small-{region}.json", 'w').write(json.dumps(small, ensure_ascii=False))
# Rosters: the first byte chooses the format (even: CSV, odd: JSON Lines) and the chunk size.
csv = ("\ufeff户编号,地区代码,评估日期,身份,家庭年纯收入(元),危房等级,低保标准(月),成员编号,姓名,年龄,劳动能力,学段,新生,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院\r\n"
       "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m1,\"王,大\",45,有劳动能力,,,否,,,,,\r\n"
       "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m2,李二,72,无劳动能力,,,是,5200.00,,,,\r\n"
       "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,20000.00,18000.00,14000.00,是\r\n"
       "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,3000.00,2500.00,1500.00,否\r\n"
       "H2,150203,2017-09-01,低保户,3000,,450,,赵五,66,,,,,,,,,\r\n")
for head in (0, 6, 64, 200):
    open(f"corpus/roster/csv-{head}", 'wb').write(bytes([head]) + csv.encode('utf-8'))
lines = "\n".join(open(f"corpus/household/{f}", encoding='utf-8').read() for f in sorted(os.listdir('corpus/household')) if f.startswith(('cn-', 'small-'))) + "\n{bad json\n\n"
for head in (1, 7, 255):
    open(f"corpus/roster/jsonl-{head}", 'wb').write(bytes([head]) + lines.encode('utf-8'))
for i, s in enumerate(["1500.00", "0.005", "1e30", "-0", "100000000.00", "1E+2", "0.1e1", "NaN", "12.345", "9" * 40]):
    open(f"corpus/decimal/{i}", 'w').write(s)
PY
echo "seeded: $(ls corpus/household | wc -l) households, $(ls corpus/pack | wc -l) packs, $(ls corpus/decimal | wc -l) decimals, $(ls corpus/roster | wc -l) rosters"
