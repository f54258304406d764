"""Build steps that turn curated YAML into the published tables (not part of the installed package)."""
