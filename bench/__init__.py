"""Benchmarks for issue 6 ("Fast on any phone"). Run them with `make bench` and
`make lighthouse`; docs/performance.md holds the figures and how to read them."""
