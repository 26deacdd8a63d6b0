# huimin — English message catalogue (en)
#
# A message's id is the code in the report with "." written "-": dibao.should_apply →
# dibao-should_apply. Variables ($amount…) come written for this language (amounts to the fen,
# rates as percentages, statuses and stages by the labels below). A message missing here is shown
# from zh-CN. Check a catalogue with: huimin messages check FILE.ftl --lang LANG

## Common

list-separator = {", "}
list-none = none
field-unnamed = this item

## Household statuses

status-registered_poor = Registered poor (not yet exited)
status-exited_poor = Exited poverty (transition period)
status-dibao = Minimum living guarantee (dibao)
status-tekun = Extreme-poverty support (tekun)
status-monitored = Monitored against falling back
status-low_income_margin = Low-income margin household

## School stages

stage-preschool = Preschool
stage-primary = Primary
stage-junior_secondary = Junior secondary
stage-senior_secondary = Senior secondary
stage-secondary_vocational = Secondary vocational
stage-junior_college = Junior college
stage-undergraduate = Undergraduate
stage-postgraduate = Postgraduate

## Labour ability, house grades, treatments, periods

labor-full = able to work
labor-partial = partly able to work
labor-none = unable to work
grade-A = grade A
grade-B = grade B
grade-C = grade C (dangerous)
grade-D = grade D (dangerous)
treatment-labor_recovery = treatment that restores the ability to work
treatment-general = general treatment
period-year = a year
period-month = a month
period-once = once
when-always = every household
when-has_stay = a member was in hospital
when-has_chronic = a member has a chronic disease
when-has_student = a member is at school
when-housing_c_or_d = the house is graded C or D
when-has_disability = a member has a disability

## Areas, results, confidence (shared with the page and the tables)

area-medical = Medical
area-insurance = Insurance
area-education = Education
area-dibao = Low-income guarantee
area-housing = Housing
area-other = Other
result-entitled = Entitled
result-apply = May apply
result-needs_info = Needs information
result-not_eligible = Not eligible
check-pass = Pass
check-fail = Action needed
check-needs_info = Needs information
confidence-V = seen in an official text or an official reprint
confidence-V2 = seen only in a secondary or local source
confidence-D = derived from neighbouring verified figures
confidence-R = recalled; no source found
confidence-user = entered by the user
json-null = nothing (null)
json-boolean = yes or no (true/false)
json-number = a number
json-string = text
json-array = a list
json-object = an object
json-whole = a whole number

## Household fields

field-region = Region
field-asOf = Date of the calculation
field-id = ID
field-name = Name
field-status = Household status
field-annualNetIncome = Household annual net income (all members)
field-incomes = Household annual net incomes to try
field-members = Members
field-age = Age
field-disability = Disability grade
field-laborAbility = Ability to work
field-insured = Insurance
field-medical = Resident medical insurance
field-pension = Resident pension insurance
field-school = School
field-stage = School stage
field-freshman = Freshman
field-boarding = Boarding
field-chronic = Chronic disease
field-listed = On the listed chronic diseases
field-selfPayInCatalog = Self-pay inside the insurance catalogue
field-stays = Hospital stays
field-inDistrict = Stay inside the district
field-total = Total cost of the stay
field-covered = Cost covered by the policy
field-insurancePaid = Insurance paid (from the settlement slip)
field-treatment = Kind of treatment
field-housing = Housing
field-grade = House grade
field-overrides = Local figures supplied
field-household = Household ID

## Who is covered, and when

programme-open_to_all = This programme is open to every household.
programme-covers = Covers: { $covers }; this household is: { $held }.
policy-not_yet = this policy applies from { $from }; { $as_of } is before that
policy-ended = this policy ended on { $until }
status-not_covered = this programme covers { $covers }; the household has none of these statuses
status-ended = the status “{ $status }” ended on { $until }: choose what applies to the household instead: { $instead }
status-not_yet = the status “{ $status }” exists only from { $from }, after this date: choose another status

## Missing figures

input-missing = a figure the calculation needs is missing
input-missing_parameter = Missing "{ $parameter }"{ $local ->
    [yes] {" "}(a local figure no source gives)
   *[no] {" "}(the sources give no figure for { $year })
    }; enter it under "Local figures".
