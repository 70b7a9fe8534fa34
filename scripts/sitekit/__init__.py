"""Build pipeline of the site kit: YAML -> validate -> model -> render -> generated files.

Each step is one module; data flows one way and no step reaches back:
``problems`` (error type) -> ``yamlsource`` (parse, keep lines) -> ``validate_*`` (check) ->
``model`` (typed, enriched) -> ``render`` (Jinja2 -> strings) -> ``output`` (write changed files).
"""
