// The page around the calculator: page texts in the calculator's language, the service worker.
import "./huimin-calculator.js";

const TEXTS = {
  "zh-CN": {
    title: "惠民政策计算器",
    intro: "填写家庭情况，按所在地的扶贫和社会救助政策，算出可以享受的待遇、每一笔的计算过程和政策原文。",
    privacy: "所有计算都在您的设备上完成，不上传、不保存任何信息。首次打开后可离线使用。",
    embed: "在门户网站中嵌入本计算器",
    skip: "跳到计算器",
  },
  en: {
    title: "Household entitlement calculator",
    intro: "Describe the household to see what it is entitled to under the local poverty-alleviation and social-assistance policies, how each amount is worked out, and the policy text it rests on.",
    privacy: "Everything is computed on your device; nothing is uploaded or stored. Works offline after the first visit.",
    embed: "Embed this calculator in a portal",
    skip: "Skip to the calculator",
  },
};

const calculator = document.getElementById("calculator");

function applyLang(lang) {
  const key = lang && lang.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  document.documentElement.lang = key;
  document.title = TEXTS[key].title;
  for (const el of document.querySelectorAll("[data-page-i18n]")) {
    el.textContent = TEXTS[key][el.dataset.pageI18n];
  }
}

calculator.addEventListener("langchange", (e) => applyLang(e.detail.lang));
// 大字 enlarges the whole page, its header and footer too, not only the calculator.
calculator.addEventListener("largetext", (e) => document.documentElement.classList.toggle("large", e.detail.on));
// ?lang=en and ?region=150203 in the address open the calculator so.
const params = new URLSearchParams(location.search);
if (params.get("lang")) calculator.setAttribute("lang", params.get("lang"));
if (params.get("region")) calculator.setAttribute("region", params.get("region"));
applyLang(calculator.getAttribute("lang"));

// The service worker (offline use) is registered once the calculator is ready: its install
// downloads the page's files again, which on a weak connection or a slow phone would otherwise
// compete with the page's own first load.
// It waits further, for the first moment the page is idle after that: starting it at once took
// a tenth of a second or more from the page's first evaluation at a 4x CPU slowdown (BENCHMARKS.md).
if ("serviceWorker" in navigator) {
  const register = () => navigator.serviceWorker.register("sw.js").catch(() => {
    // Offline use is a convenience; the calculator works without it.
  });
  calculator.addEventListener("ready", () => {
    if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 1000);
  }, { once: true });
}