input-missing_field = Missing "{ $field }"; please enter it.

## Education

education-no_student = no member studies at: { $stages }
education-studies = { $member } studies at { $stage }{ $freshman ->
    [yes] {" "}(freshman)
   *[no] {""}
    }{ $boarding ->
    [yes] {" "}(boarding)
   *[no] {""}
    }.
education-not_freshman = this grant is for freshmen only (once, in the first year)
education-not_boarding = this allowance is for boarders only
education-boarding = this allowance is for non-boarders (boarders have their own)
education-share_of_rate = Rate { $rate } yuan × { $share } = { $amount } yuan (rounded half-up to the fen).
education-per_student = { $amount } yuan per student { $period }.
education-apply_quota = { $places } places a year; the student must apply; paid once approved.
education-apply = The student must apply; paid once approved.

## Insurance premiums and pension

insurance-not_insured = not enrolled in resident medical insurance; enrol first
insurance-premium = The { $year } individual premium of resident medical insurance is { $premium } yuan per person.
insurance-paid_in_full = { $member }'s premium is paid in full: { $amount } yuan.
insurance-paid_share = { $share } is paid: { $premium } × { $share } = { $amount } yuan.
insurance-paid_fixed = A fixed { $fixed } yuan (at most the premium of { $premium } yuan): { $amount } yuan.
pension-of_age = { $member } is { $age }, within the contributing ages { $min_age } to { $max_age }.
pension-student = students at school are not in resident pension insurance
pension-not_insured = not enrolled in resident pension insurance; enrol first
pension-paid_capped = Government pays { $amount } yuan (at most the lowest tier, { $cap } yuan): { $paid } yuan a year.
pension-paid = Government pays { $paid } yuan a year.
pension-no_member_of_age = no member is aged { $min_age } to { $max_age }

## Medical

medical-no_chronic = no member has chronic-disease self-pay entered
medical-chronic_spent = { $member } paid { $amount } yuan this year for treatment inside the insurance catalogue.
medical-chronic_not_listed = the disease is not on the listed chronic diseases
medical-below_threshold = self-pay of { $amount } yuan does not exceed the threshold of { $threshold } yuan
medical-chronic_relief = Above the threshold: { $amount } − { $threshold } = { $excess } yuan; relieved at { $rate }: { $excess } × { $rate } = { $relief } yuan (rounded half-up).
medical-chronic_cap = Capped at { $cap } yuan per person per year.
medical-estimate_basic = Estimated basic insurance: ({ $covered } − deductible { $deductible }) × { $ratio } = { $paid } yuan.
medical-estimate_basic_capped = Estimated basic insurance: ({ $covered } − deductible { $deductible }) × { $ratio } = { $paid } yuan (cap { $cap } yuan).
medical-estimate_critical = Estimated critical-illness insurance: ({ $covered } − { $basic } − deductible { $deductible }) × { $ratio } = { $paid } yuan.
medical-no_stay = no hospital stay entered
medical-stay = { $member }'s stay { $stay }{ $in_district ->
    [yes] {" "}(in district)
   *[no] {""}
    }: total { $total } yuan, covered { $covered } yuan, insurance paid { $insurance } yuan.
medical-stay_estimated = { $member }'s stay { $stay }{ $in_district ->
    [yes] {" "}(in district)
   *[no] {""}
    }: total { $total } yuan, covered { $covered } yuan, insurance paid an estimated { $insurance } yuan.
medical-stay_unknown = { $member }'s stay { $stay }{ $in_district ->
    [yes] {" "}(in district)
   *[no] {""}
    }: total { $total } yuan, covered { $covered } yuan, insurance paid unknown.
