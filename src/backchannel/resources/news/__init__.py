"""News resource: news items, the newsfeeds they are published to, and a feed's live items."""
