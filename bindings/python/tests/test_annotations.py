"""The public API is typed (PEP 561: uclog/py.typed): every public function
and method of what ``uclog.__all__`` names has annotated parameters and a
return annotation."""

import inspect
import os

from helpers import TestCase, uclog

# Methods a class defines that are public API though they start with "_".
DUNDERS = ("__init__", "__enter__", "__exit__", "__len__", "__iter__", "__getitem__")


def unannotated(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    params = [p for p in sig.parameters.values() if p.name not in ("self", "cls")]
    return (any(p.annotation is inspect.Parameter.empty for p in params)
            or sig.return_annotation is inspect.Signature.empty)


def public_callables():
    for name in uclog.__all__:
        obj = getattr(uclog, name)
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj) and obj.__module__.startswith("uclog"):
            for attr, v in vars(obj).items():
                if attr.startswith("_") and attr not in DUNDERS:
                    continue
                if isinstance(v, property):
                    v = v.fget
                elif isinstance(v, (staticmethod, classmethod)):
                    v = v.__func__
                if inspect.isfunction(v) and v.__module__.startswith("uclog"):
                    yield "%s.%s" % (name, attr), v


class Annotations(TestCase):
    def test_every_public_function_is_annotated(self):
        found = dict(public_callables())
        self.assertIn("Log.messages", found)           # the walk sees methods
        self.assertIn("open", found)
        self.assertIn("MessageFields.timestamp", found)  # and properties
        self.assertEqual([n for n, fn in found.items() if unannotated(fn)], [])

    def test_py_typed(self):
        self.assertTrue(os.path.isfile(os.path.join(os.path.dirname(uclog.__file__), "py.typed")))

    def test_annotations_resolve(self):
        # the annotations are strings (from __future__ import annotations):
        # each must name something the module can resolve
        import typing
        for name, fn in public_callables():
            with self.subTest(name):
                typing.get_type_hints(fn, localns=vars(uclog))
