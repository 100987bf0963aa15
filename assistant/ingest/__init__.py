"""files → Document: reading corpus files in any supported format, the outline rules, passages with offsets."""
