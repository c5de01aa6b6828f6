"""MkDocs hooks of this site (listed under ``hooks:`` in mkdocs.yml).

Diagrams are drawn beforehand into SVG images (site_tools/diagrams.py, a hook of its own): the site
serves no mermaid script.
"""
