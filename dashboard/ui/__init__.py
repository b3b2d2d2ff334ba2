"""The app's pages and what they need from Streamlit (access), over view logic that needs none."""
