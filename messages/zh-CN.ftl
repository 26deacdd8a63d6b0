# 惠民政策计算器 — 简体中文消息目录 (zh-CN)
#
# 每条消息的 id 是报告中的 code,把“.”换成“-”:dibao.should_apply → dibao-should_apply。
# 变量($amount 等)由计算器传入,已按本语言写好(金额到分、比例为百分数、身份和学段为下列名称)。
# 其他语言的目录缺少的消息按本目录显示。检查目录:huimin messages check 文件.ftl --lang 语言

## 通用

list-separator = {"、"}
list-none = 无
field-unnamed = 该项

## 家庭身份(status)

status-registered_poor = 建档立卡贫困户（未脱贫）
status-exited_poor = 已脱贫户（过渡期内）
status-dibao = 低保户
status-tekun = 特困供养
status-monitored = 防返贫监测对象
status-low_income_margin = 低保边缘家庭

## 学段(stage)

stage-preschool = 学前（幼儿园）
stage-primary = 小学
stage-junior_secondary = 初中
stage-senior_secondary = 普通高中
stage-secondary_vocational = 中职
stage-junior_college = 大专（专科）
stage-undergraduate = 本科
stage-postgraduate = 研究生

## 劳动能力、危房等级、治疗类别、发放周期

labor-full = 有劳动能力
labor-partial = 部分丧失劳动能力
labor-none = 无劳动能力
grade-A = A级
grade-B = B级
grade-C = C级危房
grade-D = D级危房
treatment-labor_recovery = 劳动能力恢复救治
treatment-general = 一般治疗
period-year = 每年
period-month = 每月
period-once = 一次性
when-always = 所有家庭
when-has_stay = 有住院
when-has_chronic = 有慢性病
when-has_student = 有在校学生
when-housing_c_or_d = 住房为C、D级危房
when-has_disability = 有残疾成员

## 领域、结果、可信度(页面与表格共用)

area-medical = 医疗
area-insurance = 参保资助
area-education = 教育
area-dibao = 低保衔接
area-housing = 住房
area-other = 其他
result-entitled = 可享受
result-apply = 可申请
result-needs_info = 需补充信息
result-not_eligible = 不符合条件
check-pass = 符合
check-fail = 需处理
check-needs_info = 需补充信息
confidence-V = 官方文件或官方转载
confidence-V2 = 仅见于二手或地方来源
confidence-D = 由相邻年份推算
confidence-R = 凭记忆,未找到来源
confidence-user = 用户填写
json-null = 空值
json-boolean = 是或否(true/false)
json-number = 数字
json-string = 文字
json-array = 列表
json-object = 对象
json-whole = 整数

## 家庭填写的项目(field)

field-region = 地区
field-asOf = 测算日期
field-id = 编号
field-name = 姓名
field-status = 家庭身份
field-annualNetIncome = 家庭年纯收入(全家合计)
field-incomes = 假设的家庭年纯收入
field-members = 家庭成员
field-age = 年龄
field-disability = 残疾等级
field-laborAbility = 劳动能力
field-insured = 参保情况
field-medical = 参加城乡居民医保
field-pension = 参加城乡居民养老保险
field-school = 就学情况
field-stage = 学段
field-freshman = 是否新生
field-boarding = 是否寄宿
field-chronic = 慢性病
field-listed = 是否属于规定病种
field-selfPayInCatalog = 医保目录内自付费用
field-stays = 住院记录
field-inDistrict = 是否区(县)内住院
field-total = 住院总费用
field-covered = 政策范围内费用
field-insurancePaid = 住院结算单上的医保报销额
field-treatment = 治疗类别
field-housing = 住房
field-grade = 危房等级
field-overrides = 补充的本地数值
field-household = 户编号

## 适用范围与时间

programme-open_to_all = 本项目面向所有家庭。
programme-covers = 本项目面向:{ $covers };本户身份:{ $held }。
policy-not_yet = 该政策自{ $from }起施行,评估日期{ $as_of }在此之前
policy-ended = 该政策已于{ $until }结束
status-not_covered = 本项目面向{ $covers },本户不具备上述身份
status-ended = “{ $status }”这一身份已于{ $until }结束,请按本户实际情况改选:{ $instead }
status-not_yet = “{ $status }”这一身份自{ $from }起才有,测算日期在此之前,请改选其他身份

