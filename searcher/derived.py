"""What a generation's first searches would otherwise build, built once at
reindex and kept beside the generation (``derived.pickle``).

Field lengths per release, the spelling tables of the Vietnamese fields (a
syllable typed without diacritics -> its indexed spellings) and the facet
table take seconds to read out of Whoosh over a large index; a cold
``searcher search`` or a new server process loads them in milliseconds
from here.  The file is a cache, never the truth: written by our own
reindex into the generation before it goes live, it is read only when its
version and the commit it was read from match the generation, and any problem reading
it (missing, truncated, from an older release) means the data is built the
slow way, as before.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

__all__ = ["DERIVED", "COMPLETION", "load_derived", "save_derived"]

DERIVED = "derived.pickle"
# The completion table (``completion``): only a server answering /api/suggest
# reads it, so a cold search does not.
COMPLETION = "completion.pickle"
VERSION = 4  # 2: spelling tables as flat strings; 3: keyed by commit; 4: stories


def save_derived(gen_path: Path, key: tuple, data: dict[str, Any], name: str = DERIVED) -> None:
    """Write the derived data of the generation at ``gen_path``, atomically.
    ``key`` says which commit of it the data was read from (its release
    count, Whoosh generation and segments): an update in place makes
    another commit, and the file no longer fits it."""
    tmp = gen_path / (name + ".tmp")
    with open(tmp, "wb") as out:
        pickle.dump({"version": VERSION, "key": key, **data}, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, gen_path / name)


def load_derived(gen_path: Path, key: tuple, name: str = DERIVED) -> dict[str, Any]:
    """The derived data of the generation's commit ``key``, or {} when there
    is none that fits it (then every part is built from the index on first
    use).  The file is our own reindex's, in the index folder: trusted as
    the segments beside it are."""
    try:
        with open(gen_path / name, "rb") as f:
            data = pickle.load(f)
    except Exception:  # missing, truncated or foreign: a cache miss, never an error
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != key:
        return {}
    return data

