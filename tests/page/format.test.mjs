// Input as people write it (www/hm-format.js), in Node: the words the roster reader accepts
// (src/roster/columns.rs: money, whole) and full-width characters from a Chinese keyboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromFen, parseMoney, parseWhole, spokenAmount, toFen } from "../../www/hm-format.js";

test("money as people write it", () => {
  assert.equal(parseMoney("9600"), "9600");
  assert.equal(parseMoney("9600元"), "9600");
  assert.equal(parseMoney("9,600"), "9600");
  assert.equal(parseMoney("9,600.00元"), "9600.00"); // the roster's own test case
  assert.equal(parseMoney("９６００"), "9600");
  assert.equal(parseMoney("９，６００．５０元"), "9600.50");
  assert.equal(parseMoney("¥9,600"), "9600");
  assert.equal(parseMoney("￥ 9 600"), "9600");
  assert.equal(parseMoney("9600。5"), "9600.5");
  // what is not an amount stays as typed, for the engine to refuse with its path
  assert.equal(parseMoney("12,3x"), "123x");
  assert.equal(parseMoney("一万"), "一万");
  assert.equal(parseMoney(""), "");
});

test("whole numbers as people write them", () => {
  assert.equal(parseWhole("70"), 70);
  assert.equal(parseWhole("70岁"), 70);
  assert.equal(parseWhole("７０岁"), 70);
  assert.equal(parseWhole("70 周岁"), 70);
  assert.equal(parseWhole("二级"), 2); // the roster's own test case
  assert.equal(parseWhole("残疾四级"), 4);
  assert.equal(parseWhole("4.5"), 4.5); // a number the engine refuses as an age
  assert.equal(parseWhole("-1"), -1);
  assert.equal(parseWhole("abc"), "abc");
  assert.equal(parseWhole(""), "");
});

test("amounts in fen, exactly, and as spoken", () => {
  assert.equal(toFen("1490.00"), 149000);
  assert.equal(toFen("12.5"), 1250);
  assert.equal(toFen("0.05"), 5);
  assert.ok(Number.isNaN(toFen("1,490.00")));
  assert.equal(fromFen(149000), "1490.00");
  assert.equal(fromFen(5), "0.05");
  assert.equal(fromFen(4320000), "43200.00");
  assert.equal(spokenAmount("1490.00"), "1490");
  assert.equal(spokenAmount("12.50"), "12.5");
  assert.equal(spokenAmount("0.05"), "0.05");
});
