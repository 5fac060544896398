"""The open data beside the pages: ``data/blocs.json`` (:mod:`.document`), the same narrowed
per year and per bloc with CSV tables (:mod:`.csv_tables`), planned with their checksummed
catalogue (:mod:`.files`) and written in one pass (:mod:`.writing`). Schema: docs/data.md."""
