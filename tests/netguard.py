"""The network guard of the tests: a ``sitecustomize`` that refuses and records every connection beyond loopback
(or every connection at all, with ``PLANNER_NET_LOOPBACK=block``) in the process it is loaded into.

The CLI tests (tests/test_network.py) and the notebook's kernel (tests/test_notebook.py) load the same guard.
"""

from __future__ import annotations

import os
from pathlib import Path

GUARD = '''
import ipaddress, os, socket
_LOG = os.environ["PLANNER_NET_LOG"]
_BLOCK_LOOPBACK = os.environ.get("PLANNER_NET_LOOPBACK") == "block"
_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _local(host):
    if _BLOCK_LOOPBACK:
        return False
    if host is None or host in ("", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if str(host).lower() in _NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    raise OSError("network blocked by the test: " + what)


def _inet(sock):
    return sock.family in (socket.AF_INET, socket.AF_INET6)


_connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
_create_connection, _getaddrinfo = socket.create_connection, socket.getaddrinfo
_gethostbyname, _gethostbyname_ex = socket.gethostbyname, socket.gethostbyname_ex


def connect(self, address):
    if _inet(self) and not _local(address[0]):
        _record(f"connect {address!r}")
    return _connect(self, address)


def connect_ex(self, address):
    if _inet(self) and not _local(address[0]):
        _record(f"connect_ex {address!r}")
    return _connect_ex(self, address)


def sendto(self, data, *args):
    address = args[-1]
    if _inet(self) and not _local(address[0]):
        _record(f"sendto {address!r}")
    return _sendto(self, data, *args)


def create_connection(address, *args, **kwargs):
    if not _local(address[0]):
        _record(f"create_connection {address!r}")
    return _create_connection(address, *args, **kwargs)


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _record(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    if not _local(host):
        _record(f"gethostbyname {host!r}")
    return _gethostbyname(host)


def gethostbyname_ex(host):
    if not _local(host):
        _record(f"gethostbyname_ex {host!r}")
    return _gethostbyname_ex(host)


socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
socket.create_connection, socket.getaddrinfo = create_connection, getaddrinfo
socket.gethostbyname, socket.gethostbyname_ex = gethostbyname, gethostbyname_ex
'''


def guard_env(tmp_path: Path, *, block_loopback: bool = False) -> tuple[Path, dict[str, str]]:
    """Return the network log and an environment that loads the guard, with temporary HOME and Jupyter folders."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    log.write_text("", encoding="utf-8")
    folders = {name: tmp_path / name for name in ("home", "jupyter-config", "jupyter-runtime", "jupyter-data", "mpl")}
    for folder in folders.values():
        folder.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
           "PLANNER_NET_LOG": str(log), "HOME": str(folders["home"]),
           "JUPYTER_CONFIG_DIR": str(folders["jupyter-config"]), "JUPYTER_RUNTIME_DIR": str(folders["jupyter-runtime"]),
           "JUPYTER_DATA_DIR": str(folders["jupyter-data"]), "MPLCONFIGDIR": str(folders["mpl"])}
    if block_loopback:
        env["PLANNER_NET_LOOPBACK"] = "block"
    return log, env
