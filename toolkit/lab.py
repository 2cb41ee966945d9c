"""Start the workshop in JupyterLab, in Indonesian, with a token, on this computer or the LAN.

``make lab`` runs ``kemitraan setup-lab`` once (:func:`setup_lab`) and then
``kemitraan lab`` (:func:`run_lab`). :func:`lab_command` builds the command line
that both :func:`run_lab` and the browser tests use, so the tests start the
server exactly as a facilitator does.

The server never runs without a token, and it listens on ``127.0.0.1`` unless
the facilitator asks for the LAN (``lan=True``).

References
----------
JupyterLab documentation, "Advanced Usage: overrides.json" and
"Language packs"; Jupyter Server documentation, "Config file and command line
options" (``ServerApp``, ``IdentityProvider``).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from toolkit import paths
from toolkit.i18n import N_, translate

__all__ = [
    "LAB_OVERRIDES",
    "MENU_LABELS_ID",
    "lab_command",
    "lan_addresses",
    "repo_root",
    "run_lab",
    "setup_lab",
    "wait_until_ready",
]

#: Indonesian labels of the top menu bar. The language pack (4.5.post3) translates
#: no ``menu``-context strings, so without these the menu bar stays in English.
MENU_LABELS_ID: dict[str, str] = {
    "jp-mainmenu-file": "Berkas",
    "jp-mainmenu-edit": "Sunting",
    "jp-mainmenu-view": "Tampilan",
    "jp-mainmenu-run": "Jalankan",
    "jp-mainmenu-kernel": "Kernel",
    "jp-mainmenu-tabs": "Tab",
    "jp-mainmenu-settings": "Pengaturan",
    "jp-mainmenu-help": "Bantuan",
}

#: Settings written to ``overrides.json``: Indonesian interface (language pack
#: plus menu bar labels), no news or update checks.
LAB_OVERRIDES: dict[str, dict[str, Any]] = {
    "@jupyterlab/translation-extension:plugin": {"locale": "id_ID"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/mainmenu-extension:plugin": {
        "menus": [{"id": key, "label": label} for key, label in MENU_LABELS_ID.items()]
    },
}

_LOCAL_HOST = "127.0.0.1"
_LAN_HOST = "0.0.0.0"  # noqa: S104 - only with lan=True, always with a token

MSG_STARTING = N_("Starting JupyterLab...")
MSG_OPEN_LOCAL = N_("JupyterLab is ready. Open this address in the browser on this computer:")
MSG_OPEN_LAN = N_("Participants on the same network open one of these addresses:")
MSG_NO_LAN = N_(
    "No network address found: participants cannot connect. "
    "Check that this computer is connected to the network."
)
MSG_HOW_TO_STOP = N_("To stop JupyterLab, press Ctrl+C in this window.")
MSG_STOPPING = N_("Stopping JupyterLab...")
MSG_STOPPED = N_("JupyterLab has stopped.")
MSG_FAILED = N_("JupyterLab did not start. Read the messages above for the reason.")


def repo_root() -> Path:
    """Return the source checkout that holds this package.

    Returns
    -------
    pathlib.Path
        The nearest folder above ``toolkit/`` that contains ``pyproject.toml``.

    Raises
    ------
    FileNotFoundError
        If the package is not inside a source checkout (for example, installed
        from a wheel), so no ``pyproject.toml`` is found above it.
    """
    root = paths.repo_root()
    if root is not None:
        return root
    here = Path(__file__).resolve().parent
    raise FileNotFoundError(
        f"Folder proyek tidak ditemukan (tidak ada pyproject.toml di atas {here}). "
        f"(Project folder not found: no pyproject.toml above {here}.)"
    )


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) and "id" in x for x in value)


def _merge(base: Any, extra: Any) -> Any:
    """Return `base` updated with `extra`.

    Dictionaries merge key by key; lists of objects with an ``"id"`` (JupyterLab
    menus) merge item by item on that id; anything else is replaced.
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if _is_id_list(base) and _is_id_list(extra):
        items = {item["id"]: item for item in base}
        for item in extra:
            items[item["id"]] = _merge(items.get(item["id"], {}), item)
        return list(items.values())
    return extra


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write `data` to `path` through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def setup_lab(prefix: Path | None = None) -> Path:
    """Make Indonesian the default JupyterLab language of this environment.

    Writes the ``overrides.json`` of the JupyterLab installed under `prefix`:
    the interface language becomes ``id_ID`` (from the installed
    ``jupyterlab-language-pack-id-ID``), the top menu bar gets Indonesian labels
    (:data:`MENU_LABELS_ID`, which the language pack lacks) and the
    "Jupyter news" / update pop-up is turned off. Settings already in the file
    are kept; ours are merged in. The file is replaced atomically, and calling
    this again changes nothing.

    Parameters
    ----------
    prefix : pathlib.Path, optional
        The environment prefix; ``sys.prefix`` (the running virtual
        environment) when omitted.

    Returns
    -------
    pathlib.Path
        The path written, ``<prefix>/share/jupyter/lab/settings/overrides.json``.

    Raises
    ------
    ValueError
        If an existing ``overrides.json`` is not a JSON object (it is left untouched).
    OSError
        If the settings folder cannot be created or written.

    Notes
    -----
    Settings a user changes in JupyterLab's Settings Editor are stored in the
    user settings folder and take precedence over these overrides. The menu bar
    labels stay Indonesian even when a user switches JupyterLab to English.
    """
    base = Path(sys.prefix if prefix is None else prefix)
    path = base / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    current: Any = {}
    if path.is_file():
        text = path.read_text(encoding="utf-8").strip()
        try:
            current = json.loads(text) if text else {}
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{path} bukan JSON yang sah; perbaiki atau hapus berkas itu. "
                f"({path} is not valid JSON; fix or delete it: {exc})"
            ) from exc
        if not isinstance(current, dict):
            raise ValueError(f"{path} harus berisi objek JSON. ({path} must hold a JSON object.)")
    merged = _merge(current, LAB_OVERRIDES)
    if merged != current or not path.is_file():
        _write_json_atomic(path, merged)
    return path


