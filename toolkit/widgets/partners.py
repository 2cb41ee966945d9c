"""Step 3 "Peta mitra": the parties that could help the LKP, their links, the map, the analysis.

The step follows the module's *pihak yang terlibat dalam kemitraan* (Bab II C): the group
lists the parties around the institution (government offices, other LKP, community
figures, work centres, social organisations, business and industry), says what each could
offer, draws who is linked to whom and what flows along each link, and reads the map:
which needs are covered, the smallest set of partners, who can introduce the LKP to whom,
whether each relationship gives both ways, and which partnership pattern fits.

Every widget reads ``frame.session.group`` and writes each change through
:meth:`toolkit.session.GroupSession.change` (typing after a short pause, choices at
once). The map and the analysis are redrawn after saves that change the map, and only
when their tab is on screen.

Why ipysigma for the interactive map: it is maintained, works in JupyterLab 4 with
ipywidgets 8, draws with WebGL, and its ``selected_node`` trait can be observed from
Python, so a click on a node selects that party in the editor. ipycytoscape is
unmaintained since 2022 and pyvis is not a widget. The widget state is never relied on:
the map is rebuilt from the group's file, and a static matplotlib picture
(:func:`toolkit.charts.network_figure`) is shown under it for printing.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I E "Pola kemitraan" and
Bab II C "Yang terlibat dalam kemitraan".
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
import networkx as nx

from ..analysis import partners as analysis
from ..catalogue import get_catalogue
from ..charts import (
    CATEGORY_COLOURS,
    FLOW_COLOURS,
    LKP_COLOUR,
    QUADRANTS,
    figure_png,
    map_layout,
    network_figure,
    power_interest_figure,
)
from ..graph import build_graph
from ..i18n import N_, get_language, translate
from ..i18n import gettext as _
from ..model import LKP_NODE, Actor, Group, Link, clean_name, link_key, name_key, next_id
from ..session import GroupSession, Mutation, SaveEvent
from ..storage import Workshop
from .frame import Frame, close_tree

__all__ = [
    "PartnersView",
    "build_partners",
    "partners_app",
    "describe_map_tools",
    "link_direction",
    "direction_choice",
    "RELATIONSHIP_LABELS",
]

#: The tabs of the step, in order.
TABS: tuple[str, ...] = (N_("Parties"), N_("Relationships"), N_("Map"), N_("Analysis"))
ACTORS_TAB, LINKS_TAB, MAP_TAB, ANALYSIS_TAB = range(4)

#: Attribute of the frame that holds the current view (replaced on every build).
VIEW_ATTR = "partners_view"
_TAB_ATTR = "partners_tab_index"

#: How well the LKP knows a party (model value -> message id).
RELATIONSHIP_LABELS: dict[str, str] = {
    "belum_kenal": N_("not acquainted yet"),
    "kenal": N_("acquainted"),
    "pernah_kerja_sama": N_("worked together before"),
    "mitra_aktif": N_("active partner"),
}
STRENGTH_LABELS = {1: N_("1 - weak"), 2: N_("2 - medium"), 3: N_("3 - strong")}
STATUS_LABELS = {"existing": N_("already exists"), "potential": N_("potential")}
#: Direction choices shown when one end of the link is the LKP.
LKP_DIRECTIONS = {
    "to_lkp": N_("to the LKP"),
    "from_lkp": N_("from the LKP"),
    "both": N_("both ways"),
}
#: Direction choices for a link between two parties.
PAIR_DIRECTIONS = {
    "forward": N_("from 'From' to 'To'"),
    "backward": N_("from 'To' to 'From'"),
    "both": N_("both ways"),
}
MAP_HEIGHT = 450

_ERROR_STYLE = "color:#b00020"
_MSG_NAME_EMPTY = N_("Write the name of the party first.")
_MSG_NAME_TWICE = N_("A party with this name is already on the map.")
_MSG_NAME_INVISIBLE = N_("The name has no visible letters or digits; write the name of the party.")
_MSG_NAME_OWN = N_(
    "This is the name of your own institution, which is on the map already as the LKP; "
    "give the party its own name."
)
_MSG_LINK_TWICE = N_("This relationship already exists (same ends, same flow, same direction).")
_MSG_CONFIRM = N_("Click again to remove it; its relationships are removed too.")
_MSG_IN_PLAN = N_(
    "{name} is in the partnership plan; remove that partnership in step 4 (Plan) first."
)
_MSG_SAME_ENDS = N_("Choose two different ends for the relationship.")
_MSG_LINK_CONFIRM = N_("Click again to remove this relationship.")
_MSG_NO_ACTOR = N_("Add a party first: the form shows the party chosen in the list.")


# ----------------------------------------------------------------- helpers
def _show(message: w.HTML, error: str | None) -> None:
    """Show `error` next to its field (or clear the message when None)."""
    text = html.escape(error) if error else ""
    message.value = f'<span style="{_ERROR_STYLE}">⚠ {text}</span>' if error else ""


def _message() -> w.HTML:
    return w.HTML(layout=w.Layout(min_width="1em"))


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h4 style='margin:0.8em 0 0.2em'>{html.escape(text)}</h4>")


def _label(text: str, width: str = "11em") -> w.HTML:
    return w.HTML(f"<b>{html.escape(text)}</b>", layout=w.Layout(width=width))


def _options(labels: dict[Any, str]) -> list[tuple[str, Any]]:
    return [(_(label), key) for key, label in labels.items()]


def _category_options() -> list[tuple[str, str]]:
    return [(c.label.get(), c.id) for c in get_catalogue().partner_categories]


def _node_name(group: Group, node: str) -> str:
    if node == LKP_NODE:
        return _("Our institution (LKP)")
    try:
        return group.actor(node).name
    except KeyError:
        return node


def link_direction(source: str, target: str, choice: str) -> str:
    """Turn a direction chosen in the form into the model's link direction.

    Parameters
    ----------
    source, target : str
        The link's ends (actor ids or ``"lkp"``).
    choice : str
        ``"to_lkp"``, ``"from_lkp"`` (links with the LKP), ``"forward"``,
        ``"backward"`` (links between two parties) or ``"both"``.

    Returns
    -------
    {"forward", "backward", "both"}
        ``forward`` means from `source` to `target`.

    Examples
    --------
    >>> link_direction("actor-2", "lkp", "to_lkp"), link_direction("lkp", "actor-2", "to_lkp")
    ('forward', 'backward')
    """
    if choice in ("to_lkp", "from_lkp"):
        towards_target = (target == LKP_NODE) == (choice == "to_lkp")
        return "forward" if towards_target else "backward"
    return choice


def direction_choice(link: Link) -> str:
    """Return the form's direction choice for `link` (inverse of :func:`link_direction`)."""
    if link.direction == "both" or LKP_NODE not in (link.source, link.target):
        return link.direction
    to_target = link.direction == "forward"
    return "to_lkp" if to_target == (link.target == LKP_NODE) else "from_lkp"


