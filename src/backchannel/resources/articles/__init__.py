"""Articles resource: Help Center articles, their translations and search."""
