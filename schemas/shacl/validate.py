#!/usr/bin/env python3
"""Validate an RDF file against SHACL shapes with pyshacl and print one JSON report.

    .venv/bin/python schemas/shacl/validate.py --shapes A.ttl [--shapes B.ttl …] [--ont X.ttl …] DATA [--format F]

Prints {"conforms": bool, "results": [{"focus", "path", "value", "severity", "message", "shape"}]}.
Exit 0 when the data conforms (warnings and infos do not count), 1 when it does not, 2 on a usage,
parse or shapes-graph error (message on stderr). See schemas/shacl/README.md for the shape sets.
"""
import argparse
import json
import sys

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format

FORMATS = ("turtle", "xml", "json-ld", "nt")


def load(paths, fmt=None):
    graph = Graph()
    for path in paths:
        fmt_here = fmt or guess_format(path)
        if fmt_here is None and path.startswith(("http://", "https://")):
            graph.parse(path)  # rdflib picks the parser from the response's Content-Type
        else:
            graph.parse(path, format=fmt_here or "turtle")
    return graph


def term(node):
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def shape_name(shapes, shape):
    """A blank property shape is named after the node shape that holds it, plus its path."""
    if not isinstance(shape, BNode):
        return term(shape)
    parent = next(shapes.subjects(SH.property, shape), None)
    path = shapes.value(shape, SH.path)
    if parent is None:
        return term(shape)
    return f"{term(parent)} / {term(path) if isinstance(path, URIRef) else 'property'}"


def message(report, result):
    """The @en sh:message if there is one, else an untagged one (pyshacl's own), else any."""
    ranked = sorted(report.objects(result, SH.resultMessage),
                    key=lambda m: (getattr(m, "language", None) != "en", bool(getattr(m, "language", None)), str(m)))
    return str(ranked[0]) if ranked else ""


def results(report, shapes):
    rows = []  # top-level results only: nested sh:detail results repeat what their parent says
    top = [r for report_node in report.subjects(RDF.type, SH.ValidationReport)
           for r in report.objects(report_node, SH.result)]
    for result in top:
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        rows.append({
            "focus": term(report.value(result, SH.focusNode)),
            "path": term(path) if isinstance(path, URIRef) else ("(complex path)" if path else None),
            "value": term(report.value(result, SH.value)),
            "severity": str(severity).rsplit("#", 1)[-1] if severity else None,
            "message": message(report, result),
            "shape": shape_name(shapes, report.value(result, SH.sourceShape)),
        })
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in ("focus", "path", "shape", "message", "value")))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", action="append", required=True, metavar="FILE",
                        help="a SHACL shapes file; repeat to combine several into one shapes graph")
    parser.add_argument("--ont", action="append", default=[], metavar="FILE",
                        help="extra triples (vocabulary typings, subclass axioms) merged in full into "
                             "the data graph before validation; repeatable")
    parser.add_argument("--fix-pathless", action="store_true",
                        help="run sh:property values without sh:path (HealthDCAT-AP r8's conditional "
                             "sh:or rule) as node shapes with their parent's targets; noted on stderr")
    parser.add_argument("data", metavar="DATA", help="the RDF file to validate")
    parser.add_argument("--format", choices=FORMATS, help="format of DATA (default: from its extension)")
    args = parser.parse_args(argv)

    try:
        from pyshacl import validate
    except ImportError:
        print("validate.py: pyshacl is missing; run .ci/python-deps and use .venv/bin/python", file=sys.stderr)
        return 2
    try:
        shapes = load(args.shapes)
        data = load([args.data], args.format)
        for path in args.ont:
            data += load([path])
    except Exception as err:  # rdflib raises many parser-specific exception types
        print(f"validate.py: cannot parse input: {err}", file=sys.stderr)
        return 2
    for parent, prop in list(shapes.subject_objects(SH.property)) if args.fix_pathless else []:
        if shapes.value(prop, SH.path) is None:  # make it a node shape with the parent's targets
            shapes.remove((parent, SH.property, prop))
            shapes.add((prop, RDF.type, SH.NodeShape))
            for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
                for value in shapes.objects(parent, target):
                    shapes.add((prop, target, value))
            print(f"validate.py: {term(parent)}: path-less sh:property run as a node shape", file=sys.stderr)
    try:
        conforms, report, _ = validate(
            data, shacl_graph=shapes, inference="none", advanced=True,  # advanced: SPARQL targets/rules
            allow_warnings=True, abort_on_first=False, meta_shacl=False)
    except Exception as err:  # pyshacl aborts on malformed shapes (e.g. a property shape without sh:path)
        print(f"validate.py: pyshacl could not run these shapes: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    print(json.dumps({"conforms": bool(conforms), "results": results(report, shapes)},
                     ensure_ascii=False, indent=2))
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main())
