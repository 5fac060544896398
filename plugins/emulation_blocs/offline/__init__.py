"""The offline archive (:mod:`.archive`): a copy of the site that opens from disk, with its
links rewritten (:mod:`.htmllinks`) and checked (:mod:`.linkcheck`)."""
