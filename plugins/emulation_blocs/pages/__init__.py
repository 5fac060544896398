"""Step 5 of the pipeline: what the site shows. Pelican generators for the pages per bloc,
bloc-year, organisation and province (:mod:`.bloc_pages`) and per year, with the open data files
and the redirects of old URLs (:mod:`.year_pages`); feeds, sitemap, search index; and what the
templates in ``templates/`` use: Vietnamese labels and dates (:mod:`.formatting`), charts
(:mod:`.charts`), structured data (:mod:`.structured_data`)."""
