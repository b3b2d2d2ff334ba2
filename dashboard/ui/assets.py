"""The vendored Leaflet files and our map script, served by this Streamlit server
(no CDN): a declared component's folder is served with proper content types.
Declared in a module of its own because a page script run by st.navigation has
no module for Streamlit to name the component after."""

from __future__ import annotations

import streamlit.components.v1 as components

from dashboard.map import mapview

_assets = components.declare_component("map_assets", path=str(mapview.STATIC))
ASSET_BASE = f"../{_assets.name}/"  # relative to the map's iframe
