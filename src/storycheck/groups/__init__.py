"""Stories that report the same thing across outlets, who printed first, how the wording moved."""
