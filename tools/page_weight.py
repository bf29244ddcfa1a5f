"""Bytes of each page of the built book: its HTML (with the explorer frames embedded in it)
plus the image files it shows. Shared assets (theme, MathJax, widgets manager) are left
out: a browser caches them once for the whole book.

Usage::

    python tools/page_weight.py                 # table for _build/html
    python tools/page_weight.py --json out.json # also write {page: {...}} as JSON
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
BOOK_HTML = ROOT / "_build" / "html"
SKIP = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}
IMG_SRC = re.compile(r'<img[^>]*\ssrc="([^"]+)"')


def pages(book: Path) -> list[Path]:
    """Every HTML page of the built book (assets excluded), sorted."""
    return sorted(p for p in book.rglob("*.html")
                  if not SKIP.intersection(p.relative_to(book).parts))


def page_weight(page: Path) -> dict:
    """``{"html": bytes, "images": bytes of the image files it shows, "total": sum}``.

    Images embedded as data: URLs (explorer frames) are counted in the HTML."""
    html = page.read_text(encoding="utf-8")
    files = set()
    for src in IMG_SRC.findall(html):
        if src.startswith(("data:", "http:", "https:", "//")):
            continue
        target = (page.parent / unquote(src.split("#")[0].split("?")[0])).resolve()
        if target.is_file():
            files.add(target)
    images = sum(f.stat().st_size for f in files)
    size = page.stat().st_size
    return {"html": size, "images": images, "total": size + images}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", type=Path, default=BOOK_HTML)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not args.book.is_dir():
        print(f"no built book in {args.book}: run `make book` first", file=sys.stderr)
        return 1
    table = {p.relative_to(args.book).as_posix(): page_weight(p) for p in pages(args.book)}
    print(f"{'page':32} {'html':>10} {'images':>10} {'total':>10}")
    for name, w in table.items():
        print(f"{name:32} {w['html']:>10,} {w['images']:>10,} {w['total']:>10,}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
