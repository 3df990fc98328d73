"""Training: schedule, optimiser, loss, metrics, strategy and the fit loop."""