def lab_command(
    notebook_dir: Path,
    workshop: Path,
    *,
    port: int = 8888,
    lan: bool = False,
    token: str | None = None,
    settings_dir: Path | None = None,
) -> tuple[list[str], dict[str, str], str]:
    """Build the command line and environment that start JupyterLab for a workshop.

    Parameters
    ----------
    notebook_dir : pathlib.Path
        The folder JupyterLab shows (its root); usually ``notebooks/``.
    workshop : pathlib.Path
        The workshop data folder; passed to the kernels as the absolute path in
        ``KEMITRAAN_WORKSHOP``.
    port : int, default 8888
        The first port tried; the server tries up to 20 more when it is busy.
    lan : bool, default False
        ``False`` listens on ``127.0.0.1`` (this computer only); ``True`` listens
        on ``0.0.0.0`` and allows remote access, so participants on the same
        network can connect (with the token).
    token : str, optional
        The access token; a new random one (``secrets.token_urlsafe(24)``) when omitted.
    settings_dir : pathlib.Path, optional
        Where JupyterLab keeps user settings (``<settings_dir>/lab/user-settings``)
        and workspaces (``<settings_dir>/lab/workspaces``); ``<repo>/.jupyter``
        when omitted, so the user's home folder is not touched.

    Returns
    -------
    argv : list of str
        ``[sys.executable, "-m", "jupyterlab", ...]``, ready for :class:`subprocess.Popen`.
    env : dict of str to str
        A copy of ``os.environ`` with ``KEMITRAAN_WORKSHOP``,
        ``JUPYTERLAB_SETTINGS_DIR`` and ``JUPYTERLAB_WORKSPACES_DIR`` set.
    token : str
        The token the server requires (needed in the URL).

    Raises
    ------
    ValueError
        If `token` is an empty string: the server never runs without a token.
    FileNotFoundError
        If `settings_dir` is omitted and the package is not in a source checkout
        (see :func:`repo_root`).

    Notes
    -----
    The token is on the command line, so other accounts on the same computer
    can see it in the process list; use a computer whose accounts you trust.
    """
    if token is None:
        token = secrets.token_urlsafe(24)
    if not token or not token.strip():
        raise ValueError(
            "Token tidak boleh kosong: JupyterLab tidak pernah dijalankan tanpa token. "
            "(The token must not be empty: JupyterLab never runs without a token.)"
        )
    settings = Path(settings_dir) if settings_dir is not None else repo_root() / ".jupyter"
    settings = settings.resolve()
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.root_dir={Path(notebook_dir).resolve()}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.ip={_LAN_HOST if lan else _LOCAL_HOST}",
        f"--ServerApp.port={int(port)}",
        "--ServerApp.port_retries=20",
    ]
    if lan:
        argv.append("--ServerApp.allow_remote_access=True")
    geteuid = getattr(os, "geteuid", None)  # absent on Windows
    if geteuid is not None and geteuid() == 0:
        argv.append("--allow-root")
    env = dict(os.environ)
    env["KEMITRAAN_WORKSHOP"] = str(Path(workshop).resolve())
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings / "lab" / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(settings / "lab" / "workspaces")
    return argv, env, token