def _direction_options(source: str, target: str) -> list[tuple[str, str]]:
    labels = LKP_DIRECTIONS if LKP_NODE in (source, target) else PAIR_DIRECTIONS
    return _options(labels)


# ------------------------------------------------------------------ the view
class PartnersView:
    """The widgets of step 3 for one group, kept on the frame as ``frame.partners_view``.

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame with an open session.

    Attributes
    ----------
    actor_list : ipywidgets.Select
        The parties; its value is the actor shown in :attr:`form`.
    form : dict of str to ipywidgets.Widget
        The actor form by :class:`toolkit.model.Actor` field name (``offers_flows``
        is a dict of checkboxes by flow id).
    link_form : dict of str to ipywidgets.Widget
        New relationship: ``source``, ``target``, ``flow``, ``direction``,
        ``strength``, ``status``.
    link_rows : dict of str to (ipywidgets.HBox, ipywidgets.Button)
        One row per link id, with its remove button.
    sigma : ipysigma.Sigma or None
        The interactive map (None until the map tab is shown).
    """

    def __init__(self, frame: Frame) -> None:
        assert frame.session is not None
        self.frame: Frame = frame
        self.session: GroupSession = frame.session
        self._filling = False
        self._counter = itertools.count(1)
        self._confirm: str | None = None
        self._signature: tuple | None = None
        self.stale = {MAP_TAB: True, ANALYSIS_TAB: True}
        self.sigma: Any = None
        self.form: dict[str, Any] = {}
        self.form_messages: dict[str, w.HTML] = {}
        self.link_form: dict[str, w.Widget] = {}
        self.link_rows: dict[str, tuple[w.HBox, w.Button]] = {}
        self._make_widgets()
        self.tabs = w.Tab()
        self.root = w.VBox()
        self.listener = frame.guard(self.on_saved)
        self._build()
        self.session.listeners.append(self.listener)

    @property
    def group(self) -> Group:
        """The group as the participant sees it."""
        return self.session.group

    def _make_widgets(self) -> None:
        self.actor_list = w.Select(rows=14, layout=w.Layout(width="24em"))
        self.actor_message = _message()
        self.new_name = w.Text(placeholder=_("name of the institution or role"))
        self.new_category = w.Dropdown(options=_category_options(), layout=w.Layout(width="20em"))
        self.add_button = w.Button(description=_("Add party"), icon="plus", button_style="primary")
        self.remove_button = w.Button(description=_("Remove"), icon="trash")
        self.quick_category = w.Dropdown(options=_category_options(), layout=w.Layout(width="20em"))
        self.quick_partner = w.Dropdown(layout=w.Layout(width="24em"))
        self.quick_button = w.Button(description=_("Add from the list"), icon="plus")
        self.links_box = w.VBox()
        self.links_note = w.HTML()
        self.link_search = w.Text(
            placeholder=_("Search relationships by name"),
            continuous_update=False,
            layout=w.Layout(width="26em"),
        )
        self.link_message = _message()
        self.add_link_button = w.Button(
            description=_("Add relationship"), icon="plus", button_style="primary"
        )
        self.map_count = w.HTML()
        self.map_count.add_class("kemitraan-map-count")
        self.map_legend = w.HTML(layout=w.Layout(width="18em", flex="0 0 18em"))
        self.map_box = w.Box(layout=w.Layout(flex="1 1 auto", min_height=f"{MAP_HEIGHT}px"))
        self.map_detail = w.HTML()
        self.edit_button = w.Button(description=_("Edit this party"), icon="pencil")
        self.map_image = w.Image(format="png", layout=w.Layout(max_width="1000px"))
        self.analysis_html = w.HTML()
        self.grid_image = w.Image(format="png", layout=w.Layout(max_width="1000px"))

    # ------------------------------------------------------------- building
    def _build(self) -> None:
        self.tabs.children = [
            _actors_section(self),
            _links_section(self),
            _map_section(self),
            _analysis_section(self),
        ]
        self.tabs.titles = tuple(_(t) for t in TABS)
        self.tabs.selected_index = getattr(self.frame, _TAB_ATTR, ACTORS_TAB)
        self.tabs.observe(self.frame.guard(self._on_tab), names="selected_index")
        intro = _(
            "List the parties that could help your institution, say what each could offer, "
            "draw who is linked to whom, then read the map and the analysis. "
            "Every change is saved at once."
        )
        self.root.children = [w.HTML(f"<p>{html.escape(intro)}</p>"), self.tabs]
        self.refresh_actor_list()
        self.refresh_links()
        self._refresh_visible()

    def detach(self) -> None:
        """Stop listening to saves and close the map widget (before the step is rebuilt)."""
        if self.listener in self.session.listeners:
            self.session.listeners.remove(self.listener)
        if self.sigma is not None:
            self.sigma.close()
            self.sigma = None
        _close_rows(self.link_rows.values())
        self.link_rows = {}

    def change(self, key: str, mutate: Mutation, message: w.HTML, *, immediate: bool) -> bool:
        """Send one edit to the session; show its problem next to the field."""
        error = self.session.change(key, mutate, immediate=immediate)
        _show(message, error)
        return error is None

    def next_key(self, what: str) -> str:
        """Return a key no other edit uses (for additions and removals)."""
        return f"{what}#{next(self._counter)}"

    # ------------------------------------------------------------ refreshing
    def signature(self) -> tuple:
        """Return what the map and the analysis read: actors, links, needs, language."""
        g = self.group
        return (
            get_language(),
            g.profile.name,
            tuple(a.model_dump_json() for a in g.actors),
            tuple(k.model_dump_json() for k in g.links),
            tuple((n.id, n.label, n.availability, n.importance, n.urgency) for n in g.needs),
        )

    def on_saved(self, event: SaveEvent) -> None:
        """After each save: mark the map stale if it changed and redraw what is shown."""
        if not event.ok:
            return
        if self.signature() != self._signature:
            self.stale = {MAP_TAB: True, ANALYSIS_TAB: True}
        self._refresh_visible()

    def _refresh_visible(self) -> None:
        tab = self.tabs.selected_index
        if tab in self.stale and self.stale[tab]:
            (self.refresh_map if tab == MAP_TAB else self.refresh_analysis)()

    def _on_tab(self, change: dict[str, Any]) -> None:
        setattr(self.frame, _TAB_ATTR, change["new"])
        self._refresh_visible()

    def refresh_map(self) -> None:
        """Rebuild the interactive map, its legend and count, and the static picture."""
        _fill_map(self)
        self._signature = self.signature()
        self.stale[MAP_TAB] = False

    def refresh_analysis(self) -> None:
        """Redraw the analysis panel and the power-interest grid."""
        self.analysis_html.value = analysis_html(self.group)
        self.grid_image.layout.display = None if self.group.actors else "none"
        if self.group.actors:
            self.grid_image.value = figure_png(power_interest_figure(self.group))
        self._signature = self.signature()
        self.stale[ANALYSIS_TAB] = False

    def refresh_actor_list(self, select: str | None = None) -> None:
        """Refill the list of parties (keeping or setting the chosen one) and the form."""
        current = select or self.actor_list.value
        ids = [a.id for a in self.group.actors]
        self._filling = True
        try:
            self.actor_list.options = [(a.name, a.id) for a in self.group.actors]
            self.actor_list.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self._filling = False
        _fill_form(self)

    def refresh_links(self) -> None:
        """Refill the ends of the link form and the list of relationships."""
        _fill_link_ends(self)
        _fill_link_rows(self)

    def select_actor(self, actor_id: str) -> None:
        """Show party `actor_id` in the editor (e.g. after a click on the map)."""
        if actor_id in [a.id for a in self.group.actors]:
            self.actor_list.value = actor_id


