#!/usr/bin/python3
"""Dumps what python3-libzim (the oracle) says about a ZIM archive, as one JSON object.

Usage: /usr/bin/python3 scripts/zim/zim-dump.py ARCHIVE.zim [--no-entries]

Keys follow `zim info` (entry_count, all_entry_count, article_count, media_count,
has_fulltext_index, has_title_index, new_ns, uuid, checksum, check, metadata_keys,
illustration_sizes, main, main_target, metadata) plus "entries": one object per user entry
(libzim's entry_count range, in path order, via _get_entry_by_id) with path, title, redirect,
target, mime, size, sha256 — the same keys as `zim ls`. Must run with Debian's /usr/bin/python3.
"""
import hashlib, json, sys
from libzim.reader import Archive

path = sys.argv[1]
z = Archive(path)
main = None
main_target = None
if z.has_main_entry:
    m = z.main_entry
    main = m.path
    if m.is_redirect:
        main_target = m.get_redirect_entry().path

def text(k):
    item = z.get_metadata_item(k)
    if item.mimetype.startswith("text/"):
        return bytes(z.get_metadata(k)).decode("utf-8", "replace")
    return {"mimetype": item.mimetype, "size": item.size,
            "sha256": hashlib.sha256(bytes(item.content)).hexdigest()}

res = {
    "entry_count": z.entry_count,
    "all_entry_count": z.all_entry_count,
    "article_count": z.article_count,
    "media_count": z.media_count,
    "has_fulltext_index": z.has_fulltext_index,
    "has_title_index": z.has_title_index,
    "new_ns": z.has_new_namespace_scheme,
    "uuid": str(z.uuid),
    "checksum": z.checksum if z.has_checksum else None,
    "check": z.check(),
    "metadata_keys": list(z.metadata_keys),
    "illustration_sizes": sorted(z.get_illustration_sizes()),
    "main": main,
    "main_target": main_target,
    "metadata": {k: text(k) for k in z.metadata_keys},
}
if "--no-entries" not in sys.argv:
    entries = []
    for i in range(z.entry_count):
        e = z._get_entry_by_id(i)
        row = {"path": e.path, "title": e.title, "redirect": e.is_redirect}
        if e.is_redirect:
            row["target"] = e.get_redirect_entry().path
        it = e.get_item()  # follows redirects
        c = bytes(it.content)
        row["mime"] = it.mimetype
        row["size"] = it.size
        row["sha256"] = hashlib.sha256(c).hexdigest()
        entries.append(row)
    res["entries"] = entries
json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
