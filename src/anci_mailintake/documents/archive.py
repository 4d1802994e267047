"""ZIP archives, read in memory member by member. Nothing is ever written to disk.

Member names are only labels: directories, `..` and absolute prefixes are dropped from them,
symlinks are skipped, and every member is read through a cap so a bomb stops at the limit
whatever sizes the central directory claims.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import PurePosixPath

from .result import Extracted


def safe_name(name: str) -> str:
    """The last path component of an archive member's name, with no directory or drive."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return base.replace("\x00", "").strip()[:200] or "(unnamed)"


def read_zip(data: bytes, max_members: int, max_total: int, max_member: int) -> Extracted:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        return Extracted(method="zip", error=f"is not a ZIP archive that can be opened ({e})")
    children: list[tuple[str | None, bytes]] = []
    notes: list[str] = []
    total = 0
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > max_members:
            notes.append(f"only the first {max_members} of {len(infos)} members were read")
            infos = infos[:max_members]
        for info in infos:
            name = safe_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                notes.append(f"{name}: a symbolic link, skipped")
                continue
            if info.flag_bits & 0x1:
                notes.append(f"{name}: encrypted, not read")
                continue
            cap = min(max_member, max_total - total)
            try:
                with zf.open(info) as f:
                    member = f.read(cap + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
                    KeyError, IndexError, OverflowError, MemoryError) as e:
                notes.append(f"{name}: cannot be unpacked ({type(e).__name__}: {str(e)[:120]})")
                continue
            except Exception as e:  # noqa: BLE001 - zlib/bz2/lzma raise their own error types
                notes.append(f"{name}: cannot be unpacked ({type(e).__name__})")
                continue
            if len(member) > cap:
                notes.append(f"{name}: unpacking stopped at the limit of {max_total} bytes for the whole archive"
                             if cap < max_member else f"{name}: larger than {max_member} bytes, not read")
                if cap < max_member:
                    break
                continue
            total += len(member)
            children.append((name, member))
    return Extracted(method="zip", children=children, notes=notes)