# ------------------------------------------------------------------- actors
def _actors_section(view: PartnersView) -> w.Widget:
    view.actor_list.observe(view.frame.guard(lambda _c: _on_pick_actor(view)), names="value")
    form = _actor_form(view)
    view.remove_button.on_click(view.frame.guard(lambda _b: _on_remove_actor(view)))
    left = w.VBox([_label(_("Parties on the map"), "20em"), view.actor_list])
    right = w.VBox([form, w.HBox([view.remove_button, view.actor_message])])
    return w.VBox([w.HBox([left, right]), _add_section(view)])


def _actor_form(view: PartnersView) -> w.VBox:
    f, lay = view.form, w.Layout(width="26em")
    f["name"] = w.Text(layout=lay)
    f["category"] = w.Dropdown(options=_category_options(), layout=lay)
    f["influence"] = w.Dropdown(options=list(range(1, 6)), layout=w.Layout(width="6em"))
    f["interest"] = w.Dropdown(options=list(range(1, 6)), layout=w.Layout(width="6em"))
    f["offers_needs"] = w.SelectMultiple(rows=6, layout=w.Layout(width="32em"))
    f["offers_flows"] = {
        e.id: w.Checkbox(description=e.label.get(), indent=False, layout=w.Layout(width="19em"))
        for e in get_catalogue().flows
    }
    f["relationship"] = w.Dropdown(options=_options(RELATIONSHIP_LABELS), layout=lay)
    f["contact_role"] = w.Text(layout=lay, placeholder=_("e.g. Kepala Seksi Pelatihan"))
    f["note"] = w.Textarea(rows=2, layout=lay)
    titles = {
        "name": N_("Name"),
        "category": N_("Category"),
        "influence": N_("Power / influence (1-5)"),
        "interest": N_("Interest / support (1-5)"),
        "offers_needs": N_("Can meet these needs"),
        "offers_flows": N_("Can provide"),
        "relationship": N_("How well we know them"),
        "contact_role": N_("Whom to approach (role)"),
        "note": N_("Note"),
    }
    lines = []
    for name, title in titles.items():
        message = view.form_messages[name] = _message()
        widget = f[name]
        if name == "offers_flows":
            for box in widget.values():
                box.observe(view.frame.guard(lambda _c: _on_flows(view)), names="value")
            widget = w.Box(
                list(widget.values()), layout=w.Layout(flex_flow="row wrap", width="40em")
            )
        else:
            handler = _on_actor_field(
                view, name, immediate=name not in ("name", "contact_role", "note")
            )
            widget.observe(view.frame.guard(handler), names="value")
        lines.append(w.HBox([_label(_(title), "13em"), widget, message]))
    return w.VBox(lines)


def _need_options(group: Group, actor: Actor | None) -> list[tuple[str, str]]:
    """Lacking needs (and any need the actor offers already), labelled for the list."""
    shown = [n for n in group.needs if n.lacking or (actor and n.id in actor.offers_needs)]
    aspects = {a.id: a.label.get() for a in get_catalogue().aspects}
    return [(f"{n.label} ({aspects.get(n.aspect, n.aspect)})", n.id) for n in shown]


