"""pytest set-up for every test folder (tests/ and each widget's folder under
scripts/sitekit/widgets/): the shared fixtures and the `full` marking live in tests/site_fixtures.py."""
pytest_plugins = ["site_fixtures"]
