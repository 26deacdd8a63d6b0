// A portal listening to the calculator's result event (the report is a plain object).
const calculator = document.querySelector("huimin-calculator");
const summary = document.getElementById("summary");
calculator.addEventListener("result", (event) => {
  const report = event.detail;
  const due = report.entitlements.filter((e) => e.status === "entitled").length;
  summary.textContent = `可享受 ${due} 项：每年合计 ${report.totals.perYear} 元，一次性合计 ${report.totals.once} 元。`;
});