## 缺少的数值

input-missing = 缺少计算所需的数值
input-missing_parameter = 缺少“{ $parameter }”{ $local ->
    [yes] (本地数值,政策来源未给出)
   *[no] (现有政策文件未给出{ $year }年的数值)
    },请在“补充本地数据”中填写。
input-missing_field = 缺少“{ $field }”,请补充。

## 教育

education-no_student = 家中没有就读于{ $stages }的学生
education-studies = { $member }就读于{ $stage }{ $freshman ->
    [yes] (新生)
   *[no] {""}
    }{ $boarding ->
    [yes] (寄宿)
   *[no] {""}
    }。
education-not_freshman = 本项目只资助新生(入学当年一次性)
education-not_boarding = 本项目只补助寄宿生
education-boarding = 本项目补助非寄宿生(寄宿生另有寄宿生活补助)
education-share_of_rate = 标准{ $rate }元 × { $share } = { $amount }元(四舍五入到分)。
education-per_student = 每生{ $period }{ $amount }元。
education-apply_quota = 每年名额{ $places }名,须本人申请,经审核后发放。
education-apply = 须本人申请,经审核后发放。

## 参保资助与养老保险代缴

insurance-not_insured = 未参加城乡居民医疗保险,请先参保
insurance-premium = { $year }年度城乡居民医保个人缴费{ $premium }元/人。
insurance-paid_in_full = { $member }的个人缴费全额资助:{ $amount }元。
insurance-paid_share = 资助{ $share }:{ $premium } × { $share } = { $amount }元。
insurance-paid_fixed = 定额资助{ $fixed }元(不超过个人缴费{ $premium }元):{ $amount }元。
pension-of_age = { $member }{ $age }周岁,在缴费年龄{ $min_age }至{ $max_age }周岁之内。
pension-student = 在校学生不参加城乡居民养老保险
pension-not_insured = 未参加城乡居民养老保险,请先参保
pension-paid_capped = 政府代缴{ $amount }元(不超过最低缴费档次{ $cap }元):{ $paid }元/年。
pension-paid = 政府代缴{ $paid }元/年。
pension-no_member_of_age = 家中没有{ $min_age }至{ $max_age }周岁的成员

## 医疗

medical-no_chronic = 家中没有填写慢性病自付费用的成员
medical-chronic_spent = { $member }当年医保目录内自付{ $amount }元。
medical-chronic_not_listed = 所患慢性病不在规定病种之内
medical-below_threshold = 自付{ $amount }元未超过{ $threshold }元起点
medical-chronic_relief = 超出部分:{ $amount } − { $threshold } = { $excess }元;按{ $rate }救助:{ $excess } × { $rate } = { $relief }元(四舍五入到分)。
medical-chronic_cap = 每人每年最高{ $cap }元,按{ $cap }元。
medical-estimate_basic = 估算基本医保:({ $covered } − 起付线{ $deductible }) × { $ratio } = { $paid }元。
medical-estimate_basic_capped = 估算基本医保:({ $covered } − 起付线{ $deductible }) × { $ratio } = { $paid }元(封顶{ $cap }元)。
medical-estimate_critical = 估算大病保险:({ $covered } − { $basic } − 起付线{ $deductible }) × { $ratio } = { $paid }元。
medical-no_stay = 没有填写住院结算信息
medical-stay = { $member }第{ $stay }次住院{ $in_district ->
    [yes] (区内)
   *[no] {""}
    }:总费用{ $total }元,政策范围内{ $covered }元,医保报销{ $insurance }元。
medical-stay_estimated = { $member }第{ $stay }次住院{ $in_district ->
    [yes] (区内)
   *[no] {""}
    }:总费用{ $total }元,政策范围内{ $covered }元,医保报销估算{ $insurance }元。
medical-stay_unknown = { $member }第{ $stay }次住院{ $in_district ->
    [yes] (区内)
   *[no] {""}
    }:总费用{ $total }元,政策范围内{ $covered }元,医保报销额未知。
