"""Remember the chosen group in the browser (localStorage), per workshop folder."""

from __future__ import annotations

import anywidget
import traitlets

__all__ = ["GroupMemory"]

_ESM = """
function keyOf(model) { return "kemitraan-group:" + model.get("workshop"); }
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
  render({ el }) { el.style.display = "none"; },
};
"""


class GroupMemory(anywidget.AnyWidget):
    """Invisible widget that keeps the last group picked in this browser.

    Attributes
    ----------
    workshop : str
        Absolute path of the workshop folder (part of the storage key, so two
        workshops on one laptop do not mix).
    group_id : str
        The remembered group id ("" when none); set from the browser's
        ``localStorage`` when the widget starts, and written back when it changes.
    """

    _esm = _ESM
    workshop = traitlets.Unicode("").tag(sync=True)
    group_id = traitlets.Unicode("").tag(sync=True)
