"""The digital-autonomy diagnostic: adaptive questions, result, resume code."""
