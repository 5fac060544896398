"""Step 1 of the pipeline: reading what the writers wrote.

A report's Markdown and YAML front matter (:mod:`.reader`), read strictly as text until the
JSON schemas in ``schemas/`` say what each value is (:mod:`.yamlsource`, :mod:`.validation`,
with :mod:`.fast_schema` as a quick yes-or-no check before the full one), with every syntax
error explained in Vietnamese (:mod:`.yamlerrors`); characters no page may hold found and
replaced (:mod:`.characters`), the limits on what is read (:mod:`.limits`), and every file of the
content folder read or reported (:mod:`.inventory`).
"""
