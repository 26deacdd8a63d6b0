#!/usr/bin/env python3
"""Checks that every quoted sentence in the policy packs occurs, character for character, in its source.

Usage: python3 packs/check_quotes.py [--sources DIR] [--schema] [pack.json ...]
With no pack given, checks every packs/*.json. A cite's `doc` is looked up in the pack and then in
its ancestors (through `parent`); when the document's `source` is a file in the sources directory
(default: ../shared/policy-sources beside the repository), the quote must occur in that file.
The sources are the five articles (`*.txt`) and national-quotes.md (the Chinese sentences of the
national documents, as stored); national-baseline.md is an English table, not a source to quote.
A cite with no `quote` (no sentence of the document was retrieved) must have a `note`; it is
counted, not checked. A source that is a URL cannot be checked here and is reported as skipped.
With --schema, each pack is also validated against schema/pack.schema.json (needs
`pip install jsonschema`).
Exits 1 when a quote is not found, a document or a source file is missing, a cite quotes
national-baseline.md, or the schema fails.
"""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def cites(pack):
    """Yields (json path, cite) for every cite in a pack."""
    for name, p in (pack.get('parameters') or {}).items():
        for i, v in enumerate(p.get('values') or []):
            if 'cite' in v:
                yield f'parameters.{name}.values[{i}].cite', v['cite']
    for i, p in enumerate(pack.get('programmes') or []):
        if 'cite' in p:
            yield f'programmes[{i}].cite', p['cite']
    for status, sp in (pack.get('statusPeriods') or {}).items():
        if 'cite' in sp:
            yield f'statusPeriods.{status}.cite', sp['cite']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sources', default=os.path.join(REPO, '..', 'shared', 'policy-sources'))
    ap.add_argument('--schema', action='store_true')
    ap.add_argument('packs', nargs='*')
    args = ap.parse_args()

    files = args.packs or sorted(glob.glob(os.path.join(HERE, '*.json')))
    by_id = {}
    for f in sorted(set(files) | set(glob.glob(os.path.join(HERE, '*.json')))):
        with open(f, encoding='utf-8') as fh:
            pack = json.load(fh)
        by_id[pack.get('id')] = (f, pack)

    validator = None
    if args.schema:
        import jsonschema
        with open(os.path.join(REPO, 'schema', 'pack.schema.json'), encoding='utf-8') as fh:
            validator = jsonschema.Draft202012Validator(json.load(fh))

    texts = {}
    failures = checked = skipped = unquoted = 0
    for f in files:
        with open(f, encoding='utf-8') as fh:
            pack = json.load(fh)
        name = os.path.basename(f)
        if validator:
            for e in sorted(validator.iter_errors(pack), key=lambda e: list(map(str, e.path))):
                print(f'{name}: schema: {"/".join(map(str, e.path)) or "(top)"}: {e.message}')
                failures += 1
        chain, seen, cur = [], set(), pack
        while cur is not None and cur.get('id') not in seen:
            seen.add(cur.get('id'))
            chain.append(cur)
            parent = cur.get('parent')
            cur = by_id[parent][1] if parent in by_id else None
        for path, c in cites(pack):
            doc = next((p['documents'][c.get('doc')] for p in chain if c.get('doc') in (p.get('documents') or {})), None)
            if doc is None:
                print(f'{name}: {path}: document "{c.get("doc")}" not found in the pack or its ancestors')
                failures += 1
                continue
            src = doc.get('source', '')
            if os.path.basename(src) == 'national-baseline.md':
                print(f'{name}: {path}: cites national-baseline.md (an English table): quote the Chinese sentence of national-quotes.md')
                failures += 1
                continue
            if 'quote' not in c:
                if not c.get('note'):
                    print(f'{name}: {path}: a cite without a quote needs a note saying why')
                    failures += 1
                unquoted += 1
                continue
            if '://' in src:
                skipped += 1
                continue
            full = os.path.join(args.sources, src)
            if full not in texts:
                try:
                    with open(full, encoding='utf-8') as fh:
                        texts[full] = fh.read()
                except OSError:
                    texts[full] = None
            if texts[full] is None:
                print(f'{name}: {path}: source file {src} not found in {args.sources}')
                failures += 1
            elif c.get('quote', '') not in texts[full]:
                print(f'{name}: {path}: quote not found in {src}: {c.get("quote")!r}')
                failures += 1
            else:
                checked += 1
    print(f'{checked} quotes found in their sources, {unquoted} cites without a sentence (title and issuer only), {skipped} URL sources skipped, {failures} problems')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