medical-enter_insurance_paid = 请按结算单填写医保报销金额(基本医保与大病保险合计)。
medical-deductible_reduced = 起付线由{ $deductible }元降低{ $reduction }至{ $reduced }元。
medical-deductible_more_paid = 医保多报销:{ $reduced } − { $full } = { $amount }元(结算时直接减免,已含在医保报销额中)。
medical-deductible_on_slip = 结算单上的医保报销额应已包含此项。
medical-assistance = 政策范围内自付:{ $covered } − { $insurance } = { $base }元;按{ $rate }救助:{ $amount }元。
medical-assistance_cap = 年度救助封顶{ $cap }元,本年已救助{ $so_far }元,本次按{ $amount }元。
medical-out_of_scope = 本次住院不在区(县)内,不适用本政策
medical-self_pay = 报销及救助后自付:{ $total } − { $insurance } = { $self_pay }元。
medical-self_pay_after = 报销及救助后自付:{ $total } − { $insurance } − { $earlier } = { $self_pay }元。
medical-ceiling = 个人自付不超过总费用的{ $share }:{ $total } × { $share } = { $limit }元。
medical-within_ceiling = 自付未超过上限,无需兜底。
medical-ceiling_relief = 超出部分兜底:{ $self_pay } − { $limit } = { $amount }元。
medical-zero_pay = 本次住院属于{ $treatment },个人零支付。
medical-zero_pay_relief = 剩余自付{ $amount }元全部减免。
medical-treatment_not_listed = 没有属于{ $treatments }的住院
medical-estimate = 部分住院的医保报销额为估算值,请以结算单为准

## 低保衔接

dibao-standard_monthly = 当地低保标准每人每月{ $monthly }元(每年{ $yearly }元),按月标准计算。
dibao-standard_yearly = 当地低保标准每人每年{ $yearly }元(约每月{ $monthly }元),按年标准计算。
dibao-income = 家庭年纯收入{ $income }元 ÷ { $people }人 = 每人每年{ $per_year }元,每月{ $per_month }元。
dibao-income_above_standard = 人均月收入{ $income }元不低于低保标准{ $standard }元
dibao-gap_monthly = 补差:{ $standard } × { $people }人 − 年收入{ $income } ÷ 12 = 每月{ $amount }元(四舍五入到分),每年{ $yearly }元。
dibao-gap_yearly = 补差:({ $standard } × { $people }人 − 年收入{ $income }) ÷ 12 = 每月{ $amount }元(四舍五入到分),每年{ $yearly }元。
dibao-may_apply = 本户尚未纳入低保,收入低于标准,可申请低保。
dibao-poverty_line = { $year }年扶贫标准(贫困线)每人每年{ $line }元。
dibao-standard_below_line = 低保标准低于扶贫标准,应提高到每人每年至少{ $line }元(约每月{ $monthly }元),实现两线合一。
dibao-standard_below_poverty_line = 当地低保标准(每年{ $standard }元)低于扶贫标准({ $line }元),应提高到{ $line }元
dibao-two_lines_one = 低保标准不低于扶贫标准,两线合一。
dibao-should_apply_step = 建档立卡户人均收入低于低保标准而未纳入低保:应保尽保,应申请低保。
dibao-should_apply = 人均年收入{ $income }元低于低保标准{ $standard }元,应申请低保(应保尽保)。请到乡镇(街道)提出申请,携带户口簿、身份证和收入证明。
dibao-review_step = 低保户人均收入已不低于低保标准,应复核。
dibao-review = 人均年收入{ $income }元已不低于低保标准{ $standard }元,低保待遇应复核
monitoring-line = 防返贫监测线:扶贫标准{ $line } × { $factor } = { $amount }元。
monitoring-below_line = 人均年收入{ $income }元低于防返贫监测线{ $line }元,应纳入监测
dibao-margin_line = 低保边缘线:低保标准{ $standard } × { $factor } = { $amount }元。
dibao-low_income_margin = 人均年收入{ $income }元在低保边缘线{ $line }元以下,可申请认定为低保边缘家庭
dibao-statuses_match = 身份与收入相符,无需调整。

## 住房与其他申请

housing-not_dangerous = 住房为{ $grade },不是C、D级危房
housing-no_grade = 未填写住房鉴定等级
housing-grade_not_covered = 本项目不含{ $grade }
housing-graded = 住房经鉴定为{ $grade }。
housing-grant = 补助{ $amount }元,须申请并经核验。
notice-condition = 不适用:须{ $condition }
notice-no_fixed_amount = 政策未规定统一金额,可向有关部门申请,按实际情况核定。

## 两不愁三保障

