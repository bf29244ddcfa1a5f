"""tools/offline_assets.py: a built page's embedded widget state keeps no model whose
JavaScript the book does not serve (ipyevents' click events of the playground)."""
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import offline_assets  # noqa: E402


def _playground_state():
    """The widget state a notebook run stores for a page with a playground."""
    import ipywidgets as w

    from mlpcourse.playground import Playground
    pg = Playground()
    state = w.Widget.get_manager_state(drop_defaults=True, widgets=None)
    return pg, state


def _references(models):
    return set(re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(models)))


def test_the_playgrounds_click_events_are_dropped_and_nothing_else_breaks():
    pg, state = _playground_state()
    events = pg.image_events.model_id
    assert state["state"][events]["model_module"] == "ipyevents"
    kept = offline_assets.drop_kernel_only_models(state)
    assert events not in kept["state"]
    assert {m["model_module"] for m in kept["state"].values()}.isdisjoint(
        offline_assets.KERNEL_ONLY_MODULES)
    assert pg.image.model_id in kept["state"] and pg.widget.model_id in kept["state"]
    assert _references(kept["state"]) <= set(kept["state"])  # every reference resolves
    assert len(kept["state"]) == len(state["state"]) - sum(
        m["model_module"] == "ipyevents" for m in state["state"].values())
    assert kept["version_major"] == state["version_major"]


def test_an_events_model_that_another_widget_uses_is_an_error():
    state = {"state": {
        "a": {"model_module": "ipyevents", "state": {}},
        "b": {"model_module": "@jupyter-widgets/controls", "state": {"x": "IPY_MODEL_a"}}}}
    with pytest.raises(offline_assets.ExtensionError, match="used by other widgets"):
        offline_assets.drop_kernel_only_models(state)


def test_the_page_hook_rewrites_the_embedded_state_script():
    from sphinx.builders.html._assets import _JavaScript
    state = {"version_major": 2, "version_minor": 0, "state": {
        "a": {"model_module": "ipyevents", "state": {"source": "IPY_MODEL_b"}},
        "b": {"model_module": "@jupyter-widgets/controls",
              "state": {"value": "</script>"}}}}
    body = json.dumps(state).replace("</script>", r"<\/script>")
    other = _JavaScript("offline/require.js")
    scripts = [other, _JavaScript(None, type=offline_assets.WIDGET_STATE, body=body)]
    offline_assets._drop_event_models(None, "book/playground", "page.html",
                                      {"script_files": scripts}, None)
    assert scripts[0] is other
    new = scripts[1].attributes
    assert new["type"] == offline_assets.WIDGET_STATE and "</script>" not in new["body"]
    assert json.loads(new["body"])["state"] == {"b": state["state"]["b"]}
