"""Docket's Qt desktop interface; depends on app/ and db/, never the other way round."""
