"""Tests for toolkit.lab: overrides.json, the command line, and a real server in chromium."""

from __future__ import annotations

import io
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from toolkit import lab
from toolkit.lab import LAB_OVERRIDES, MENU_LABELS_ID, lab_command, lan_addresses, setup_lab

sys.path.insert(0, str(Path(__file__).parent))
from browser import (  # noqa: E402
    CHROMIUM_MISSING,
    REPO,
    LabServer,
    chromium_page,
    copy_notebooks,
    screenshot,
)

LANG_PACK_JSON = "jupyterlab_language_pack_id_ID/locale/id_ID/LC_MESSAGES/jupyterlab.json"


# --- setup_lab ---------------------------------------------------------------


def _read_overrides(prefix: Path) -> dict:
    path = prefix / "share/jupyter/lab/settings/overrides.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_setup_lab_writes_indonesian_locale(tmp_path):
    path = setup_lab(tmp_path)
    assert path == tmp_path / "share/jupyter/lab/settings/overrides.json"
    data = _read_overrides(tmp_path)
    assert data["@jupyterlab/translation-extension:plugin"] == {"locale": "id_ID"}
    notification = data["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    menus = data["@jupyterlab/mainmenu-extension:plugin"]["menus"]
    assert {m["id"]: m["label"] for m in menus} == MENU_LABELS_ID
    assert not list(path.parent.glob("*.tmp"))


def test_setup_lab_merges_existing_and_is_idempotent(tmp_path):
    path = tmp_path / "share/jupyter/lab/settings/overrides.json"
    path.parent.mkdir(parents=True)
    existing = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/translation-extension:plugin": {"displayStringsPrefix": True},
        "@jupyterlab/mainmenu-extension:plugin": {
            "menus": [{"id": "jp-mainmenu-extra", "label": "Ekstra"}]
        },
    }
    path.write_text(json.dumps(existing), encoding="utf-8")
    setup_lab(tmp_path)
    first = path.read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data["@jupyterlab/translation-extension:plugin"] == {
        "displayStringsPrefix": True,
        "locale": "id_ID",
    }
    menu_ids = [m["id"] for m in data["@jupyterlab/mainmenu-extension:plugin"]["menus"]]
    assert "jp-mainmenu-extra" in menu_ids and "jp-mainmenu-file" in menu_ids
    setup_lab(tmp_path)
    assert path.read_text(encoding="utf-8") == first


def test_setup_lab_refuses_broken_json(tmp_path):
    path = tmp_path / "share/jupyter/lab/settings/overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON"):
        setup_lab(tmp_path)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_notification_setting_names_exist_in_installed_schema():
    schemas = Path(sys.prefix) / "share/jupyter/lab/schemas/@jupyterlab"
    schema = json.loads((schemas / "apputils-extension/notification.json").read_text())
    for key in LAB_OVERRIDES["@jupyterlab/apputils-extension:notification"]:
        assert key in schema["properties"]
    translation = json.loads((schemas / "translation-extension/plugin.json").read_text())
    assert "locale" in translation["properties"]


# --- lab_command -------------------------------------------------------------


