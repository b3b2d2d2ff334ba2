"""Streamlit app: ``streamlit run dashboard/app.py`` from the repository root.

The entry point only lays out the navigation: the map (dashboard/ui/map_page.py)
for everyone, and "Add a report" (dashboard/ui/add_report_page.py) only for whoever
dashboard.ui.access allows to edit (by default: someone at the machine running the
app; see README "Adding a report in the app").
"""

from __future__ import annotations

import sys
from pathlib import Path

# Started as a script from the repository root (as on Community Cloud) the
# package is not on sys.path yet.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboard.ui import page_setup  # noqa: E402
from dashboard.ui.page_access import access  # noqa: E402

page_setup.configure()  # (the pages run inside this script: they need neither sys.path nor the configuration again)
pages = [st.Page("ui/map_page.py", title="Map", default=True)]
if access().offered:
    pages.append(st.Page("ui/add_report_page.py", title="Add a report", url_path="add-report"))
st.navigation(pages, position="top" if len(pages) > 1 else "hidden").run()
