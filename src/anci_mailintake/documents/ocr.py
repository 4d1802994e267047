"""Optical character recognition with Debian's tesseract (Italian model), through a pipe.

The image goes to tesseract on stdin and the text comes back on stdout, so nothing is written to
disk. OMP_THREAD_LIMIT=1 keeps one tesseract on one core (the pipeline runs a worker per core).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess

TESSERACT = shutil.which("tesseract") or "tesseract"
_ENV = {**{k: v for k, v in os.environ.items() if k in ("PATH", "TESSDATA_PREFIX")}, "OMP_THREAD_LIMIT": "1",
        "LC_ALL": "C"}


class OcrError(Exception):
    pass


def ocr(image: bytes, seconds: float, lang: str = "ita") -> str:
    """Return the text tesseract reads in one image (PNG, JPEG, TIFF, GIF, BMP, PNM)."""
    try:
        done = subprocess.run([TESSERACT, "stdin", "stdout", "-l", lang, "--psm", "3"], input=image,
                              capture_output=True, timeout=max(seconds, 1), env=_ENV, check=False)
    except subprocess.TimeoutExpired:
        raise OcrError(f"OCR was stopped after {seconds:.0f} s") from None
    except OSError as e:
        raise OcrError(f"tesseract could not be started ({e.strerror})") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract failed ({err[-1][:200] if err else 'exit ' + str(done.returncode)})")
    return done.stdout.decode("utf-8", "replace")


def pgm(width: int, height: int, stride: int, buffer: bytes) -> bytes:
    """An 8-bit greyscale bitmap as a binary PGM file, dropping each row's padding."""
    head = f"P5\n{width} {height}\n255\n".encode()
    if stride == width:
        return head + bytes(buffer)
    view = memoryview(buffer)
    return head + b"".join(view[i * stride: i * stride + width] for i in range(height))


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, GIF or JPEG header; None when unknown."""
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:4] in (b"GIF8",) and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data) and i < 1 << 20:
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + length
    return None
