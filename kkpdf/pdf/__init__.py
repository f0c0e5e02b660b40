"""Stage 6, post-processing: the laid-out parts joined, PDF/A and PDF/UA, written safely."""
