"""Reading a question: normalisation, typos, the English glossary, conversation, outline requests."""
