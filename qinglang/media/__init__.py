"""Media decoding and metadata: images, audio, video containers, PDFs and office files (DESIGN §1)."""
