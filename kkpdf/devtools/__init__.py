"""Tools for developing kkpdf (benchmark, generated books); not used by a build."""
