"""Start and stop a private JupyterLab server on 127.0.0.1, for browser tests and demos.

The server gets fresh config, runtime, settings and workspace folders, so nothing from an earlier
session is restored, and it is stopped by its own process group when the context ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_lab(root: Path, state: Path, timeout: float = 60.0, serve: Path | None = None) -> Iterator[str]:
    """Run `jupyter lab` from `root` (its nbgrader_config.py included), serving `serve` (default: `root`).

    `course.py lab` serves the learner's working copy while running from the course folder; yield the base URL.
    """
    port = free_port()
    env = dict(os.environ)
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = scripts + os.pathsep + env.get("PATH", "")
    for name, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                         ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
        (state / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(state / folder)
    # No news toast, no update check: the page is quiet and makes no outside request.
    notification = state / "settings" / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True, exist_ok=True)
    (notification / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    # Render every cell, not only those in view, so a test can find any output in the page.
    tracker = state / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    command = [str(Path(scripts) / "jupyter"), "lab", "--no-browser", "--ip", "127.0.0.1", "--port", str(port),
               "--allow-root", "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
               f"--ServerApp.root_dir={serve or root}"]
    log = (state / "jupyterlab.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early; see {state / 'jupyterlab.log'}")
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s; see {state / 'jupyterlab.log'}")
            time.sleep(0.3)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
