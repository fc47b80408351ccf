"""HAProxy in front of the app hosts of deploy/cluster.py: started first with every host in
maintenance, then driven through its admin socket (hosts put in at their ports, their
health-check status read)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from deploy.processes import start_on_free_port, unix_command, wait_for

HAPROXY_TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")


class ProxyControl:
    """The HAProxy part of a cluster (it needs the cluster's `state`, `hosts`, `workers`,
    `directory`, `_spawn`, `logs` and `_save`)."""

    def _start_haproxy(self) -> None:
        """HAProxy with the hosts in maintenance until each is ready (their ports are not
        known yet); its admin socket lives in a short path (a Unix socket's limit)."""
        socket_dir = Path(tempfile.mkdtemp(prefix="haproxy-"))
        self.state["haproxy_socket"] = str(socket_dir / "admin.sock")
        servers = "\n".join(f"    server {h} 127.0.0.1:1 check disabled" for h in self.hosts)
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        path = self.directory / "haproxy.cfg"

        def start(port: int) -> subprocess.Popen:
            path.write_text(HAPROXY_TEMPLATE.read_text().format(
                port=port, socket=self.state["haproxy_socket"], servers=servers,
                maxconn=self.workers))
            subprocess.run([haproxy, "-c", "-q", "-f", str(path)], check=True)
            return self._spawn("haproxy", [haproxy, "-db", "-f", str(path)], os.environ.copy())

        def ready(process, port) -> None:
            wait_for(lambda: self.proxy_status(self.hosts[0]), 60, "HAProxy",
                     process=process, explain=lambda: self.logs("haproxy"))

        _process, self.state["haproxy_port"] = start_on_free_port(start, ready)
        self._save()

    def haproxy_command(self, command: str) -> str:
        """One command on HAProxy's admin socket; its answer."""
        return unix_command(self.state["haproxy_socket"], command)

    def proxy_status(self, host: str) -> str | None:
        """HAProxy's status of `host` (UP, DOWN, MAINT, "DOWN 1/2" …), None if unknown."""
        try:
            rows = self.haproxy_command("show stat").splitlines()
        except OSError:
            return None
        for row in rows:
            cells = row.split(",")
            if len(cells) > 17 and cells[0] == "app" and cells[1] == host:
                return cells[17]
        return None

    def host_up_in_proxy(self, host: str) -> bool | None:
        """What HAProxy's health checks say of `host`: True, False, or None (unknown)."""
        status = self.proxy_status(host)
        return None if status is None else status.startswith("UP")
