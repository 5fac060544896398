"""Work a build can skip, without changing a byte of what it writes.

Each page's key (:mod:`.pagekeys`, :mod:`.fingerprint`) and the page cache (:mod:`.pagecache`)
let the writer (:mod:`.writer`, and Pelican's side of it in :mod:`..pelican_compat.writer`)
skip pages unchanged since the last build, and parts of pages whose key, made of what they
read, is unchanged (:mod:`.fragments`); the preview server keeps its articles between builds
(:mod:`.kept_articles`); a preview builds into a fresh folder of hard links (:mod:`.hardlinks`)
and ends with exactly the files it produced (:mod:`.produced`); values worked out from files
are kept on disk, every cache written and read through :mod:`.diskcache`
(:mod:`.readercache`, :mod:`.templatecache`); the collector is paused while nothing becomes
garbage (:mod:`.collector`). Deleting any of these changes the time a build takes, not its
output (docs/performance.md), except :mod:`.produced`, which a preview needs.
"""
