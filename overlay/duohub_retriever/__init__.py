"""duohub_retriever: typed client for the duohub Retriever API."""
