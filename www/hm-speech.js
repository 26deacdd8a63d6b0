// Read aloud: the summary and each card's amount and next step, spoken by the device's own speech
// synthesis in the page's language. The button exists only where the device has a voice for that
// language (voices often arrive late: `voiceschanged`); nothing is sent anywhere.
import { h } from "./hm-dom.js";

const synth = () => (typeof window !== "undefined" && "speechSynthesis" in window ? window.speechSynthesis : null);

/** A voice for `lang` ("zh-CN" or "en"), or null. */
export function voiceFor(lang) {
  const s = synth();
  if (!s) return null;
  const want = lang === "en" ? "en" : "zh";
  const voices = s.getVoices() || [];
  const norm = (x) => String(x.lang || "").replace("_", "-").toLowerCase();
  return voices.find((x) => norm(x) === (lang === "en" ? "en-us" : "zh-cn")) ||
    voices.find((x) => norm(x).split("-")[0] === want) || null;
}

/**
 * A read-aloud button: `items()` gives the texts to speak; `lang()` the page's language. The
 * button hides itself when there is no voice, and shows when one arrives.
 */
export function readAloudButton({ t, lang, items }) {
  const button = h("button", { type: "button", class: "tool read-aloud", part: "button", hidden: true, "aria-pressed": "false" });
  let speaking = false;
  const label = () => { button.textContent = speaking ? t("readStop") : t("readAloud"); };
  const stop = () => {
    speaking = false;
    button.setAttribute("aria-pressed", "false");
    label();
  };
  const update = () => {
    button.hidden = !voiceFor(lang());
    label();
  };
  button.addEventListener("click", () => {
    const s = synth();
    if (!s) return;
    s.cancel();
    if (speaking) { stop(); return; }
    const voice = voiceFor(lang());
    if (!voice) { update(); return; }
    const texts = items().filter(Boolean);
    speaking = true;
    button.setAttribute("aria-pressed", "true");
    label();
    texts.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang() === "en" ? "en" : "zh-CN";
      u.voice = voice;
      if (i === texts.length - 1) { u.onend = stop; u.onerror = stop; }
      s.speak(u);
    });
  });
  const s = synth();
  s?.addEventListener?.("voiceschanged", update);
  update();
  return { button, update, stop: () => { synth()?.cancel(); stop(); } };
}
