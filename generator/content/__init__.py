"""The only reader and the trust boundary: content files in, a frozen typed model (or every problem) out."""
