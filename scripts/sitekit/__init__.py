"""Build pipeline of the site kit: YAML -> validate -> model -> render -> generated files.

Each step is one module; data flows one way and no step reaches back:
``problems`` (error type) -> ``yamlsource`` (parse, keep lines) -> ``validate_*`` (check) ->
``model`` (typed) -> ``project`` (the project value, made once by ``pipeline.load``) ->
``render`` (Jinja2 -> strings) -> ``output`` (write changed files). The README's "How it fits
together" lists the modules of each step.
"""
