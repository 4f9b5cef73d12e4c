"""One router per resource (STYLE §4): moderate, review, reports, appeals, audit, admin."""
