"""Language support outside the pipeline's stages: hyphenation and spelling (Voikko, Finnish)."""
