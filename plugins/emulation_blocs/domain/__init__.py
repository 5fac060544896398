"""Steps 2–4 of the pipeline, on plain data: the model (:mod:`.model`), names resolved against
the registry (:mod:`.resolve`), reports gathered per bloc and year, organisation and province
(:mod:`.aggregate`) and per year across provinces (:mod:`.years`), two articles given one file
(:mod:`.collisions`), slugs that cannot make a file (:mod:`.slugs`); :mod:`.pipeline` runs them
in order for a build and for ``check``."""
