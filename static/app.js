/* bonsclics — the only script of the app, and optional: every page works without it.
   It loads htmx once the page has shown (on a slow link htmx would otherwise share the
   bandwidth with the stylesheet and delay the first words), and makes Listen buttons
   speak with the browser's own voice when it has one for the page's language (nothing
   downloaded); otherwise the <audio> clip made by the server stays. */
(function () {
  "use strict";
  var htmxSource = document.currentScript && document.currentScript.getAttribute("data-htmx");
  if (!htmxSource) return;
  window.addEventListener("load", function () {
    var script = document.createElement("script");
    script.src = htmxSource;
    document.head.appendChild(script);
  });
})();

(function () {
  "use strict";
  if (!("speechSynthesis" in window)) return;
  var synth = window.speechSynthesis;

  function voiceFor(lang) {
    var base = lang.split("-")[0].toLowerCase();
    return synth.getVoices().filter(function (v) {
      return v.lang && v.lang.toLowerCase().split(/[-_]/)[0] === base;
    })[0];
  }

  function spokenText(box) {
    var target = document.getElementById(box.getAttribute("data-for"));
    if (!target) return "";
    var copy = target.cloneNode(true);
    copy.querySelectorAll(".listen, .visually-hidden, audio, script").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function enhance(box) {
    if (box.getAttribute("data-enhanced")) return;
    var lang = box.getAttribute("data-lang");
    var voice = voiceFor(lang);
    if (!voice) return;
    box.setAttribute("data-enhanced", "1");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary listen__button";
    button.textContent = box.getAttribute("data-label");
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        return;
      }
      var utterance = new SpeechSynthesisUtterance(spokenText(box));
      utterance.lang = lang;
      utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = function () {
        button.textContent = box.getAttribute("data-label");
        button.setAttribute("aria-pressed", "false");
      };
      button.textContent = box.getAttribute("data-stop");
      button.setAttribute("aria-pressed", "true");
      synth.speak(utterance);
    });
    box.querySelectorAll("audio, .listen__label, .listen__none").forEach(function (n) { n.hidden = true; });
    box.appendChild(button);
  }

  function enhanceAll() {
    document.querySelectorAll(".listen[data-for]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", enhanceAll);
  synth.addEventListener("voiceschanged", enhanceAll);
  document.addEventListener("htmx:afterSettle", enhanceAll);
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
