"""The map: folium elements, the marker and territory format, the words for a place's state, and the static JavaScript they drive."""
