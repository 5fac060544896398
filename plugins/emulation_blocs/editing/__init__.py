"""The browser editor (Decap CMS): its configuration generated from the schema and the registry,
the draft check behind its preview pane, and its server beside the live preview."""
