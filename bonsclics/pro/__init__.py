"""The professional space: structures, teams, learners, live workshops, activity, resources."""