def _fib_trie_addresses(path: Path = Path("/proc/net/fib_trie")) -> list[str]:
    """Return the local IPv4 addresses listed in Linux's routing table file (no traffic)."""
    try:
        lines = path.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return []
    found: list[str] = []
    for previous, line in zip(lines, lines[1:], strict=False):
        if line.strip() == "/32 host LOCAL" and "|--" in previous:
            found.append(previous.split("|--", 1)[1].strip())
    return found


def _primary_address() -> str | None:
    """Return the address of the default route's interface.

    A UDP socket's ``connect`` only chooses a route; it sends no packet.
    192.0.2.1 is a documentation address (RFC 5737) that nobody uses.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))
            return sock.getsockname()[0]
    except OSError:
        return None


def lan_addresses() -> list[str]:
    """Return this computer's IPv4 addresses that others on the network may reach.

    Sends no network traffic: reads ``/proc/net/fib_trie`` (Linux) and asks the
    operating system which address a route would use (a UDP socket ``connect``
    sends nothing). Never contacts another host and never asks a DNS server.

    Returns
    -------
    list of str
        Dotted IPv4 addresses without loopback (``127.0.0.0/8``) or ``0.0.0.0``,
        the default route's address first, no duplicates; empty when the
        computer is not on any network.
    """
    candidates = [_primary_address(), *_fib_trie_addresses()]
    result: list[str] = []
    for address in candidates:
        if not address or address in result:
            continue
        if address.startswith("127.") or address == "0.0.0.0":  # noqa: S104
            continue
        result.append(address)
    return result


def _runtime_dir(env: dict[str, str] | None = None) -> Path:
    """Return the Jupyter runtime folder where servers write ``jpserver-<pid>.json``."""
    if env and env.get("JUPYTER_RUNTIME_DIR"):
        return Path(env["JUPYTER_RUNTIME_DIR"])
    from jupyter_core.paths import jupyter_runtime_dir

    return Path(jupyter_runtime_dir())


def _answers(url: str, token: str) -> bool:
    """Return whether the server at `url` answers an authenticated ``/api/status``."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(
        url + "api/status", headers={"Authorization": f"token {token}"}
    )
    try:
        with opener.open(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_until_ready(
    proc: subprocess.Popen, token: str, *, timeout: float = 120.0, env: dict[str, str] | None = None
) -> str:
    """Wait until a JupyterLab started from :func:`lab_command` answers.

    Parameters
    ----------
    proc : subprocess.Popen
        The running server process.
    token : str
        Its token.
    timeout : float, default 120.0
        Seconds to wait (the first start on a slow laptop can take a minute).
    env : dict of str to str, optional
        The environment the server was started with (to find ``JUPYTER_RUNTIME_DIR``).

    Returns
    -------
    str
        The local base URL, ``http://127.0.0.1:<port>/``, with the port the
        server really chose.

    Raises
    ------
    RuntimeError
        If the process exits before it answers.
    TimeoutError
        If it does not answer within `timeout` seconds.
    """
    info_file = _runtime_dir(env) / f"jpserver-{proc.pid}.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = proc.poll()
        if code is not None:
            raise RuntimeError(
                f"JupyterLab berhenti dengan kode {code}. (JupyterLab exited with code {code}.)"
            )
        try:
            port = int(json.loads(info_file.read_text(encoding="utf-8"))["port"])
        except (OSError, ValueError, KeyError):
            port = None
        if port is not None:
            url = f"http://{_LOCAL_HOST}:{port}/"
            if _answers(url, token):
                return url
        time.sleep(0.25)
    raise TimeoutError(
        f"JupyterLab tidak menjawab dalam {timeout:.0f} detik. "
        f"(JupyterLab did not answer within {timeout:.0f} seconds.)"
    )


def _stop(proc: subprocess.Popen, grace: float = 10.0) -> int:
    """Stop `proc` politely (SIGTERM / terminate), then kill it after `grace` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def _print_urls(base: str, token: str, lan: bool, lang: str, out: TextIO) -> None:
    """Print the address(es) with the token and how to stop, in `lang`."""
    port = base.rstrip("/").rsplit(":", 1)[1]
    print(translate(MSG_OPEN_LOCAL, lang), file=out)
    print(f"    {base}lab?token={token}", file=out)
    if lan:
        addresses = lan_addresses()
        if addresses:
            print(translate(MSG_OPEN_LAN, lang), file=out)
            for address in addresses:
                print(f"    http://{address}:{port}/lab?token={token}", file=out)
        else:
            print(translate(MSG_NO_LAN, lang), file=out)
    print(translate(MSG_HOW_TO_STOP, lang), file=out)
    out.flush()


def run_lab(
    notebook_dir: Path,
    workshop: Path,
    *,
    port: int = 8888,
    lan: bool = False,
    lang: str = "id",
    out: TextIO = sys.stdout,
) -> int:
    """Start JupyterLab, print where to open it, and wait until it stops.

    Parameters
    ----------
    notebook_dir : pathlib.Path
        The folder JupyterLab shows.
    workshop : pathlib.Path
        The workshop data folder (``KEMITRAAN_WORKSHOP`` for the kernels).
    port : int, default 8888
        The first port tried (the next free one is used when it is busy).
    lan : bool, default False
        Also listen on the network and print one address per LAN address.
    lang : {"id", "en"}, default "id"
        Language of the printed messages.
    out : file-like, default sys.stdout
        Where the messages go.

    Returns
    -------
    int
        The server's exit code (0 after a clean stop with Ctrl+C).

    Raises
    ------
    ValueError
        If `lang` is not a known language.
    FileNotFoundError
        If the package is not in a source checkout (see :func:`repo_root`).

    Notes
    -----
    The server runs in its own process group, so Ctrl+C reaches only this
    function, which then asks the server to shut down (SIGTERM) and waits for it.
    """
    translate(MSG_STARTING, lang)  # raises ValueError early for an unknown language
    argv, env, token = lab_command(notebook_dir, workshop, port=port, lan=lan)
    print(translate(MSG_STARTING, lang), file=out, flush=True)
    popen_options: dict[str, Any] = {"env": env, "stdin": subprocess.DEVNULL}
    if os.name == "posix":
        popen_options["start_new_session"] = True
    else:  # pragma: no cover - Windows
        popen_options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    proc = subprocess.Popen(argv, **popen_options)  # noqa: S603 - our own argv
    restore = _stop_on_hangup()
    try:
        try:
            base = wait_until_ready(proc, token, env=env)
        except (RuntimeError, TimeoutError):
            print(translate(MSG_FAILED, lang), file=out, flush=True)
            code = _stop(proc)
            return code if code else 1
        _print_urls(base, token, lan, lang, out)
        code = proc.wait()
    except KeyboardInterrupt:
        print(translate(MSG_STOPPING, lang), file=out, flush=True)
        code = _stop(proc)
    finally:
        if proc.poll() is None:
            _stop(proc)
        restore()
    print(translate(MSG_STOPPED, lang), file=out, flush=True)
    return code


def _stop_on_hangup() -> Callable[[], None]:
    """Treat SIGTERM and SIGHUP (terminal closed) like Ctrl+C, so the server is stopped.

    Returns a function that puts the previous handlers back. Outside the main
    thread nothing can be installed and the returned function does nothing.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            previous[sig] = signal.signal(sig, interrupt)
        except ValueError:  # not the main thread
            break

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
