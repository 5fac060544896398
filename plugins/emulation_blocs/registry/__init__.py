"""The registry: provinces, blocs, organisations, award types and authorities, read from
``content/<BLOCS_REGISTRY_PATH>/`` (:mod:`.registry`), with the former ids that keep old URLs
answering (:mod:`.former_ids`) and the normalised names every lookup goes through
(:mod:`.names`)."""