def _fill_form(view: PartnersView) -> None:
    """Show the chosen actor in the form (no edit is sent while filling)."""
    actor = _chosen(view)
    f = view.form
    view._filling = True
    try:
        f["offers_needs"].options = _need_options(view.group, actor)
        for name in ("name", "category", "influence", "interest", "relationship",
                     "contact_role", "note"):  # fmt: skip
            if actor is not None:
                f[name].value = getattr(actor, name)
            f[name].disabled = actor is None
        f["offers_needs"].value = tuple(actor.offers_needs) if actor else ()
        f["offers_needs"].disabled = actor is None
        for flow, box in f["offers_flows"].items():
            box.value = bool(actor and flow in actor.offers_flows)
            box.disabled = actor is None
    finally:
        view._filling = False
    view.remove_button.disabled = actor is None
    _reset_confirm(view)
    for message in view.form_messages.values():
        _show(message, None)


def _chosen(view: PartnersView) -> Actor | None:
    if not view.actor_list.value:
        return None
    try:
        return view.group.actor(view.actor_list.value)
    except KeyError:
        return None


def _on_pick_actor(view: PartnersView) -> None:
    if not view._filling:
        _fill_form(view)


def _set_actor(actor_id: str, name: str, value: Any) -> Mutation:
    def mutate(group: Group) -> None:
        setattr(group.actor(actor_id), name, value)

    return mutate


def _on_actor_field(view: PartnersView, name: str, *, immediate: bool) -> Callable[[dict], None]:
    def handler(change: dict[str, Any]) -> None:
        actor = _chosen(view)
        if view._filling or actor is None:
            return
        value = change["new"]
        if name == "offers_needs":
            value = list(value)
        if name == "name":
            problem = _name_problem(view.group, value, actor.id)
            if problem is not None:
                _show(view.form_messages[name], problem)
                return
            value = clean_name(value)
        key = f"{actor.id}.{name}"
        ok = view.change(key, _set_actor(actor.id, name, value), view.form_messages[name],
                         immediate=immediate)  # fmt: skip
        if ok and name == "name":
            _relabel_actor(view, actor.id)

    return handler


def _other_names(group: Group, actor_id: str | None = None) -> set[str]:
    return {name_key(a.name) for a in group.actors if a.id != actor_id}


def _name_problem(group: Group, name: str, actor_id: str | None = None) -> str | None:
    """Say what is wrong with a party's name (None when it can be saved).

    Names are compared as the import compares them (:func:`toolkit.model.name_key`:
    Unicode form, case and blanks ignored) after cleaning with
    :func:`toolkit.model.clean_name`.
    """
    if not name.strip():
        return _(_MSG_NAME_EMPTY)
    try:
        key = name_key(clean_name(name))
    except ValueError:
        return _(_MSG_NAME_INVISIBLE)
    if key in {name_key(n) for n in (group.name, group.profile.name) if n}:
        return _(_MSG_NAME_OWN)
    if key in _other_names(group, actor_id):
        return _(_MSG_NAME_TWICE)
    return None


def _relabel_actor(view: PartnersView, actor_id: str) -> None:
    """Show a renamed actor's new name in the list and the link form."""
    view._filling = True
    try:
        view.actor_list.options = [(a.name, a.id) for a in view.group.actors]
        view.actor_list.value = actor_id
    finally:
        view._filling = False
    view.refresh_links()


def _on_flows(view: PartnersView) -> None:
    actor = _chosen(view)
    if view._filling or actor is None:
        return
    chosen = [flow for flow, box in view.form["offers_flows"].items() if box.value]
    view.change(f"{actor.id}.offers_flows", _set_actor(actor.id, "offers_flows", chosen),
                view.form_messages["offers_flows"], immediate=True)  # fmt: skip


def _add_section(view: PartnersView) -> w.VBox:
    view.add_button.on_click(view.frame.guard(lambda _b: _on_add_actor(view)))
    view.quick_category.observe(view.frame.guard(lambda _c: _fill_quick(view)), names="value")
    view.quick_button.on_click(view.frame.guard(lambda _b: _on_quick_add(view)))
    _fill_quick(view)
    view.new_name.layout.width = "24em"
    hint = _("Or take a typical partner of a category from the module's list:")
    return w.VBox(
        [
            _heading(_("New party")),
            w.HBox([view.new_name, view.new_category, view.add_button]),
            w.HTML(f"<small>{html.escape(hint)}</small>"),
            w.HBox([view.quick_category, view.quick_partner, view.quick_button]),
        ]
    )


def _fill_quick(view: PartnersView) -> None:
    entry = get_catalogue().get("partner_categories", view.quick_category.value)
    view.quick_partner.options = [(p.label.get(), p.id) for p in entry.typical_partners]


def _add_actor(view: PartnersView, name: str, category: str) -> bool:
    """Add a party named `name`; select it in the editor. Returns whether it was added."""
    problem = _name_problem(view.group, name)
    if problem is not None:
        _show(view.actor_message, problem)
        return False
    name = clean_name(name)
    new_id = next_id("actor", (a.id for a in view.group.actors))

    def mutate(g: Group) -> None:
        g.actors.append(Actor(id=next_id("actor", (a.id for a in g.actors)), name=name,
                              category=category))  # fmt: skip

    if not view.change(view.next_key("add-actor"), mutate, view.actor_message, immediate=True):
        return False
    view.refresh_actor_list(select=new_id)
    view.refresh_links()
    return True


def _on_add_actor(view: PartnersView) -> None:
    if _add_actor(view, view.new_name.value, view.new_category.value):
        view.new_name.value = ""


def _on_quick_add(view: PartnersView) -> None:
    category = view.quick_category.value
    entry = get_catalogue().get("partner_categories", category)
    partner = next(p for p in entry.typical_partners if p.id == view.quick_partner.value)
    _add_actor(view, partner.label.get(), category)


def _reset_confirm(view: PartnersView) -> None:
    view._confirm = None
    view.remove_button.description, view.remove_button.button_style = _("Remove"), ""


