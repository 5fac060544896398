"""Every use of Pelican's private API and every replacement of one of its functions, in one
place, for the versions of Pelican it was tested with (:data:`.version.TESTED`): the writer
that skips unchanged pages (:mod:`.writer`), the content caches (:mod:`.caches`), the
copying of static files (:mod:`.copies`), content objects (:mod:`.contents`,
:mod:`.article_urls`), three quadratic loops (:mod:`.loops`), what a Jinja macro can read
(:mod:`.macros`) and the fast exit of a finished build (:mod:`.process`). A new version of
Pelican or Jinja is checked against these modules first; :func:`.version.check_version`
refuses an untested Pelican at registration.
"""
