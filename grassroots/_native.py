"""Finds the compiled half of the package, _grassroots.

Installed (cmake --install), it sits next to these files. In a checkout it is built into
build/python/ (or $GRASSROOTS_BUILD_DIR/python/), and this package, at the checkout's top,
loads it from there: `import grassroots` works from the checkout's directory after
scripts/demo.sh.
"""
import glob
import importlib.machinery
import importlib.util
import os
import sys

_HELP = (
    "grassroots: the compiled module _grassroots was not found or does not load in this Python "
    "({python}). Build it with scripts/demo.sh (it needs pybind11-dev: scripts/bootstrap.sh), and "
    "use the interpreter it was built for, /usr/bin/python3, which has Debian's pandas and numpy; "
    "or set GRASSROOTS_BUILD_DIR to the build directory. {detail}"
)


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = []
    if os.environ.get("GRASSROOTS_BUILD_DIR"):
        dirs.append(os.path.join(os.environ["GRASSROOTS_BUILD_DIR"], "python"))
    dirs.append(os.path.join(os.path.dirname(here), "build", "python"))
    for d in dirs:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(d, "_grassroots" + suffix)
            if os.path.exists(path):
                yield path
        yield from sorted(glob.glob(os.path.join(d, "_grassroots*.so")))


def _load():
    try:
        from . import _grassroots  # installed next to this file

        return _grassroots
    except ImportError:
        pass
    errors = []
    for path in _candidates():
        spec = importlib.util.spec_from_file_location("grassroots._grassroots", path)
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except ImportError as e:
            errors.append(f"{path}: {e}")
            continue
        sys.modules["grassroots._grassroots"] = module
        return module
    raise ImportError(_HELP.format(python=sys.executable, detail="; ".join(errors) or "No build found."))


native = _load()
