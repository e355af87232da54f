"""The property-graph model, the stores and the NetworkX bridge."""