medical-enter_insurance_paid = Enter what insurance paid, from the settlement slip (basic and critical illness together).
medical-deductible_reduced = The deductible drops by { $reduction } from { $deductible } to { $reduced } yuan.
medical-deductible_more_paid = Insurance pays { $reduced } − { $full } = { $amount } yuan more (applied at settlement; part of insurance paid).
medical-deductible_on_slip = The slip's insurance paid should already include this.
medical-assistance = Covered self-pay: { $covered } − { $insurance } = { $base } yuan; assisted at { $rate }: { $amount } yuan.
medical-assistance_cap = Annual cap { $cap } yuan, { $so_far } yuan already assisted this year: { $amount } yuan this stay.
medical-out_of_scope = this stay was outside the district; the ceiling does not apply
medical-self_pay = Self-pay after insurance and assistance: { $total } − { $insurance } = { $self_pay } yuan.
medical-self_pay_after = Self-pay after insurance and assistance: { $total } − { $insurance } − { $earlier } = { $self_pay } yuan.
medical-ceiling = Self-pay is at most { $share } of the total: { $total } × { $share } = { $limit } yuan.
medical-within_ceiling = Self-pay is within the ceiling; nothing to relieve.
medical-ceiling_relief = The excess is relieved: { $self_pay } − { $limit } = { $amount } yuan.
medical-zero_pay = This stay is { $treatment }: zero self-pay.
medical-zero_pay_relief = The remaining self-pay of { $amount } yuan is relieved in full.
medical-treatment_not_listed = no stay is of the kinds listed: { $treatments }
medical-estimate = insurance paid is estimated for some stays; the settlement slip is what counts

## Low-income guarantee (dibao)

dibao-standard_monthly = The local dibao standard is { $monthly } yuan per person a month ({ $yearly } a year); the monthly standard is used.
dibao-standard_yearly = The local dibao standard is { $yearly } yuan per person a year (about { $monthly } a month); the yearly standard is used.
dibao-income = Household net income { $income } yuan ÷ { $people } people = { $per_year } yuan per person a year, { $per_month } a month.
dibao-income_above_standard = income of { $income } yuan per person a month is not below the standard of { $standard } yuan
dibao-gap_monthly = Gap: { $standard } × { $people } people − annual income { $income } ÷ 12 = { $amount } yuan a month (rounded half-up to the fen), { $yearly } a year.
dibao-gap_yearly = Gap: ({ $standard } × { $people } people − annual income { $income }) ÷ 12 = { $amount } yuan a month (rounded half-up to the fen), { $yearly } a year.
dibao-may_apply = The household is not yet in dibao and its income is below the standard: it may apply.
dibao-poverty_line = The { $year } poverty line is { $line } yuan per person a year.
dibao-standard_below_line = The standard is below the poverty line: raise it to at least { $line } yuan a year (about { $monthly } a month).
dibao-standard_below_poverty_line = the local dibao standard ({ $standard } a year) is below the poverty line ({ $line }); it should be raised to { $line }
dibao-two_lines_one = The standard is not below the poverty line: the two lines are one.
dibao-should_apply_step = A registered-poor household under the dibao line but not in dibao: it should apply.
dibao-should_apply = income of { $income } yuan per person a year is below the dibao standard of { $standard }; apply for dibao at the township office with the household register, ID cards and proof of income.
dibao-review_step = A dibao household at or above the line: its dibao should be reviewed.
dibao-review = income of { $income } yuan per person a year is at or above the dibao standard of { $standard }; the dibao should be reviewed
monitoring-line = Monitoring line: poverty line { $line } × { $factor } = { $amount } yuan.
monitoring-below_line = income of { $income } yuan per person a year is under the monitoring line of { $line }; the household should be monitored
dibao-margin_line = Low-income margin line: { $standard } × { $factor } = { $amount } yuan.
dibao-low_income_margin = income of { $income } yuan per person a year is under the margin line of { $line }; the household may apply as a low-income margin household
dibao-statuses_match = Statuses match the income; nothing to change.

## Housing and other applications

housing-not_dangerous = the house is { $grade }, not a C or D dangerous house
housing-no_grade = no house grade entered
housing-grade_not_covered = this programme does not cover { $grade }
housing-graded = The house is graded { $grade }.
housing-grant = A grant of { $amount } yuan, on application and inspection.
notice-condition = does not apply: only when { $condition }
notice-no_fixed_amount = The policy sets no fixed amount: apply, and the amount is decided case by case.

## Two assurances, three guarantees

