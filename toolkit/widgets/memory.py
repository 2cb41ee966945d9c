"""Browser-side helpers of the frame: remember the group, and warn when the kernel is gone.

One invisible anywidget does two small jobs in the participant's browser:

- it keeps the last group picked (``localStorage``, per workshop folder), so a reload
  or a new day opens the same group;
- it checks every 2 s that the kernel still answers. After a kernel restart or
  crash the old forms stay on screen but nothing typed there can be saved; when the
  kernel has not answered for ``timeout_ms`` it covers the step with a plain
  message saying so and what to do, and removes it as soon as the kernel answers.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..i18n import N_, gettext

__all__ = ["GroupMemory", "OFFLINE_MESSAGE"]

OFFLINE_MESSAGE = N_(
    "The connection to the kernel is lost (or it is very busy): what you type now is NOT "
    "saved. If this message does not go away in a few seconds, choose Jalankan → "
    "Menjalakan Semua Sel (Run → Run All Cells)."
)

_ESM = """
function keyOf(model) { return "kemitraan-group:" + model.get("workshop"); }
function watchKernel(model, area) {
  // One watcher per page, never stopped: a kernel restart disposes this view (and
  // any timer it owned) while its forms stay on screen, so the check must outlive it.
  const watch = (window.__kemitraanWatch = window.__kemitraanWatch || { entries: [] });
  const entry = { area, last: Date.now(), dead: false, text: model.get("offline_text"),
                  timeout: model.get("timeout_ms"), banner: null };
  watch.entries.push(entry);
  if (!watch.timer) {
    watch.timer = setInterval(() => {
      watch.entries = watch.entries.filter((e) => e.area.isConnected);
      for (const e of watch.entries) {
        if (e.ping) { try { e.ping(); } catch (err) { e.dead = true; } }
        const lost = e.dead || Date.now() - e.last > e.timeout;
        if (lost && !e.banner) {
          e.banner = document.createElement("div");
          e.banner.className = "kemitraan-offline";
          const text = document.createElement("div");
          text.textContent = e.text;
          Object.assign(e.banner.style, {
            position: "absolute", inset: "0", zIndex: "20", padding: "2em",
            background: "rgba(255, 255, 255, 0.88)", color: "#b00020",
            fontSize: "1.25em", fontWeight: "bold", textAlign: "center",
          });
          Object.assign(text.style, { position: "sticky", top: "3em" });
          e.banner.appendChild(text);
          e.area.style.position = "relative";
          e.area.appendChild(e.banner);
        } else if (!lost && e.banner) {
          e.banner.remove();
          e.banner = null;
        }
      }
    }, 2000);
  }
  entry.ping = () => model.send({ ping: Date.now() });
  const onMsg = (msg) => { if (msg && msg.pong) { entry.last = Date.now(); } };
  const onText = () => { entry.text = model.get("offline_text"); };
  model.on("msg:custom", onMsg);
  model.on("change:offline_text", onText);
  return () => {
    // The view is gone (kernel restarted, or the output was replaced): from now on
    // nothing typed in this output area can be saved.
    entry.dead = true;
    entry.ping = null;
    model.off("msg:custom", onMsg);
    model.off("change:offline_text", onText);
  };
}
export default {
  initialize({ model }) {
    const saved = window.localStorage.getItem(keyOf(model));
    if (saved && !model.get("group_id")) {
      model.set("group_id", saved);
      model.save_changes();
    }
    model.on("change:group_id", () => {
      const value = model.get("group_id");
      if (value) { window.localStorage.setItem(keyOf(model), value); }
    });
  },
  render({ model, el }) {
    el.style.display = "none";
    // The view may be rendered before it is put on the page (seen on a busy laptop):
    // look for its output area until it is there, then start watching.
    let stop = null;
    let cancelled = false;
    const attach = () => {
      if (cancelled) { return; }
      const area = el.closest(".jp-OutputArea-output") || (el.isConnected && el.parentElement);
      if (area && area.isConnected) {
        stop = watchKernel(model, area);
      } else {
        setTimeout(attach, 250);
      }
    };
    attach();
    return () => { cancelled = true; if (stop) { stop(); } };
  },
};
"""


class GroupMemory(anywidget.AnyWidget):
    """Invisible widget: remembers the group in the browser and watches the kernel.

    Attributes
    ----------
    workshop : str
        Absolute path of the workshop folder (part of the storage key, so two
        workshops on one laptop do not mix).
    group_id : str
        The remembered group id ("" when none); set from the browser's
        ``localStorage`` when the widget starts, and written back when it changes.
    offline_text : str
        The warning shown over the step when the kernel does not answer.
    timeout_ms : int
        Milliseconds without an answer before the warning shows (default 10000).
    """

    _esm = _ESM
    workshop = traitlets.Unicode("").tag(sync=True)
    group_id = traitlets.Unicode("").tag(sync=True)
    offline_text = traitlets.Unicode("").tag(sync=True)
    timeout_ms = traitlets.Int(10_000).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("offline_text", gettext(OFFLINE_MESSAGE))
        super().__init__(**kwargs)
        self.on_msg(self._answer)

    def _answer(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """Answer the browser's ping, so it knows the kernel is alive."""
        if isinstance(content, dict) and "ping" in content:
            self.send({"pong": content["ping"]})
