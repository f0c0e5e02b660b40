"""Stage 6, post-processing: the laid-out parts joined, tagged, PDF/A and PDF/UA (`finish`)."""
