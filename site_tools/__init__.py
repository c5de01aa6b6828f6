"""Tooling for the tutorial site: the Sybil harness and the MkDocs hooks."""
