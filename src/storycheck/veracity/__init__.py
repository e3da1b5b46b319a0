"""Claim-level veracity: PolitiFact's six-way verdict of a statement, trained on LIAR."""