guarantee-food_clothing = 两不愁(吃、穿):请入户询问核实。
guarantee-education_ok = 义务教育有保障:{ $min_age }至{ $max_age }周岁的成员均在校。
guarantee-education_check = 义务教育:{ $members }处于义务教育年龄但未填写在校,请核实(控辍保学)。
guarantee-education = { $members }处于义务教育年龄但未在校
guarantee-education_no_ages = 义务教育:未给出义务教育年龄段,请入户核实适龄子女是否在校。
guarantee-medical_ok = 基本医疗有保障:全部成员已参加城乡居民医保。
guarantee-medical_check = 基本医疗:{ $members }未参保,应帮助参保。
guarantee-medical = { $members }未参加城乡居民医保
guarantee-housing_check = 住房安全:住房为{ $grade },应纳入危房改造。
guarantee-housing = 住房为{ $grade },住房安全未保障
guarantee-housing_ok = 住房安全有保障:住房为{ $grade }。
guarantee-housing_no_grade = 住房安全:未填写鉴定等级,请入户查看或申请鉴定。

## 报告的提示

parameter-low_confidence = “{ $parameter }”的数值{ $confidence },请以当地最新文件为准
parameter-unverified = “{ $parameter }”的数值未经核实(无来源),仅作示例
region-nearest_pack = 没有地区 { $region } 本级的政策包,按上级“{ $pack }”的政策计算
policy-stale = { $basis ->
    [reviewed] “{ $document }”政策包只核对到{ $date },测算日期在其后第{ $years }年,请向当地核实政策是否仍在执行
   *[document] 政策原文《{ $document }》({ $date })只说明当时的规定,距测算日期已{ $years }年,请向当地核实是否仍在执行
    }

## 输入错误

field-required = 请填写{ $field }
field-type = “{ $field }”应为{ $want },实为{ $found }
field-unknown = 未知项目“{ $name }”,请删除
list-too_long = “{ $field }”最多{ $max }项,实有{ $found }项
string-too_long = “{ $field }”文字过长(最多{ $max }字)
number-range = “{ $field }”须为{ $min }到{ $max }之间的整数
number-whole = “{ $field }”须为整数
money-invalid = “{ $field }”请填数字,如 9600 或 1500.50
money-negative = “{ $field }”不能为负数
money-precision = “{ $field }”{ $money ->
    [yes] 最多保留两位小数(到分)
   *[no] 小数位数过多
    }
money-too_large = “{ $field }”数额超过上限 100000000
money-overflow = 金额合计超出范围
rate-range = “{ $field }”是比例,须在0到1之间
enum-unknown = “{ $field }”没有“{ $got }”这一项,可选:{ $allowed }
input-too_large = 输入超过{ $limit }字节上限
json-syntax = 不是有效的JSON(第{ $line }行第{ $column }列)
region-format = 地区代码应为6位数字(GB/T 2260),如 150203
region-unknown = 没有地区 { $region } 的政策包;请选择已有政策包的地区,或先加载当地政策包
region-chain = 本地区政策包的上级链不完整
policy-not_in_force = 测算日期早于本地区最早的政策({ $from }起),请改为之后的日期
date-invalid = 测算日期应为有效日期,写作 年-月-日,如 2025-09-01
members-empty = 至少需要一名家庭成员
member-duplicate_id = 成员编号与第{ $first }位成员重复
member-id_empty = 成员编号不能为空
override-name = 补充数值的名称无效
override-unknown = 本地区政策中没有“{ $name }”这一数值
stay-covered_above_total = 政策范围内费用不能高于住院总费用
stay-insurance_above_covered = 医保报销额不能高于政策范围内费用
report-too_large = 按本地区政策,这户的计算结果过大(住院记录、成员或政策项目过多);请减少住院记录或分开计算
errors-too_many = 错误超过{ $limit }处,其余未列出
internal = 计算器内部错误,请报告此问题
messages-lang = 语言代码无效(如 zh-CN、en、mn)
messages-syntax = 消息目录第{ $line }行有误:{ $detail }

## 打印单与表格

sheet-per_year = 每年合计
sheet-once = 一次性合计

## 计算器调用的错误(WebAssembly)

input-household = 家庭信息
input-pack = 政策包
input-messages = 消息目录
input-incomes = 收入列表
input-none = 缺少{ $what }
input-not_json = { $what }须为对象或JSON文本
engine-busy = 计算器正忙,请稍后再试
