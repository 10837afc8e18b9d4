# reviews