def _on_remove_actor(view: PartnersView) -> None:
    actor = _chosen(view)
    if actor is None:
        _show(view.actor_message, _(_MSG_NO_ACTOR))
        return
    if any(p.actor_id == actor.id for p in view.group.plan.partnerships):
        _show(view.actor_message, _(_MSG_IN_PLAN).format(name=actor.name))
        return
    if view._confirm != actor.id:
        view._confirm = actor.id
        view.remove_button.description = _("Yes, remove")
        view.remove_button.button_style = "danger"
        _show(view.actor_message, _(_MSG_CONFIRM))
        return
    actor_id = actor.id

    def mutate(g: Group) -> None:
        g.actor(actor_id)  # KeyError when it is gone already
        g.links = [k for k in g.links if actor_id not in (k.source, k.target)]
        g.actors = [a for a in g.actors if a.id != actor_id]

    if view.change(view.next_key(f"remove.{actor_id}"), mutate, view.actor_message,
                   immediate=True):  # fmt: skip
        view.refresh_actor_list()
        view.refresh_links()


# -------------------------------------------------------------------- links
def _links_section(view: PartnersView) -> w.VBox:
    cat, lf = get_catalogue(), view.link_form
    lf["source"] = w.Dropdown(layout=w.Layout(width="26em"))
    lf["target"] = w.Dropdown(layout=w.Layout(width="26em"))
    lf["flow"] = w.Dropdown(options=[(e.label.get(), e.id) for e in cat.flows])
    lf["direction"] = w.Dropdown()
    lf["strength"] = w.Dropdown(options=_options(STRENGTH_LABELS), value=2)
    lf["status"] = w.Dropdown(options=_options(STATUS_LABELS), value="existing")
    for end in ("source", "target"):
        lf[end].observe(view.frame.guard(lambda _c: _fill_directions(view)), names="value")
    view.add_link_button.on_click(view.frame.guard(lambda _b: _on_add_link(view)))
    view.link_search.observe(view.frame.guard(lambda _c: _fill_link_rows(view)), names="value")
    titles = {
        "source": N_("From"),
        "target": N_("To"),
        "flow": N_("What flows"),
        "direction": N_("Direction"),
        "strength": N_("Strength"),
        "status": N_("Status"),
    }
    rows = [w.HBox([_label(_(t)), lf[k]]) for k, t in titles.items()]
    explain = _(
        "Direction says who gives: 'to the LKP' means the party gives to our institution, "
        "'from the LKP' means our institution gives to the party, 'both ways' means both give."
    )
    return w.VBox(
        [
            w.HTML(f"<p><small>{html.escape(explain)}</small></p>"),
            *rows,
            w.HBox([view.add_link_button, view.link_message]),
            _heading(_("Relationships")),
            view.link_search,
            view.links_note,
            view.links_box,
        ]
    )


def _fill_link_ends(view: PartnersView) -> None:
    nodes = [(_("Our institution (LKP)"), LKP_NODE)]
    nodes += [(a.name, a.id) for a in view.group.actors]
    ids = [n for _l, n in nodes]
    for end, default in (("source", LKP_NODE), ("target", ids[1] if len(ids) > 1 else LKP_NODE)):
        box = view.link_form[end]
        current = box.value if box.value in ids else default
        box.options = nodes
        box.value = current
    _fill_directions(view)


def _fill_directions(view: PartnersView) -> None:
    lf = view.link_form
    options = _direction_options(lf["source"].value or "", lf["target"].value or "")
    current = lf["direction"].value
    lf["direction"].options = options
    values = [v for _l, v in options]
    lf["direction"].value = current if current in values else values[0]


def _link_text(link: Link, names: dict[str, str]) -> str:
    """One relationship as HTML; `names` maps every node id (the LKP too) to its name."""
    cat = get_catalogue()
    choice = direction_choice(link)
    source, target = names.get(link.source, link.source), names.get(link.target, link.target)
    ends = f"<b>{html.escape(source)}</b> — <b>{html.escape(target)}</b>"
    if LKP_NODE in (link.source, link.target):
        direction = [html.escape(_(LKP_DIRECTIONS[choice]))]
    else:  # two parties: an arrow shows who gives ("from 'From' to 'To'" fits the form only)
        arrow = {"forward": "→", "backward": "←"}.get(link.direction, "↔")
        ends, direction = f"<b>{html.escape(source)}</b> {arrow} <b>{html.escape(target)}</b>", []
    parts = [
        ends,
        html.escape(cat.label("flows", link.flow)),
        *direction,
        html.escape(_(STRENGTH_LABELS[link.strength])),
        html.escape(_(STATUS_LABELS[link.status])),
    ]
    return " · ".join(parts)


#: Relationship rows shown at once; a larger map shows the newest ones and a search box.
LINK_ROWS_SHOWN = 100


def _close_rows(rows) -> None:
    for box, _button in list(rows):
        close_tree(box)  # the row, its text and button, their layouts and styles


