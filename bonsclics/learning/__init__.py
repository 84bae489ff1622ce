"""Learning modules: lessons, exercises checked on the server, progress, attestations."""
