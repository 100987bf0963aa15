"""The persisted index: generations on disk, dense (FAISS) and sparse (BM25) parts, build and load."""
