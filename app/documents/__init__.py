"""Documents for people: the meeting brief, exported lists (CSV, XLSX, PDF, ICS, JSON), templates."""
