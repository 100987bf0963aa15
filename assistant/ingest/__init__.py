"""files → Document: reading corpus files, the outline rules, passages with offsets."""
