"""The open data beside the pages: ``data/blocs.json`` (:mod:`.document`, written by
:mod:`.blocs_file`), the same narrowed per year and per bloc with CSV tables and the checksummed
catalogue (:mod:`.files`, :mod:`.csv_tables`). Schema: docs/data.md."""
