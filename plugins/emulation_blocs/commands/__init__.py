"""``python -m emulation_blocs``: build without ever leaving a half-written output
(:mod:`.build`), check the content alone (:mod:`.check`), start a new report
(:mod:`.scaffold`), preview live (:mod:`.serve`); :mod:`.cli` parses the command line."""