guarantee-food_clothing = Food and clothing: ask the household on the visit.
guarantee-education_ok = Compulsory education: every member aged { $min_age } to { $max_age } is at school.
guarantee-education_check = Compulsory education: { $members } of compulsory-school age but not at school; check (no drop-outs).
guarantee-education = { $members } of compulsory-school age but not at school
guarantee-education_no_ages = Compulsory education: no compulsory-school ages given; check on the visit that children of that age are at school.
guarantee-medical_ok = Basic medical care: every member has resident medical insurance.
guarantee-medical_check = Basic medical care: { $members } not insured; help them enrol.
guarantee-medical = { $members } without resident medical insurance
guarantee-housing_check = Safe housing: the house is { $grade }; it should be renovated.
guarantee-housing = the house is { $grade }: housing is not safe
guarantee-housing_ok = Safe housing: the house is { $grade }.
guarantee-housing_no_grade = Safe housing: no grade entered; look on the visit or ask for an assessment.

## Report warnings

parameter-low_confidence = the figure "{ $parameter }" is { $confidence }; check the latest local document
parameter-unverified = the figure "{ $parameter }" is unverified (no source found); an example only
region-nearest_pack = no pack for region { $region } itself; the policy of "{ $pack }" is used
policy-stale = { $basis ->
    [reviewed] the policy pack of { $document } was checked up to { $date } only, { $years } calendar year(s) before this date: check locally that the policy still applies
   *[document] the policy text «{ $document }» ({ $date }) speaks for its own time, { $years } calendar year(s) before this date: check locally that it still applies
    }

## Input errors

field-required = Please enter { $field }
field-type = "{ $field }" should be { $want }, not { $found }
field-unknown = Unknown item "{ $name }": remove it
list-too_long = "{ $field }" has at most { $max } entries; found { $found }
string-too_long = "{ $field }" is too long (at most { $max } characters)
number-range = "{ $field }" must be a whole number from { $min } to { $max }
number-whole = "{ $field }" must be a whole number
money-invalid = "{ $field }": enter a number, such as 9600 or 1500.50
money-negative = "{ $field }" must not be negative
money-precision = "{ $field }": { $money ->
    [yes] at most two decimals (to the fen)
   *[no] too many decimals
    }
money-too_large = "{ $field }" is larger than the limit of 100000000
money-overflow = the totals overflow
rate-range = "{ $field }" is a rate: it must be between 0 and 1
enum-unknown = "{ $field }" has no choice "{ $got }"; choose one of: { $allowed }
input-too_large = input larger than the limit of { $limit } bytes
json-syntax = not valid JSON (line { $line }, column { $column })
region-format = the region must be a six-digit GB/T 2260 code, such as 150203
region-unknown = no policy pack for region { $region }; choose a region with a pack or load a local pack first
region-chain = the policy chain of this region is incomplete
policy-not_in_force = the date is before the earliest policy of this place (in force from { $from }): choose a later date
date-invalid = the date of the calculation must be a real date written year-month-day, such as 2025-09-01
members-empty = at least one member is required
member-duplicate_id = this member's ID repeats member { $first }'s
member-id_empty = a member's ID must not be empty
override-name = invalid name of a local figure
override-unknown = the policy of this region has no figure "{ $name }"
stay-covered_above_total = the covered cost cannot exceed the total cost of the stay
stay-insurance_above_covered = insurance paid cannot exceed the covered cost
report-too_large = the report for this household under this policy would be too large (too many stays, members or programmes); enter fewer stays or split the household
errors-too_many = more than { $limit } problems; the rest are not listed
internal = internal error in the calculator; please report it
messages-lang = invalid language code (such as zh-CN, en, mn)
messages-syntax = message catalogue, line { $line }: { $detail }

## Printed sheet and tables

sheet-per_year = Per year
sheet-once = Once

## Errors of calls into the calculator (WebAssembly)

input-household = household
input-pack = policy pack
input-messages = message catalogue
input-incomes = list of incomes
input-none = no { $what } was given
input-not_json = the { $what } must be an object or JSON text that JSON can represent
engine-busy = the calculator is busy; call it again once the current call has returned
