"""The facilitator's session timer: a large countdown the room can read on a projector.

The countdown runs in the browser (it keeps ticking while the kernel is busy or
restarting) and its state is kept in the browser's ``localStorage``, so a reload or a
closed tab does not lose the time left. Presets come from the workshop's agenda
(:mod:`toolkit.agenda`).
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..agenda import agenda
from ..i18n import N_
from ..i18n import translate as _translate

__all__ = ["SessionTimer", "session_timer", "TIMER_TEXTS"]

#: The timer's words (message ids), sent to the browser translated.
TIMER_TEXTS = {
    "start": N_("Start"),
    "pause": N_("Pause"),
    "reset": N_("Reset"),
    "plus": N_("+1 minute"),
    "minus": N_("−1 minute"),
    "preset": N_("Activity"),
    "done": N_("Time is up!"),
    "paused": N_("paused"),
    "running": N_("running"),
    "minutes": N_("min"),
}

_ESM = """
function fmt(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60), s = total % 60;
  return String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
}
export default {
  render({ model, el }) {
    const key = "kemitraan-timer:" + model.get("storage_key");
    const T = () => model.get("texts");
    let st = null;
    try { st = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { st = null; }
    if (!st || typeof st.durationMs !== "number") {
      st = { durationMs: model.get("minutes") * 60000, baseMs: model.get("minutes") * 60000,
             remainingMs: model.get("minutes") * 60000, endsAt: null, label: model.get("label") };
    }
    const save = () => window.localStorage.setItem(key, JSON.stringify(st));
    const left = () => (st.endsAt ? st.endsAt - Date.now() : st.remainingMs);

    el.classList.add("kemitraan-timer");
    el.innerHTML = "";
    const box = document.createElement("div");
    Object.assign(box.style, { border: "2px solid #0072b2", borderRadius: "10px",
      padding: "0.6em 1em", display: "inline-block", minWidth: "22em", textAlign: "center",
      background: "#f7fbff" });
    const label = document.createElement("div");
    Object.assign(label.style, { fontSize: "1.3em", fontWeight: "bold", color: "#0b3d66" });
    const clock = document.createElement("div");
    clock.className = "kemitraan-timer-clock";
    Object.assign(clock.style, { fontSize: "5em", fontWeight: "bold",
      fontVariantNumeric: "tabular-nums", lineHeight: "1.1", color: "#0b3d66" });
    const state = document.createElement("div");
    state.style.color = "#555";
    const select = document.createElement("select");
    select.style.margin = "0.4em";
    const buttons = document.createElement("div");
    const mk = (name, fn) => {
      const b = document.createElement("button");
      b.className = "jupyter-button kemitraan-timer-" + name;
      b.style.margin = "0.2em"; b.style.minWidth = "6em";
      b.addEventListener("click", () => { fn(); save(); draw(); });
      buttons.appendChild(b);
      return b;
    };
    const start = mk("start", () => { if (!st.endsAt && st.remainingMs > 0) {
      st.endsAt = Date.now() + st.remainingMs; } });
    const pause = mk("pause", () => { if (st.endsAt) {
      st.remainingMs = Math.max(0, st.endsAt - Date.now()); st.endsAt = null; } });
    const reset = mk("reset", () => { st.endsAt = null;
      st.durationMs = st.baseMs || st.durationMs; st.remainingMs = st.durationMs; });
    const plus = mk("plus", () => { if (st.endsAt) { st.endsAt += 60000; }
      else { st.remainingMs += 60000; } st.durationMs += 60000; });
    const minus = mk("minus", () => { if (st.endsAt) { st.endsAt -= 60000; }
      else { st.remainingMs = Math.max(0, st.remainingMs - 60000); }
      st.durationMs = Math.max(60000, st.durationMs - 60000); });
    select.addEventListener("change", () => {
      const p = model.get("presets")[Number(select.value)];
      if (!p) { return; }
      st = { durationMs: p[1] * 60000, baseMs: p[1] * 60000, remainingMs: p[1] * 60000,
             endsAt: null, label: p[0] };
      save(); draw();
    });
    box.append(label, clock, state, select, buttons);
    el.appendChild(box);

    const fill = () => {
      const t = T();
      start.textContent = t.start; pause.textContent = t.pause; reset.textContent = t.reset;
      plus.textContent = t.plus; minus.textContent = t.minus;
      select.innerHTML = "";
      const first = document.createElement("option");
      first.value = ""; first.textContent = t.preset + " …";
      select.appendChild(first);
      model.get("presets").forEach((p, i) => {
        const o = document.createElement("option");
        o.value = String(i); o.textContent = p[0] + " (" + p[1] + " " + t.minutes + ")";
        select.appendChild(o);
      });
    };
    const draw = () => {
      const ms = left();
      const t = T();
      label.textContent = st.label || "";
      clock.textContent = fmt(ms);
      const done = ms <= 0;
      clock.style.color = done ? "#b00020" : (ms < 60000 ? "#d55e00" : "#0b3d66");
      state.textContent = done ? t.done : (st.endsAt ? t.running : t.paused);
      state.style.fontWeight = done ? "bold" : "normal";
      state.style.color = done ? "#b00020" : "#555";
    };
    fill();
    draw();
    model.on("change:texts", () => { fill(); draw(); });
    model.on("change:presets", fill);
    // another tab (or a second view) of the same timer changed it: follow that change
    const onStorage = (e) => {
      if (e.key !== key || !e.newValue) { return; }
      try { st = JSON.parse(e.newValue); draw(); } catch (err) { /* keep ours */ }
    };
    window.addEventListener("storage", onStorage);
    const timer = setInterval(draw, 250);
    return () => { clearInterval(timer); window.removeEventListener("storage", onStorage); };
  },
};
"""


class SessionTimer(anywidget.AnyWidget):
    """A countdown with start, pause, reset and the agenda's activities as presets.

    Attributes
    ----------
    storage_key : str
        Key of the timer's state in the browser (the workshop folder), so two
        workshops on one laptop keep separate timers.
    minutes : int
        Starting duration when the browser has no saved state (1-600).
    label : str
        Activity shown above the countdown at first.
    presets : list of [str, int]
        (activity, minutes) offered in the activity list.
    texts : dict of str to str
        The buttons' and states' words, translated (:data:`TIMER_TEXTS`).
    """

    _esm = _ESM
    storage_key = traitlets.Unicode("").tag(sync=True)
    minutes = traitlets.Int(15, min=1, max=600).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    presets = traitlets.List().tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def translate(self, lang: str | None = None) -> None:
        """Refresh the words and presets in the current language (or `lang`)."""
        self.texts = {k: _translate(v, lang) for k, v in TIMER_TEXTS.items()}
        self.presets = [[name, minutes] for name, minutes in agenda(lang)]


def session_timer(storage_key: str = "", **kw: Any) -> SessionTimer:
    """Make the session timer, with the agenda's first activity ready to start.

    Parameters
    ----------
    storage_key : str, optional
        Where the browser keeps the timer's state (use the workshop folder).
    **kw
        Further :class:`SessionTimer` traits (``minutes``, ``label``).

    Returns
    -------
    SessionTimer
        The widget, with the words in the current language.
    """
    first_name, first_minutes = agenda()[0]
    kw.setdefault("minutes", first_minutes)
    kw.setdefault("label", first_name)
    timer = SessionTimer(storage_key=storage_key, **kw)
    timer.translate()
    return timer
