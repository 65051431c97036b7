"""``_build/browser-report.json`` and the summary line of the browser tests (see conftest.py)."""

from __future__ import annotations

import json

SERIOUS = ("serious", "critical")
_LAST_SUMMARY: dict = {}


def _explorers(result):
    """The explorers a page's result records."""
    return result.get("explorers", {}).get("explorers", [])


def _delays(found):
    """The times from a picture's arrival to its display (ms), of the moves of ``found`` that changed it."""
    return [m["timing"]["ms"] for e in found for m in e.get("moves", []) if m.get("timing")]


def _worst(delays):
    return round(max(delays), 1) if delays else None


def explorer_counts(pages):
    """Explorers, controls moved, moves, the slowest picture and the frames fetched on opening a page."""
    found = [e for p in pages.values() for e in _explorers(p)]
    moves = [m for e in found for m in e.get("moves", [])]
    delays = _delays(found)
    opening = [p["explorers"]["opening_bytes"] or 0 for p in pages.values() if p.get("explorers", {}).get("ids")]
    return {
        "explorers": len(found),
        "explorer_controls": sum(len(e.get("before", {}).get("controls", [])) for e in found),
        "explorer_controls_moved": len({(e["id"], m["control"]) for e in found for m in e.get("moves", [])}),
        "explorer_controls_disabled": sum(len(e.get("disabled", [])) for e in found),
        "explorer_moves": len(moves),
        "explorer_moves_changing_the_picture": len(delays),
        "explorer_worst_load_to_display_ms": _worst(delays),
        "explorer_median_load_to_display_ms": round(sorted(delays)[len(delays) // 2], 1) if delays else None,
        "explorer_largest_opening_bytes": max(opening) if opening else 0,
        "explorer_moves_over_100_ms": sum(1 for d in delays if d > 100),
        "explorer_pages_measured_again": {
            page: _worst(_delays(_explorers(p["remeasured"]))) for page, p in pages.items() if "remeasured" in p
        },
    }


def write(pages, allowed_errors, path, shots):
    pages = {k: v for k, v in pages.items() if "math" in v}
    if not pages:
        return
    links = [p.get("links_checked", {}) for p in pages.values()]
    summary = {
        "pages": len(pages),
        "equations": sum(p["math"]["inline"] + p["math"]["display"] for p in pages.values()),
        "display_equations": sum(p["math"]["display"] for p in pages.values()),
        **explorer_counts(pages),
        "images": sum(len(p["images"]) for p in pages.values()),
        "explorer_images": sum(1 for p in pages.values() for i in p["images"] if i["in_explorer"]),
        "links": sum(c.get("internal", 0) + c.get("anchors", 0) for c in links),
        "internal_links": sum(c.get("internal", 0) for c in links),
        "anchor_links": sum(c.get("anchors", 0) for c in links),
        "external_links_not_followed": sum(c.get("external", 0) for c in links),
        "cdn_files_served_locally": sum(len(p["cdn_served"]) for p in pages.values()),
        "blocked_requests": sorted({u for p in pages.values() for u in p["blocked"]}),
        "console_errors_allowed": sum(len(p["allowed"]) for p in pages.values()),
        "console_errors_allowed_by_rule": {
            a["pattern"]: sum(1 for p in pages.values() for e in p["allowed"] if e["reason"] == a["reason"])
            for a in allowed_errors
        },
        "console_errors": sum(len(p["errors"]) for p in pages.values()),
        "axe_serious_or_critical": sum(
            len(v["nodes"]) for p in pages.values() for v in p["axe"] if v["impact"] in SERIOUS
        ),
        "axe_minor_or_moderate": sorted(
            {f"{v['id']} ({v['impact']})" for p in pages.values() for v in p["axe"] if v["impact"] not in SERIOUS}
        ),
        "screenshots": str(shots),
        "seconds": round(sum(p["seconds"] for p in pages.values()), 1),
    }
    per_page = {k: _page(p) for k, p in pages.items()}
    allowed = {a["pattern"]: a["reason"] for a in allowed_errors}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {"summary": summary, "allowed_console_errors": allowed, "pages": per_page}, indent=1, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    _LAST_SUMMARY.clear()
    _LAST_SUMMARY.update(summary)


def _page(p):
    out = {
        "status": p["status"],
        "seconds": p["seconds"],
        "equations": p["math"]["inline"] + p["math"]["display"],
        "images": len(p["images"]),
        "links": p.get("links_checked", {}),
        "allowed_console_errors": [e["text"][:120] for e in p["allowed"]],
        "console_errors": [e["text"][:300] for e in p["errors"]],
        "http_errors": p["http"],
        "axe": [f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in p["axe"]],
    }
    found = p.get("explorers", {})
    if found.get("ids"):
        out["explorer_opening"] = {"bytes": found["opening_bytes"], "files": found["opening_files"]}
        out["explorers"] = [_explorer(e) for e in found["explorers"]]
    return out


def _explorer(e):
    moves = e.get("moves", [])
    delays = _delays([e])
    return {
        "id": e["id"],
        "states": e.get("before", {}).get("states"),
        "controls": len(e.get("before", {}).get("controls", [])),
        "disabled_controls": len(e.get("disabled", [])),
        "moves": len(moves),
        "moves_changing_the_picture": len(delays),
        "worst_load_to_display_ms": _worst(delays),
        "move_errors": [f"{m['label']} {m['action']}: {m['error']}" for m in moves if m.get("error")],
        "crash": e.get("crash"),
        "axe": [f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in e.get("axe", {}).get("violations", [])],
        "screenshots": [e.get("screenshot_before"), e.get("screenshot_after")],
    }


def _summary_written_since(path, since):
    """The summary in ``path`` if it was written after ``since`` (time.time()), else {}."""
    try:
        if path.stat().st_mtime < since:
            return {}
        return json.loads(path.read_text(encoding="utf-8")).get("summary", {})
    except (OSError, ValueError):
        return {}


def terminal_summary(tr, path, shots, since=None):
    """The browser tests' lines at the end of the run.  ``since``: the run's start, when the tests
    ran in other processes (pytest-xdist's workers), which wrote the summary to ``path``."""
    outcomes = {
        key: sum(1 for r in tr.stats.get(key, []) if "tests/browser/" in getattr(r, "nodeid", ""))
        for key in ("passed", "failed", "skipped", "error")
    }
    if not any(outcomes.values()):
        return
    tr.write_sep("-", "browser tests")
    tr.write_line(
        f"browser tests: {outcomes['passed']} passed, {outcomes['failed']} failed, "
        f"{outcomes['skipped']} skipped, {outcomes['error']} errors"
    )
    s = _LAST_SUMMARY or (_summary_written_since(path, since) if since is not None else {})
    if not s:
        return
    tr.write_line(
        f"checked {s['pages']} pages in {s['seconds']} s: {s['equations']} equations "
        f"({s['display_equations']} displayed), {s['images']} images ({s['explorer_images']} of explorers), "
        f"{s['links']} links ({s['internal_links']} to files, {s['anchor_links']} to anchors; "
        f"{s['external_links_not_followed']} external not followed)"
    )
    worst = s["explorer_worst_load_to_display_ms"]
    tr.write_line(
        f"{s['explorers']} explorers: {s['explorer_controls_moved']} of {s['explorer_controls']} controls moved "
        f"({s['explorer_controls_disabled']} disabled), {s['explorer_moves']} moves "
        f"({s['explorer_moves_changing_the_picture']} changing the picture); picture shown at worst "
        f"{'-' if worst is None else worst} ms after it arrived (median {s['explorer_median_load_to_display_ms']} ms); "
        f"at most {s['explorer_largest_opening_bytes'] / 1e6:.2f} MB of frames on opening a page"
    )
    if s["explorer_moves_over_100_ms"]:
        again = ", ".join(f"{k}: worst {v} ms" for k, v in s["explorer_pages_measured_again"].items())
        tr.write_line(f"{s['explorer_moves_over_100_ms']} moves over 100 ms; measured again: {again or '-'}")
    tr.write_line(
        f"{s['cdn_files_served_locally']} CDN files served from tests/browser/node_modules; "
        f"blocked: {', '.join(s['blocked_requests']) or 'nothing'}; "
        f"{s['console_errors_allowed']} allow-listed console errors, {s['console_errors']} others; "
        f"axe: {s['axe_serious_or_critical']} serious/critical"
    )
    tr.write_line(f"report: {path}; screenshots: {shots}")
