"""Kindred's storage: the only package that contains SQL.

Importing ``storage.<module>`` does not import the other repositories: the names below load on
first use. The lead side relies on this (it imports only ``storage.aggregate_repository`` and
``storage.programme_repository``; ``tests/test_leads.py`` checks the import graph at run time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.database import Database, StorageError, WrongMasterKey
    from storage.store import Storage, open_storage

__all__ = ["Database", "Storage", "StorageError", "WrongMasterKey", "open_storage"]

_HOMES = {
    "Database": "storage.database",
    "StorageError": "storage.database",
    "WrongMasterKey": "storage.database",
    "Storage": "storage.store",
    "open_storage": "storage.store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)
