"""Fixtures of the extraction tests: the pipeline (built once) and a message builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from anci_mailintake.extract import build_nlp
from anci_mailintake.records import Document, ParsedMessage, PecInfo, ReadMessage, Signer


@pytest.fixture(scope="session")
def nlp() -> Any:
    return build_nlp()


def message(body: str = "", *, subject: str = "Re: interesse all'avvio o all'ampliamento di progetti di accoglienza "
            "Siproimi per minori stranieri non accompagnati", from_: str = "Ufficio <ufficio@example.org>",
            headers: dict[str, str] | None = None, content_type: str = "text/plain",
            docs: tuple[Document, ...] = (), pec: PecInfo | None = None,
            signers: tuple[Signer, ...] = ()) -> ReadMessage:
    """A ReadMessage as the reader would hand it over, written by hand."""
    addr = from_.split("<")[-1].rstrip(">").strip().lower() if "@" in from_ else ""
    parsed = ParsedMessage(message_id="<t@example.org>", date=None, date_utc=None, from_=from_, from_address=addr,
                           to="immigrazione@anci.it", subject=subject, content_type=content_type,
                           headers=headers or {}, text=body, html_text="")
    documents = (Document(role="body", text=body),) + docs if body else docs
    return ReadMessage(outer=parsed, pec=pec, signers=signers, documents=documents)


@pytest.fixture
def make() -> Callable[..., ReadMessage]:
    return message
