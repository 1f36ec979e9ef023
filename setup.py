"""Build hook for the optional C tokenizer; everything else is in pyproject.toml.

``syndetect._scan`` is optional: where no C compiler is available the build goes on
without it and ``syndetect.text`` runs its own (numpy) tokenizer, with identical
results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "syndetect._scan",
            sources=["src/syndetect/_scan.c"],
            optional=True,
            extra_compile_args=["-O2"],
        )
    ]
)