def _fill_link_rows(view: PartnersView) -> None:
    """Show the group's relationships, reusing the rows that did not change.

    Rows of relationships no longer shown are closed (their widgets freed), so adding
    or removing one relationship touches one row, not all of them. With more than
    :data:`LINK_ROWS_SHOWN` relationships only the newest ones matching the search box
    are shown, with a line saying so.
    """
    group = view.group
    names = {a.id: a.name for a in group.actors}
    names[LKP_NODE] = _node_name(group, LKP_NODE)
    query = " ".join(view.link_search.value.split()).casefold()
    links = group.links
    if query:  # the names of the two ends only (names are cleaned when saved)
        links = [
            k for k in links
            if query in names.get(k.source, k.source).casefold()
            or query in names.get(k.target, k.target).casefold()
        ]  # fmt: skip
    texts = [(link.id, _link_text(link, names)) for link in links]
    shown = texts[-LINK_ROWS_SHOWN:]
    old, view.link_rows = view.link_rows, {}
    for link_id, text in shown:
        row = old.pop(link_id, None)
        if row is not None and row[0].children[0].value == text:  # unchanged: kept
            if row[1].button_style == "danger":  # an armed Remove: back to normal
                row[1].description, row[1].button_style = _("Remove"), ""
                _show(view.link_message, None)
        else:
            if row is not None:
                old[link_id] = row  # changed: closed below
            button = w.Button(description=_("Remove"), icon="trash", layout=w.Layout(width="9em"))
            button.on_click(view.frame.guard(lambda _b, lid=link_id: _on_remove_link(view, lid)))
            row = (w.HBox([w.HTML(text, layout=w.Layout(width="52em")), button]), button)
        view.link_rows[link_id] = row
    if any(button.button_style == "danger" for _box, button in old.values()):
        _show(view.link_message, None)  # its "click again" went with the row
    _close_rows(old.values())
    many = len(group.links) > LINK_ROWS_SHOWN
    # The box stays while a search is on, even when removals bring the list under the limit.
    view.link_search.layout.display = None if many or query else "none"
    note = ""
    if query and shown:
        note = _("{shown} of the {matches} relationships that match the search are shown "
                 "(the newest); {total} in all.").format(
            shown=len(shown), matches=len(texts), total=len(group.links))  # fmt: skip
    elif many:
        note = _("Showing {shown} of {total} relationships (the newest); type a name to find "
                 "others.").format(shown=len(shown), total=len(group.links))  # fmt: skip
    if not group.links:
        note = _("No relationships yet: choose both ends above and add one.")
    elif not shown:
        note = _("No relationship matches the search.")
    view.links_note.value = f"<i>{html.escape(note)}</i>" if note else ""
    view.links_box.children = [row for row, _b in view.link_rows.values()]


def _on_add_link(view: PartnersView) -> None:
    lf = view.link_form
    source, target = lf["source"].value, lf["target"].value
    if source == target:
        _show(view.link_message, _(_MSG_SAME_ENDS))
        return
    direction = link_direction(source, target, lf["direction"].value)
    values = {"flow": lf["flow"].value, "strength": lf["strength"].value,
              "status": lf["status"].value}  # fmt: skip
    key = link_key(source, target, values["flow"], direction)

    def known(g: Group) -> bool:
        return any(link_key(k.source, k.target, k.flow, k.direction) == key for k in g.links)

    if known(view.group):
        _show(view.link_message, _(_MSG_LINK_TWICE))
        return

    def mutate(g: Group) -> None:
        if known(g):
            raise ValueError(_(_MSG_LINK_TWICE))
        new_id = next_id("link", (k.id for k in g.links))
        g.links.append(Link(id=new_id, source=source, target=target, direction=direction,
                            **values))  # fmt: skip

    if view.change(view.next_key("add-link"), mutate, view.link_message, immediate=True):
        _fill_link_rows(view)


def _on_remove_link(view: PartnersView, link_id: str) -> None:
    row = view.link_rows.get(link_id)
    if row is None:
        return
    button = row[1]
    if button.button_style != "danger":
        button.description, button.button_style = _("Yes, remove"), "danger"
        _show(view.link_message, _(_MSG_LINK_CONFIRM))
        return

    def mutate(g: Group) -> None:
        if link_id not in [k.id for k in g.links]:
            raise KeyError(link_id)
        g.links = [k for k in g.links if k.id != link_id]

    if view.change(view.next_key(f"remove.{link_id}"), mutate, view.link_message,
                   immediate=True):  # fmt: skip
        _fill_link_rows(view)


# ---------------------------------------------------------------------- map
def _map_section(view: PartnersView) -> w.VBox:
    view.edit_button.on_click(view.frame.guard(lambda _b: _on_edit(view)))
    view.edit_button.layout.display = "none"
    hint = _(
        "Drag to move, scroll to zoom, click a party to see it. Colour = category, "
        "size = influence, line colour = what flows."
    )
    side = w.VBox(
        [view.map_legend, view.map_detail, view.edit_button], layout=w.Layout(flex="0 0 18em")
    )
    picture = _("The same map as a picture, for printing:")
    return w.VBox(
        [
            w.HTML(f"<p><small>{html.escape(hint)}</small></p>"),
            view.map_count,
            w.HBox([view.map_box, side], layout=w.Layout(width="100%")),
            w.HTML(f"<p>{html.escape(picture)}</p>"),
            view.map_image,
        ]
    )


#: Nodes above which the interactive map names only the nodes sigma.js has room
#: for (all names at once cost seconds per frame) and shrinks the markers.
ALL_LABELS_LIMIT = 150


def sigma_graph(group: Group) -> nx.DiGraph:
    """Fold the group's map into a simple directed graph for the interactive view.

    Parameters
    ----------
    group : toolkit.model.Group
        The group.

    Returns
    -------
    networkx.DiGraph
        The LKP and every actor (attributes ``label``, ``color``, ``size``,
        ``category``); one edge per pair and direction of giving (a two-way link gives
        two edges), the strongest link kept, with ``color`` (its flow), ``size`` and
        ``label`` (the flows). Sizes are in pixels: 14 for the LKP, 4 + 2 x influence
        for an actor, shrunk by sqrt(150 / nodes) (at least a quarter) on a map of
        more than 150 nodes so that a large map's markers do not cover each other.
    """
    G = build_graph(group)
    D = nx.DiGraph()
    shrink = max(0.25, min(1.0, ALL_LABELS_LIMIT / max(1, len(G))) ** 0.5)
    cats = {c.id: c.label.get() for c in get_catalogue().partner_categories}
    for node, data in G.nodes(data=True):
        if data.get("kind") == "lkp":
            colour, size, category = LKP_COLOUR, 14, _("Our institution (LKP)")
        else:
            category = cats.get(data.get("category"), "")
            colour = CATEGORY_COLOURS.get(data.get("category"), "#999999")
            size = round((4 + 2 * int(data.get("influence") or 3)) * shrink, 1)
        D.add_node(
            node,
            label=_short(str(data.get("label", node)), 26),
            color=colour,
            size=size,
            category=category,
        )
    flows = {f.id: f.label.get() for f in get_catalogue().flows}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        d = data.get("direction")
        pairs = [(u, v)] if d == "forward" else [(v, u)] if d == "backward" else [(u, v), (v, u)]
        for a, b in pairs:
            old = D.edges[a, b] if D.has_edge(a, b) else None
            label = flows.get(data.get("flow"), data.get("flow"))
            if old is not None and label not in old["label"]:
                label = f"{old['label']}, {label}"
            if old is None or (data.get("strength") or 1) >= old["strength"]:
                D.add_edge(a, b, color=FLOW_COLOURS.get(data.get("flow"), "#bbb"),
                           strength=data.get("strength") or 1, size=data.get("strength") or 1,
                           label=label)  # fmt: skip
            else:
                old["label"] = label
    return D


