"""Sending a circulation by SMTP, where the user configured a server ([smtp] in
config.toml). The password never comes from the config file: MINUTES_SMTP_PASSWORD, else
the system keyring (service "minutes-tui", the SMTP user) when the `keyring` package is
installed. Port 465 speaks TLS from the start, any other STARTTLS when the server offers
it; a plain connection is used only to a server on this machine (a local relay)."""

from __future__ import annotations

import importlib
import os
import smtplib
import ssl
from email.message import EmailMessage

PASSWORD_ENV = "MINUTES_SMTP_PASSWORD"
KEYRING_SERVICE = "minutes-tui"
TIMEOUT = 30.0
LOCAL = ("localhost", "127.0.0.1", "::1")


class SendError(Exception):
    """The message could not be sent: one sentence; the .eml draft is still written."""


def password(user: str) -> str | None:
    found = os.environ.get(PASSWORD_ENV)
    if found:
        return found
    try:  # optional: only where the user installed it (not a dependency of ours)
        keyring = importlib.import_module("keyring")
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, user)
        return found if isinstance(found, str) else None
    except Exception:  # a keyring backend's own failure (locked, none installed)
        return None


def send(msg: EmailMessage, host: str, port: int, user: str | None) -> None:
    context = ssl.create_default_context()
    secret = password(user) if user else None
    if user and not secret:
        raise SendError(
            f"No password for {user} on {host}: set {PASSWORD_ENV}, or store it in the "
            f"system keyring (service {KEYRING_SERVICE!r}, user {user!r})."
        )
    try:
        if port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT)
        with client:
            if port != 465:
                client.ehlo()
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif host not in LOCAL:
                    raise SendError(
                        f"{host} does not offer STARTTLS: not sending the record in clear."
                    )
            if user and secret:
                client.login(user, secret)
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError:
        raise SendError(f"{host} refused the user name or password of {user}.") from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise SendError(f"{host} refused every recipient ({refused}).") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise SendError(f"{host} did not take the message: {exc}.") from None
    except TimeoutError:
        raise SendError(f"{host}:{port} did not answer within {TIMEOUT:.0f} s.") from None
    except OSError as exc:
        raise SendError(f"Cannot reach {host}:{port}: {exc.strerror or exc}.") from None
