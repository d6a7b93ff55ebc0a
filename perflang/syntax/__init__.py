"""Text to nodes: the grammar, the fast line scanner and the LALR path, syntax-error recovery
and hints, the builder and the nodes; the formatter that writes nodes back as text."""