def _option(argv: list[str], name: str) -> str | None:
    values = [a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")]
    assert len(values) <= 1
    return values[0] if values else None


def test_lab_command_defaults(tmp_path):
    argv, env, token = lab_command(tmp_path / "nb", tmp_path / "ws", settings_dir=tmp_path / "s")
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--no-browser" in argv
    assert token and len(token) >= 24
    assert _option(argv, "IdentityProvider.token") == token
    assert _option(argv, "ServerApp.ip") == "127.0.0.1"
    assert _option(argv, "ServerApp.port") == "8888"
    assert _option(argv, "ServerApp.port_retries") == "20"
    assert _option(argv, "ServerApp.root_dir") == str((tmp_path / "nb").resolve())
    assert _option(argv, "ServerApp.allow_remote_access") is None
    assert env["KEMITRAAN_WORKSHOP"] == str((tmp_path / "ws").resolve())
    assert Path(env["KEMITRAAN_WORKSHOP"]).is_absolute()
    assert env["JUPYTERLAB_SETTINGS_DIR"].startswith(str((tmp_path / "s").resolve()))
    assert env["JUPYTERLAB_WORKSPACES_DIR"].startswith(str((tmp_path / "s").resolve()))


def test_lab_command_new_token_each_time(tmp_path):
    tokens = {lab_command(tmp_path, tmp_path, settings_dir=tmp_path)[2] for _ in range(3)}
    assert len(tokens) == 3


def test_lab_command_lan_and_given_token(tmp_path):
    argv, _, token = lab_command(
        tmp_path, tmp_path, port=9000, lan=True, token="rahasia", settings_dir=tmp_path
    )
    assert token == "rahasia"
    assert _option(argv, "IdentityProvider.token") == "rahasia"
    assert _option(argv, "ServerApp.ip") == "0.0.0.0"
    assert _option(argv, "ServerApp.port") == "9000"
    assert _option(argv, "ServerApp.allow_remote_access") == "True"


@pytest.mark.parametrize("token", ["", "   "])
def test_lab_command_refuses_empty_token(tmp_path, token):
    with pytest.raises(ValueError, match="token"):
        lab_command(tmp_path, tmp_path, token=token, settings_dir=tmp_path)


def test_lab_command_allow_root_only_as_root(tmp_path, monkeypatch):
    monkeypatch.setattr(lab.os, "geteuid", lambda: 0, raising=False)
    assert "--allow-root" in lab_command(tmp_path, tmp_path, settings_dir=tmp_path)[0]
    monkeypatch.setattr(lab.os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in lab_command(tmp_path, tmp_path, settings_dir=tmp_path)[0]


def test_lab_command_default_settings_under_repo(tmp_path):
    _, env, _ = lab_command(tmp_path, tmp_path)
    assert Path(env["JUPYTERLAB_SETTINGS_DIR"]).is_relative_to(REPO / ".jupyter")


# --- lan_addresses -----------------------------------------------------------


def test_lan_addresses_are_ipv4_without_loopback():
    addresses = lan_addresses()
    assert len(addresses) == len(set(addresses))
    for address in addresses:
        parts = address.split(".")
        assert len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts)
        assert not address.startswith("127.")


def test_fib_trie_parsing(tmp_path):
    trie = tmp_path / "fib_trie"
    trie.write_text(
        "Main:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 127.0.0.1\n        /32 host LOCAL\n"
        "     |-- 10.1.2.0\n        /24 link UNICAST\n"
        "     |-- 10.1.2.3\n        /32 host LOCAL\n"
        "     |-- 10.1.2.255\n        /32 link BROADCAST\n"
    )
    assert lab._fib_trie_addresses(trie) == ["127.0.0.1", "10.1.2.3"]


def test_print_urls_lan(monkeypatch):
    monkeypatch.setattr(lab, "lan_addresses", lambda: ["192.168.1.5", "10.0.0.7"])
    out = io.StringIO()
    lab._print_urls("http://127.0.0.1:8890/", "tok", True, "en", out)
    text = out.getvalue()
    assert "http://127.0.0.1:8890/lab?token=tok" in text
    assert "http://192.168.1.5:8890/lab?token=tok" in text
    assert "http://10.0.0.7:8890/lab?token=tok" in text
    assert "Ctrl+C" in text


# --- a real server -----------------------------------------------------------


@pytest.fixture(scope="module")
def notebook_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    if not copy_notebooks(folder):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# Mulai"), nbformat.v4.new_code_cell("1 + 1")]
        nbformat.write(nb, folder / "00_mulai.ipynb")
    return folder


@pytest.fixture(scope="module")
def server(notebook_dir):
    setup_lab()  # what `make lab` does for the real environment; idempotent
    with LabServer(notebook_dir) as running:
        yield running


def _get(url: str, *, follow: bool = True) -> tuple[int, str, dict]:
    handlers: list = [urllib.request.ProxyHandler({})]
    if not follow:

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        handlers.append(NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


@pytest.mark.browser
def test_server_serves_lab_with_token(server):
    status, body, _ = _get(server.lab_url("lab"))
    assert status == 200
    assert "jupyter-config-data" in body


@pytest.mark.browser
def test_server_lists_notebooks(server, notebook_dir):
    status, body, _ = _get(server.lab_url("api/contents"))
    assert status == 200
    names = {item["name"] for item in json.loads(body)["content"]}
    expected = {p.name for p in notebook_dir.glob("*.ipynb")}
    assert expected and expected <= names


@pytest.mark.browser
def test_server_refuses_without_token(server):
    status, _, headers = _get(server.url + "lab", follow=False)
    assert status in (302, 403)
    if status == 302:
        assert "/login" in headers["Location"]
    status, _, _ = _get(server.url + "api/contents", follow=False)
    assert status == 403
    status, _, _ = _get(server.url + "api/contents?token=wrong", follow=False)
    assert status == 403


def _pack_translation(msgid: str) -> str | None:
    for folder in map(Path, sys.path):
        candidate = folder / LANG_PACK_JSON
        if candidate.is_file():
            value = json.loads(candidate.read_text(encoding="utf-8")).get(msgid)
            return value[0] if value else None
    return None


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM_MISSING is not None, reason=str(CHROMIUM_MISSING))
def test_lab_shows_indonesian_interface(server):
    with chromium_page() as page:
        page.goto(server.lab_url("lab"))
        menu = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
        menu.first.wait_for(state="visible", timeout=60_000)
        page.wait_for_selector(".jp-Launcher-sectionTitle", timeout=30_000)
        labels = [text.strip() for text in menu.all_inner_texts()]
        shot = screenshot(page, "lab-menu-id.png")
        expected = {"Berkas", "Sunting", "Tampilan", "Jalankan", "Kernel"}
        assert len(expected & set(labels)) >= 2, (labels, shot)
        assert "File" not in labels and "Edit" not in labels, (labels, shot)
        # Strings that come from the language pack itself (launcher section titles).
        sections = page.locator(".jp-Launcher-sectionTitle").all_inner_texts()
        konsol = _pack_translation("Console")
        assert konsol and konsol in sections, sections
        # The File menu still has its items after relabelling.
        page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Berkas").click()
        page.locator(".lm-Menu .lm-Menu-item").first.wait_for(state="visible")
        assert page.locator(".lm-Menu .lm-Menu-item").count() > 5
        screenshot(page, "lab-menu-id-file.png")


def test_run_lab_refuses_unknown_language_before_starting(tmp_path, monkeypatch):
    monkeypatch.setattr(lab.subprocess, "Popen", lambda *a, **k: pytest.fail("started"))
    with pytest.raises(ValueError):
        lab.run_lab(tmp_path, tmp_path, lang="fr", out=io.StringIO())
