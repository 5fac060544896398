"""Every use of Pelican's private API, in one place, for the versions of Pelican it was tested
with."""
