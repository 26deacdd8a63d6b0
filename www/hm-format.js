// Input as people write it, and amounts as people read them. The same words the roster reader
// accepts (src/roster/columns.rs: money, whole), plus full-width characters typed on a Chinese
// keyboard: "9600元", "9,600", "¥9,600.00", "９６００", "70岁", "二级". What is not understood is
// passed on as typed, for the engine to report with its path.

/** Full-width ASCII (０-９, ，．, letters) and the ideographic space as plain ASCII; "。" as ".". */
export function toAscii(raw) {
  return String(raw ?? "")
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/\u3000/g, " ")
    .replace(/。/g, ".");
}

/** Money: "9,600.00元" → "9600.00"; thousands separators, ¥/￥, spaces and a trailing 元 dropped. */
export function parseMoney(raw) {
  return toAscii(raw).replace(/\s+/g, "").replace(/元$/, "").replace(/[,¥￥]/g, "");
}

const GRADES = { 一: 1, 壹: 1, 二: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4 };

/**
 * A whole number (age, grade): "70岁", "70 周岁", "二级" → a number; anything else as typed (the
 * engine then says what is wrong with it, e.g. "4.5" or "-1").
 */
export function parseWhole(raw) {
  const s = toAscii(raw).replace(/\s+/g, "");
  if (s === "") return "";
  const digits = s.replace(/(周岁|岁|级)$/, "");
  if (/^\d+$/.test(digits)) return Number(digits);
  const grade = GRADES[s.replace(/^残疾/, "").replace(/残疾$/, "").replace(/级$/, "")];
  if (grade) return grade;
  return /^-?\d+(\.\d+)?$/.test(digits) ? Number(digits) : s;
}

/** "10000.00" → "10,000.00", on the string (no float). */
export function groupDigits(amount) {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(amount));
  if (!m) return String(amount);
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (m[3] || "");
}

/** An amount string ("1490.00") as whole fen (149000), exactly; NaN when it is not one. */
export function toFen(amount) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount ?? ""));
  if (!m) return NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] || "").padEnd(2, "0"));
  return m[1] ? -fen : fen;
}

/** Whole fen as an amount string with two decimals: 149000 → "1490.00". */
export function fromFen(fen) {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** An amount to be spoken: "1490.00" → "1490", "12.50" → "12.5" (no separators, no trailing zeros). */
export function spokenAmount(amount) {
  return String(amount).replace(/\.00$/, "").replace(/(\.\d)0$/, "$1");
}

/** Today as YYYY-MM-DD, local time. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
