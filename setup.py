"""Build hook for the optional C accelerators; everything else is in pyproject.toml.

``syndetect._scan`` (the tokenizer) and ``syndetect._fingerprint`` (token key hashes
and MinHash) are optional: where no C compiler is available the build goes on
without them and ``syndetect.text`` / ``syndetect.fingerprint`` run their own numpy
code, with identical results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "syndetect._scan",
            sources=["src/syndetect/_scan.c"],
            optional=True,
            extra_compile_args=["-O2"],
        ),
        Extension(
            "syndetect._fingerprint",
            sources=["src/syndetect/_fingerprint.c"],
            optional=True,
            extra_compile_args=["-O3"],  # -O3 vectorises the MinHash loop
        ),
        Extension(
            "syndetect._align",  # seeding and tiling of syndetect.align (optional too)
            sources=["src/syndetect/_align.c"],
            optional=True,
            extra_compile_args=["-O2"],
        ),
    ]
)
