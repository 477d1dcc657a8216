"""Teams resource."""
