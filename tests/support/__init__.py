"""What the tests share, by what it is: the people (people.py), reading a page (page.py),
answering the wizard (walk.py), the form-posting client (client.py), counter mode's form
(counter.py), the security headers and production's responses (headers.py), the .po reader
(catalogue.py), real servers (server.py, gunicorn.py), the benchmarked pages (pages.py),
deployments (deployments.py), the browser's keyboard and print (keyboard.py, printing.py)
and the accessibility record (accessibility_results.py). No test module imports another,
nor bench/ (tests/test_layout.py)."""
