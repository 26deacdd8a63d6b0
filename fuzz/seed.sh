#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the shipped packs and their example households
# (so the fuzzer starts from real documents, not from nothing). Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/household corpus/pack corpus/decimal
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
for i, s in enumerate(["1500.00", "0.005", "1e30", "-0", "100000000.00", "1E+2", "0.1e1", "NaN", "12.345", "9" * 40]):
    open(f"corpus/decimal/{i}", 'w').write(s)
PY
echo "seeded: $(ls corpus/household | wc -l) households, $(ls corpus/pack | wc -l) packs, $(ls corpus/decimal | wc -l) decimals"
