"""CMS SignedData (CAdES .p7m, S/MIME .p7s) through asn1crypto: the content and the signers.

The only module that imports asn1crypto. The signature is not verified: the reader wants the
signed file and the name on the certificate, which in Italian public administration is usually
the mayor or an official "for the Comune di …". Parsing is in-process: asn1crypto is lazy and
pure Python, and the size of the input is already bounded.
"""

from __future__ import annotations

import base64
import binascii
import re

from ..records import Signer


class CmsError(Exception):
    pass


def _der(data: bytes) -> bytes:
    """DER bytes from DER, PEM or bare base64 (both are found in real .p7m files)."""
    if data[:1] == b"\x30":
        return data
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        text = re.sub(rb"-----(BEGIN|END)[^-]*-----", b"", text)
    try:
        return base64.b64decode(re.sub(rb"\s+", b"", text), validate=True)
    except (binascii.Error, ValueError):
        raise CmsError("is neither DER nor base64") from None


def _subject(cert: object) -> dict[str, str]:
    try:
        native = cert.subject.native  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - malformed names fail lazily
        return {}
    out = {}
    for key, value in native.items():
        out[key] = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return out


def unwrap(data: bytes, where: str = "") -> tuple[bytes | None, list[Signer]]:
    """Return (encapsulated content or None when detached, signers) of a CMS SignedData."""
    from asn1crypto import cms

    der = _der(data)
    try:
        info = cms.ContentInfo.load(der)
        ctype = info["content_type"].native
        if ctype == "enveloped_data":
            raise CmsError("is encrypted (CMS EnvelopedData), so its content cannot be read")
        if ctype != "signed_data":
            raise CmsError(f"is a CMS {ctype}, not signed data")
        signed = info["content"]
        content = signed["encap_content_info"]["content"]
        payload = None if content.native is None else content.native
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        certs = []
        for choice in signed["certificates"] or []:
            if choice.name == "certificate":
                certs.append(choice.chosen)
        signers: list[Signer] = []
        for si in signed["signer_infos"]:
            sid = si["sid"]
            cert = None
            for c in certs:
                try:
                    if sid.name == "issuer_and_serial_number":
                        if c.serial_number == sid.chosen["serial_number"].native and c.issuer == sid.chosen["issuer"]:
                            cert = c
                    elif c.key_identifier == sid.chosen.native:
                        cert = c
                except Exception:  # noqa: BLE001
                    continue
            if cert is None and len(certs) == 1:
                cert = certs[0]
            subj = _subject(cert) if cert is not None else {}
            if subj or cert is None:
                signers.append(Signer(common_name=subj.get("common_name"), organization=subj.get("organization_name"),
                                      email=subj.get("email_address"), where=where))
    except CmsError:
        raise
    except Exception as e:  # noqa: BLE001 - asn1crypto raises ValueError, TypeError, KeyError… on bad DER
        raise CmsError(f"is not a readable CMS signature ({type(e).__name__}: {str(e)[:120]})") from None
    return payload, signers


def inner_name(name: str | None) -> str | None:
    """'delibera.pdf.p7m' -> 'delibera.pdf'; None stays None."""
    if not name:
        return None
    low = name.lower()
    for ext in (".p7m", ".p7s", ".p7b", ".pkcs7", ".tsd", ".m7m"):
        if low.endswith(ext):
            return name[: -len(ext)] or None
    return name