def _legend_html(group: Group) -> str:
    cat = get_catalogue()
    used = {a.category for a in group.actors}
    items = [(LKP_COLOUR, _("Our institution (LKP)"), "■")]
    items += [(CATEGORY_COLOURS[c.id], c.label.get(), "●") for c in cat.partner_categories
              if c.id in used]  # fmt: skip
    flows = {k.flow for k in group.links}
    lines = [(FLOW_COLOURS[f.id], f.label.get(), "━") for f in cat.flows if f.id in flows]

    def row(colour: str, text: str, mark: str) -> str:
        return (f"<div><span style='color:{colour};font-size:1.2em'>{mark}</span> "
                f"{html.escape(text)}</div>")  # fmt: skip

    title, flows_title = _("Partner category"), _("What flows")
    parts = [f"<b>{html.escape(title)}</b>", *(row(*i) for i in items)]
    if lines:
        parts += [f"<b>{html.escape(flows_title)}</b>", *(row(*i) for i in lines)]
    return "<div style='font-size:0.85em;line-height:1.35'>" + "".join(parts) + "</div>"


def _fill_map(view: PartnersView) -> None:
    group = view.group
    view.map_count.value = (
        f"<b data-parties='{len(group.actors)}'>"
        + html.escape(
            _("{n} parties · {m} relationships").format(n=len(group.actors), m=len(group.links))
        )  # fmt: skip
        + "</b>"
    )
    view.map_legend.value = _legend_html(group)
    if view.sigma is not None:
        view.sigma.close()
    view.sigma = _make_sigma(group)
    view.sigma.observe(view.frame.guard(lambda c: _on_node(view, c["new"])), names="selected_node")
    view.map_box.children = [view.sigma]
    view.map_image.value = figure_png(network_figure(group))


def _make_sigma(group: Group) -> Any:
    from ipysigma import Sigma

    D = sigma_graph(group)
    pos = map_layout(build_graph(group))
    layout = {n: {"x": float(x), "y": float(y)} for n, (x, y) in pos.items()}
    return Sigma(
        D,
        height=MAP_HEIGHT,
        layout=layout,
        raw_node_color="color",
        raw_node_size="size",
        raw_edge_color="color",
        raw_edge_size="size",
        default_edge_type="arrow",
        show_all_labels=len(D) <= ALL_LABELS_LIMIT,
        hide_search=True,
        hide_info_panel=True,
        start_layout=False,
    )


def _on_node(view: PartnersView, node: str | None) -> None:
    if not node or node == LKP_NODE:
        view.map_detail.value, view.edit_button.layout.display = "", "none"
        return
    try:
        actor = view.group.actor(node)
    except KeyError:
        return
    view.select_actor(node)
    cat = get_catalogue()
    rows = [
        f"<b>{html.escape(actor.name)}</b>",
        html.escape(cat.label("partner_categories", actor.category)),
        html.escape(_("Influence {i} · interest {j}").format(i=actor.influence, j=actor.interest)),
        html.escape(_(RELATIONSHIP_LABELS[actor.relationship])),
    ]
    view.map_detail.value = "<div style='margin-top:0.8em'>" + "<br>".join(rows) + "</div>"
    view.edit_button.layout.display = None


def _on_edit(view: PartnersView) -> None:
    view.tabs.selected_index = ACTORS_TAB


# ----------------------------------------------------------------- analysis
def _analysis_section(view: PartnersView) -> w.VBox:
    return w.VBox([view.analysis_html, view.grid_image])


_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left"


def _h(text: str) -> str:
    return f"<h4 style='margin:1em 0 0.3em'>{html.escape(text)}</h4>"


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def coverage_html(group: Group) -> str:
    """Render which party offers which lacking need as an HTML table (✓ per cell).

    Rows are the lacking needs in priority order, columns the parties; a need no
    party offers is highlighted. Returns a short hint when nothing is lacking or no
    party is listed.
    """
    df = analysis.coverage_matrix(group)
    if df.empty or not group.actors:
        hint = _("The table appears once the group has lacking needs and parties on the map.")
        return f"<p><i>{html.escape(hint)}</i></p>"
    uncovered = {n.id for n in analysis.uncovered_needs(group)}
    names = {a.id: a.name for a in group.actors}
    head = "".join(
        f"<th style='{_CELL};font-weight:normal;font-size:0.8em;max-width:8em' "
        f"title='{html.escape(names[c])}'>{html.escape(_short(names[c]))}</th>"
        for c in df.columns
    )
    body = []
    for need_id, row in df.iterrows():
        style = "background:#fde0dc" if need_id in uncovered else ""
        label = html.escape(group.need(need_id).label)
        if need_id in uncovered:
            label = f"⚠ {label}"
        cells = "".join(f"<td style='{_CELL};text-align:center'>{'✓' if v else ''}</td>"
                        for v in row.tolist())  # fmt: skip
        body.append(f"<tr style='{style}'><td style='{_CELL}'>{label}</td>{cells}</tr>")
    need = html.escape(_("Lacking need"))
    return (
        "<div style='overflow-x:auto'><table class='kemitraan-coverage' "
        f"style='border-collapse:collapse;font-size:0.85em'><tr><th style='{_CELL}'>{need}</th>"
        f"{head}</tr>{''.join(body)}</table></div>"
    )


