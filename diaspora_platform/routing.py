"""URL rules whose url_for builders are compiled when first used, not at start-up."""

from __future__ import annotations

from werkzeug.routing import Rule


class LazyBuildRule(Rule):
    """Werkzeug compiles two Python functions per rule to build its URLs; for the
    platform's ~200 rules that was about a sixth of a worker's start. Most workers build
    URLs for a few dozen rules, so each builder is compiled at its first use."""

    def _compile_builder(self, append_unknown: bool = True):
        compile_now = super()._compile_builder
        compiled = []

        def build(rule, **values):
            if not compiled:
                compiled.append(compile_now(append_unknown).__get__(rule, None))
            return compiled[0](**values)

        return build
