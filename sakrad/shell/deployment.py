"""What the app needs to know about how it is deployed: proxies in front, worker processes.

``SAKRAD_TRUSTED_PROXIES`` says how many proxies (load balancer, reverse proxy) sit in front
of the app; their ``X-Forwarded-For``/``-Proto`` headers are then believed, so the login
throttle counts the real client address instead of the proxy's one. 0 (the default) believes
no header: with no proxy, a client could otherwise pick its own address.

The throttle's ``memory://`` storage counts per process: with several gunicorn workers each
keeps its own count and the per-account limit lets several times as many guesses through.
Production refuses that combination when the number of workers can be seen (gunicorn's
``-w``/``--workers``, ``WEB_CONCURRENCY`` or ``SAKRAD_WORKERS``) and warns loudly otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def apply_proxy_fix(app: Flask) -> None:
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        # Flask's documented way of adding a WSGI middleware.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=0
        )


def _workers_from_argv(argv: list[str]) -> int | None:
    if not argv or "gunicorn" not in os.path.basename(argv[0]):
        return None
    for i, arg in enumerate(argv):
        for flag in ("-w", "--workers"):
            if arg == flag and i + 1 < len(argv):
                return _int(argv[i + 1])
            if arg.startswith(flag + "="):
                return _int(arg.split("=", 1)[1])
            if flag == "-w" and arg.startswith("-w") and len(arg) > 2:
                return _int(arg[2:])
    return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def detected_workers(
    environ: Mapping[str, str] | None = None, argv: list[str] | None = None
) -> int | None:
    variables = os.environ if environ is None else environ
    for name in ("SAKRAD_WORKERS", "WEB_CONCURRENCY"):
        if variables.get(name):
            return _int(variables[name])
    return _workers_from_argv(sys.argv if argv is None else argv)


def check_throttle_storage(app: Flask, environ=None, argv=None) -> None:
    """Refuse (production) or warn when the login throttle would count per process."""
    storage = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if not storage.startswith("memory://") or app.config.get("ENV_NAME") != "production":
        return
    workers = detected_workers(environ, argv)
    if workers is not None and workers > 1:
        raise RuntimeError(
            f"SAKRAD_RATELIMIT_STORAGE_URI is memory:// but {workers} worker processes run: "
            "each would count failed logins on its own. Set "
            "SAKRAD_RATELIMIT_STORAGE_URI=redis://… (or run one worker)."
        )
    app.logger.warning(
        "LOGIN THROTTLE USES memory:// STORAGE: correct only with ONE worker process on ONE "
        "machine. With several workers or servers set SAKRAD_RATELIMIT_STORAGE_URI=redis://…"
    )