def _list_html(items: list[str], empty: str) -> str:
    if not items:
        return f"<p><i>{html.escape(empty)}</i></p>"
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _cover_items(group: Group) -> list[str]:
    names = {a.id: a.name for a in group.actors}
    items = []
    for step in analysis.partner_cover(group):
        needs = ", ".join(group.need(n).label for n in step.needs)
        items.append(f"<b>{html.escape(names[step.actor_id])}</b>: {html.escape(needs)}")
    return items


def _reciprocity_items(group: Group) -> list[str]:
    cat, names = get_catalogue(), {a.id: a.name for a in group.actors}
    one_way = _("one way")
    items = []
    for r in analysis.reciprocity(group):
        gives = ", ".join(cat.label("flows", f) for f in r.lkp_gives) or "—"
        gets = ", ".join(cat.label("flows", f) for f in r.lkp_gets) or "—"
        text = _("{name}: the LKP gives {gives}; the LKP gets {gets}").format(
            name=names[r.actor_id], gives=gives, gets=gets
        )
        flag = f" <b style='{_ERROR_STYLE}'>⚠ {html.escape(one_way)}</b>" if r.one_way else ""
        items.append(html.escape(text) + flag)
    return items


def _pattern_items(group: Group) -> list[str]:
    cat, names = get_catalogue(), {a.id: a.name for a in group.actors}
    return [
        f"<b>{html.escape(names[aid])}</b> — {html.escape(cat.label('patterns', s.pattern))}: "
        f"{html.escape(s.reason)}"
        for aid, s in analysis.suggest_patterns(group).items()
    ]


def analysis_html(group: Group) -> str:
    """Render the analysis panel of step 3 as HTML (every value escaped).

    Parameters
    ----------
    group : toolkit.model.Group
        The group.

    Returns
    -------
    str
        Sections: messages about the map, the coverage table, the smallest set of
        partners, introductions (brokers), reciprocity with one-way relationships
        flagged, and the suggested pattern per party.
    """
    messages = [html.escape(m) for m in analysis.map_messages(group)]
    brokers = [html.escape(b.sentence) for b in analysis.brokers(group)]
    marks = _("⚠ marks a need no party on the map offers yet.")
    parts = [
        _h(_("What the map says")),
        _list_html(messages, _("Nothing to point out yet.")),
        _h(_("Which party can meet which need?")),
        f"<small>{html.escape(marks)}</small>",
        coverage_html(group),
        _h(_("The smallest set of partners that covers the needs")),
        _list_html(_cover_items(group), _("No party offers a lacking need yet.")),
        _h(_("Who can introduce us?")),
        _list_html(brokers, _("Nobody to introduce yet: every party is known or unreachable.")),
        _h(_("Does each relationship give both ways?")),
        _list_html(_reciprocity_items(group), _("No party is linked to the LKP yet.")),
        _h(_("Suggested partnership pattern")),
        _list_html(_pattern_items(group), _("Add parties to see a suggestion.")),
    ]
    return "<div class='kemitraan-analysis'>" + "".join(parts) + "</div>"


# ----------------------------------------------------------------- texts
_TOOLS_INTRO = N_(
    "The power-interest grid places each party by its power or influence (up) and its "
    "interest in our programme (right). Scores of 3 lie on the middle lines."
)
_TOOLS_PATTERNS = N_(
    "Suggested pattern: inti-plasma when a strong party (influence 4-5) gives two or more "
    "kinds of support one way; pola asuh when a strong party gives one way; futuristik when "
    "an equal party (influence up to 3, or another LKP) and the LKP both give; sesuai "
    "kebutuhan when a business or work centre takes graduates, or when a party meets one "
    "specific need; otherwise sesuai kebutuhan, to be reviewed later."
)


def describe_map_tools(lang: str | None = None) -> str:
    """Explain the power-interest quadrants and the pattern rules in plain words.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    str
        Several lines: the grid, one line per quadrant (strategy and advice), and the
        rules behind the suggested partnership pattern.
    """
    lang = lang or get_language()
    high, low = translate(N_("high"), lang), translate(N_("low"), lang)
    lines = [translate(_TOOLS_INTRO, lang)]
    for (power, interest), (title, advice) in QUADRANTS.items():
        where = translate(N_("power {p}, interest {i}"), lang).format(
            p=high if power else low, i=high if interest else low
        )
        lines.append(f"- {translate(title, lang)} ({where}): {translate(advice, lang)}")
    lines.append(translate(_TOOLS_PATTERNS, lang))
    return "\n".join(lines)


# ------------------------------------------------------------------ entry
def build_partners(frame: Frame) -> list[w.Widget]:
    """Build the widgets of step 3 for the frame's group (the frame's builder).

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame with an open session (``frame.session``).

    Returns
    -------
    list of ipywidgets.Widget
        One box: a short introduction and the tabs parties, relationships, map and
        analysis.

    Notes
    -----
    The view is kept as ``frame.partners_view``; building again first detaches the
    previous view's save listener and closes its map, so rebuilding never stacks
    listeners.
    """
    return [frame.replace_view(VIEW_ATTR, PartnersView).root]


def partners_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Frame:
    """Open step 3, *Peta mitra*, for one group of a workshop.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    **kw
        Passed to :class:`toolkit.widgets.Frame` (``delay``, ``timer``).

    Returns
    -------
    toolkit.widgets.Frame
        The frame; pick a group to show the step's forms.

    Raises
    ------
    toolkit.KemitraanError
        If the workshop cannot be opened.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II C, "Yang terlibat dalam kemitraan".
    """
    return Frame("peta_mitra", build_partners, workshop=workshop, **kw)
