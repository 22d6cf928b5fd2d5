#!/usr/bin/env python3
"""Rewrite rules/ JSON files compactly: scalar arrays and small objects inline, wrapped at 118 columns."""
import json, sys

WIDTH = 118

def inline(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))

def fmt(v, ind):
    pad = "  " * ind
    if isinstance(v, dict):
        if not v:
            return "{}"
        one = inline(v)
        if len(one) + len(pad) <= WIDTH and all(not isinstance(x, (dict,)) or len(inline(x)) < 60 for x in v.values()):
            return one
        items = [f'{pad}  {json.dumps(k)}: {fmt(x, ind + 1)}' for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(not isinstance(x, dict) and (not isinstance(x, list) or all(not isinstance(y, (list, dict)) for y in x)) for x in v):
            parts = [inline(x) for x in v]
            one = "[" + ", ".join(parts) + "]"
            if len(one) + len(pad) <= WIDTH - 20:
                return one
            lines, cur = [], ""
            for p in parts:
                if cur and len(pad) + 2 + len(cur) + len(p) + 2 > WIDTH:
                    lines.append(cur.rstrip())
                    cur = ""
                cur += p + ", "
            lines.append(cur.rstrip(", "))
            return "[\n" + ",\n".join(pad + "  " + l.rstrip(",") for l in lines) + "\n" + pad + "]"
        items = [pad + "  " + fmt(x, ind + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return inline(v)

for path in sys.argv[1:]:
    with open(path) as f:
        data = json.load(f)
    with open(path, "w") as f:
        f.write(fmt(data, 0) + "\n")
