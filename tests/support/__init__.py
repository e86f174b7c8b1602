"""What the tests share: the people (people.py), reading a page (page.py), answering the
wizard (walk.py) and starting real servers (server.py). No test module imports another."""
