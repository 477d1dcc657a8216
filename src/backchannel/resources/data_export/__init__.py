"""Content data export: export jobs, run in the background, and their gzipped CSV files."""
