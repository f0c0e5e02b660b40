"""Publishing a finished book: signing, verification and the archive folder."""
