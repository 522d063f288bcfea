"""Words the synthetic record is made of: bodies, schedules, people, organisations, topics."""

from __future__ import annotations

# (key, name, short name): the first is the main committee, whose brief the benchmark prints.
BODIES: tuple[tuple[str, str, str], ...] = (
    ("nec", "National Executive Committee", "NEC"),
    ("org", "Organisation Committee", "Org"),
    ("dfp", "Development Fund Panel", "DFP"),
    ("disputes", "Disputes Panel", "Disputes"),
    ("equalities", "Equalities Committee", "Equalities"),
    ("finance", "Finance and Audit Committee", "F&A"),
    ("home-policy", "Home Policy Commission", "Home Policy"),
    ("intl-policy", "International Policy Commission", "Intl Policy"),
    ("local-gov", "Local Government Committee", "Local Gov"),
    ("youth", "Youth Committee", "Youth"),
    ("women", "Women's Committee", "Women"),
    ("bame", "BAME Members' Committee", "BAME"),
    ("disability", "Disability Committee", "Disability"),
    ("tulo", "Trade Union Liaison Committee", "TULO"),
    ("scot-exec", "Scottish Executive Committee", "SEC"),
    ("welsh-exec", "Welsh Executive Committee", "WEC"),
    ("london", "London Regional Board", "London"),
    ("north-west", "North West Regional Board", "North West"),
    ("north-east", "North East Regional Board", "North East"),
    ("yorkshire", "Yorkshire and the Humber Regional Board", "Yorkshire"),
    ("east-mids", "East Midlands Regional Board", "East Mids"),
    ("west-mids", "West Midlands Regional Board", "West Mids"),
    ("eastern", "Eastern Regional Board", "Eastern"),
    ("south-east", "South East Regional Board", "South East"),
    ("south-west", "South West Regional Board", "South West"),
    ("conference", "Conference Arrangements Committee", "CAC"),
    ("selections", "Selections Panel", "Selections"),
    ("complaints", "Complaints Panel", "Complaints"),
    ("digital", "Digital Board", "Digital"),
    ("staffing", "Staffing Committee", "Staffing"),
    ("campaigns", "Campaigns Board", "Campaigns"),
    ("membership", "Membership Committee", "Membership"),
    ("training", "Training Board", "Training"),
    ("ethics", "Ethics Committee", "Ethics"),
    ("remuneration", "Remuneration Committee", "Remuneration"),
    ("risk", "Risk Committee", "Risk"),
    ("procedures", "Procedures Committee", "Procedures"),
    ("heritage", "Heritage Board", "Heritage"),
    ("affiliates", "Affiliates Forum", "Affiliates"),
    ("councillors", "Councillors' Network Board", "Councillors"),
)

# RRULEs with roughly the weights bodies meet with: ~11 meetings a year on average.
SCHEDULES: tuple[tuple[str, int], ...] = (
    ("FREQ=MONTHLY;BYDAY=-1TU", 30),
    ("FREQ=MONTHLY;BYDAY=2WE", 20),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU", 20),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH", 15),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 8),
    ("FREQ=MONTHLY;BYDAY=1MO", 7),
)

# People's names are drawn from these (split on spaces).
FIRST_NAMES = (
    "Angela Ben Carys David Emily Faisal Grace Hassan Imogen James Kate Liam Maria Nadia Owen"
    " Priya Rachel Sam Tariq Uma Victor Wendy Yusuf Zoe Aled Bronwen Callum Deborah Ewan"
    " Fiona Gareth Helen Ian Joanne Kwame Lucy Mohammed Niamh Oliver Parveen"
)
LAST_NAMES = (
    "Adams Begum Campbell Davies Evans Fraser Green Hughes Iqbal Jones Khan Lewis Morgan"
    " Nolan Okafor Patel Quinn Roberts Smith Taylor Underwood Vaughan Williams Young Ahmed"
    " Brown Clarke Doyle Edwards Fletcher"
)
ORGANISATIONS = (
    "General Secretary's Office",
    "Governance and Legal Unit",
    "Party Treasurer",
    "Finance Directorate",
    "Membership Services",
    "Digital Team",
    "Policy Unit",
    "Campaigns Directorate",
    "Regional Office",
    "Compliance Unit",
    "Complaints Team",
    "Conference Office",
    "Equalities Unit",
    "Training Team",
    "External Auditors",
    "Independent Reviewer",
    "Staffing Department",
    "Data Protection Officer",
    "Press Office",
    "Trade Union Liaison Office",
)

DELIVERABLES = (
    "Report on",
    "Review of",
    "Paper on",
    "Update on",
    "Proposals for",
    "Audit of",
    "Action plan for",
    "Figures on",
    "Consultation on",
    "Timetable for",
)
TOPICS = (
    "membership numbers",
    "the complaints backlog",
    "selection procedures",
    "conference arrangements",
    "the party's finances",
    "data protection",
    "regional staffing",
    "digital voting",
    "the code of conduct",
    "equality monitoring",
    "candidate training",
    "affiliation fees",
    "the disputes process",
    "the election review",
    "safeguarding",
    "the new rulebook",
    "local campaign funds",
    "the members' survey",
    "youth representation",
    "accessibility of meetings",
)
REASONS = (
    "Legal checks not finished",
    "Awaiting figures from the regions",
    "Staff shortage",
    "Waiting for the auditors",
    "Consultation extended",
    "Overtaken by the election",
    "Further evidence received",
    "Chair unavailable",
)
NOTES = (
    "Largely completed; final checks under way",
    "Did not arrive for the meeting",
    "Draft seen by the officers",
    "Chased by the chair in writing",
    "Reported as on track",
    "Members asked for a date",
)
AGENDA = (
    "Apologies and declarations of interest",
    "Minutes of the previous meeting",
    "Matters arising",
    "General Secretary's report",
    "Treasurer's report",
    "Membership report",
    "Complaints and disputes",
    "Policy development",
    "Elections and selections",
    "Conference preparations",
    "Regional reports",
    "Equalities report",
    "Governance review",
    "Any other business",
)
