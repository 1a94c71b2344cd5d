#!/usr/bin/env python3
"""Generates the source-like tree that bench/scan/run.sh scans.

Usage: gen_tree.py OUT_DIR [TOTAL_MB] [SEED]

Writes, under OUT_DIR:
  tree/            ~TOTAL_MB (default 200) MB of code-like text in nested folders (Rust, Python,
                   JavaScript, Go, YAML, Markdown, lock files with hashes), a .gitignore with an
                   ignored build folder, and a few binary files
  needles.txt      1,000 vault values (random 40-character alphanumeric tokens), one a line
  raw.txt          the same values: ripgrep's fixed strings for the raw-only comparison
  forms.txt        every form the engine searches (raw, base64 cores at the three alignments,
                   base64url, hex, URL), one a line: ripgrep's fixed strings for the fair one
  expected.txt     how many of the engine's secret findings the planted values make

Deterministic for a given seed. Uses only the standard library.
"""

import base64
import os
import random
import sys

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
SYLLABLES = [
    "ac", "al", "an", "ar", "be", "bu", "ca", "co", "de", "di", "do", "en", "er", "es", "fi",
    "ge", "ha", "he", "in", "io", "is", "ka", "la", "le", "li", "lo", "ma", "me", "mi", "mo",
    "na", "ne", "no", "on", "or", "pa", "pe", "po", "ra", "re", "ri", "ro", "sa", "se", "si",
    "so", "ta", "te", "ti", "to", "tu", "un", "ur", "va", "ve", "vi", "wa", "xe", "za", "ze",
]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def ident(rng, style):
    parts = [word(rng) for _ in range(rng.randint(1, 3))]
    if style == "snake":
        return "_".join(parts)
    if style == "camel":
        return parts[0] + "".join(p.capitalize() for p in parts[1:])
    return "".join(p.capitalize() for p in parts)


def rust_line(rng):
    k = rng.randrange(12)
    a, b, c = ident(rng, "snake"), ident(rng, "snake"), ident(rng, "pascal")
    return [
        f"    let {a} = {b}.{ident(rng, 'snake')}(&{ident(rng, 'snake')})?;",
        f"pub fn {a}({b}: &{c}) -> Result<{ident(rng, 'pascal')}, Error> {{",
        f"    // {word(rng)} {word(rng)} {word(rng)} {word(rng)}: {word(rng)} the {word(rng)}.",
        f"    if {a}.len() > {rng.randint(0, 4096)} {{ return Err(Error::{c}); }}",
        f"use crate::{a}::{{{c}, {ident(rng, 'pascal')}}};",
        f"        {a}.push_str(\"{word(rng)} {word(rng)}\");",
        f"    }}",
        f"#[derive(Debug, Clone, PartialEq)]",
        f"struct {c} {{ {a}: u{rng.choice([8, 16, 32, 64])}, {b}: String }}",
        f"    match {a} {{ Some(x) => x, None => {rng.randint(0, 999)} }},",
        f"    assert_eq!({a}, {rng.randint(0, 1 << 20)});",
        "",
    ][k]


def python_line(rng):
    k = rng.randrange(10)
    a, b, c = ident(rng, "snake"), ident(rng, "snake"), ident(rng, "pascal")
    return [
        f"    {a} = {b}.{ident(rng, 'snake')}({ident(rng, 'snake')}, timeout={rng.randint(1, 60)})",
        f"def {a}(self, {b}, *args, **kwargs):",
        f"    # {word(rng)} {word(rng)} {word(rng)} {word(rng)} {word(rng)}",
        f"class {c}({ident(rng, 'pascal')}):",
        f"        return {{\"{word(rng)}\": {a}, \"{word(rng)}\": {rng.random():.6f}}}",
        f"from {a}.{b} import {c}",
        f"        logger.info(\"{word(rng)} %s {word(rng)}\", {a})",
        f"    {a} = os.environ.get(\"{ident(rng, 'snake').upper()}\", \"\")",
        "",
        f"        for {a} in {b}:",
    ][k]


def js_line(rng):
    k = rng.randrange(9)
    a, b = ident(rng, "camel"), ident(rng, "camel")
    return [
        f"  const {a} = await {b}.{ident(rng, 'camel')}({{ {word(rng)}: {rng.randint(0, 99)} }});",
        f"export function {a}({b}, {ident(rng, 'camel')}) {{",
        f"  // {word(rng)} {word(rng)} {word(rng)} {word(rng)}",
        f"import {{ {a}, {b} }} from './{word(rng)}/{word(rng)}.js';",
        f"  if (!{a}) throw new Error(`{word(rng)} ${{{b}}} {word(rng)}`);",
        f"  return {a}.map(({b}) => {b}.{ident(rng, 'camel')});",
        "}",
        "",
        f"    {a}: '{word(rng)}-{word(rng)}',",
    ][k]


def go_line(rng):
    k = rng.randrange(8)
    a, b, c = ident(rng, "camel"), ident(rng, "camel"), ident(rng, "pascal")
    return [
        f"\t{a}, err := {b}.{c}(ctx, {ident(rng, 'camel')})",
        "\tif err != nil {\n\t\treturn nil, err\n\t}",
        f"func ({a} *{c}) {ident(rng, 'pascal')}({b} string) error {{",
        f"\t// {c} {word(rng)} {word(rng)} {word(rng)}.",
        f"\t{a} := make(map[string]int, {rng.randint(1, 128)})",
        "}",
        "",
        f"type {c} struct {{ {ident(rng, 'pascal')} int64 `json:\"{word(rng)}\"` }}",
    ][k]


def yaml_line(rng):
    k = rng.randrange(6)
    return [
        f"  {word(rng)}: {word(rng)}-{rng.randint(0, 99)}",
        f"    - name: {ident(rng, 'snake')}",
        f"      image: registry.example/{word(rng)}/{word(rng)}:{rng.randint(1, 9)}.{rng.randint(0, 30)}",
        f"  {word(rng)}_{word(rng)}: \"{word(rng)} {word(rng)}\"",
        f"{word(rng)}:",
        f"    replicas: {rng.randint(1, 12)}",
    ][k]


def md_line(rng):
    n = rng.randint(4, 16)
    return " ".join(word(rng) for _ in range(n)).capitalize() + "."


def lock_line(rng):
    # Lock files are full of hashes: hex and base64, which entropy scanners look at.
    k = rng.randrange(3)
    name = word(rng)
    if k == 0:
        return f"name = \"{name}\"\nversion = \"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 20)}\""
    if k == 1:
        return f"checksum = \"{rng.getrandbits(256):064x}\""
    blob = base64.b64encode(rng.getrandbits(512).to_bytes(64, "big")).decode()
    return f"  \"integrity\": \"sha512-{blob}\","


KINDS = [
    ("rs", rust_line, 30),
    ("py", python_line, 20),
    ("js", js_line, 20),
    ("go", go_line, 12),
    ("yaml", yaml_line, 6),
    ("md", md_line, 6),
    ("lock", lock_line, 6),
]


def encoded_forms(value: bytes):
    """The same forms as src/scan.rs `encoded_forms`, for ripgrep's fixed strings."""
    forms = [value]
    for engine in (base64.b64encode, base64.urlsafe_b64encode):
        for shift in range(3):
            enc = engine(b"\0" * shift + value).rstrip(b"=")
            start = -(-8 * shift // 6)
            end = 8 * (shift + len(value)) // 6
            forms.append(enc[start:end])
    forms.append(value.hex().encode())
    forms.append(value.hex().upper().encode())
    # Alphanumeric values are their own URL encoding.
    out = []
    for f in forms:
        if len(f) >= 6 and f not in out:
            out.append(f)
    return out


def main():
    out = sys.argv[1]
    total = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 200_000_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    tree = os.path.join(out, "tree")
    os.makedirs(tree, exist_ok=True)

    values = ["".join(rng.choice(ALNUM) for _ in range(40)) for _ in range(1000)]
    with open(os.path.join(out, "needles.txt"), "w") as f:
        f.write("\n".join(values) + "\n")
    with open(os.path.join(out, "raw.txt"), "w") as f:
        f.write("\n".join(values) + "\n")
    with open(os.path.join(out, "forms.txt"), "wb") as f:
        for v in values:
            for form in encoded_forms(v.encode()):
                f.write(form + b"\n")

    # A pool of lines per kind: sampling from it is fast, and real code repeats itself too.
    pools = {ext: [gen(rng) for _ in range(4000)] for ext, gen, _ in KINDS}
    kinds = [k for k in KINDS for _ in range(k[2])]

    written = 0
    n = 0
    paths = []
    while written < total:
        ext, _, _ = rng.choice(kinds)
        d = os.path.join(tree, f"pkg{n % 40:02d}", f"mod{(n // 40) % 25:02d}")
        if n % 7 == 0:
            d = os.path.join(d, "inner", word(rng))
        os.makedirs(d, exist_ok=True)
        lines = rng.choices(pools[ext], k=int(rng.lognormvariate(5.6, 0.9)) + 5)
        text = "\n".join(lines) + "\n"
        path = os.path.join(d, f"{ident(rng, 'snake')}_{n}.{ext}")
        with open(path, "w") as f:
            f.write(text)
        paths.append(path)
        written += len(text)
        n += 1

    # Planted leaks: 8 raw, 4 base64 (alone, and one line of an encoded .env), 3 hex.
    expected = 0
    planted = rng.sample(range(len(values)), 15)
    targets = rng.sample(paths, 10)
    for i, vi in enumerate(planted):
        v = values[vi]
        if i < 8:
            line = f"API_TOKEN = \"{v}\"  # TODO remove\n"
        elif i < 10:
            line = f"  token: {base64.b64encode(v.encode()).decode()}\n"
        elif i < 12:
            env = f"DATABASE_URL=postgres://db/app\nSECRET_{i}={v}\nDEBUG=0\n"
            line = f"  env: {base64.b64encode(env.encode()).decode()}\n"
        else:
            line = f"const KEY_HEX: &str = \"{v.encode().hex()}\";\n"
        with open(targets[i % len(targets)], "a") as f:
            f.write(line)
        expected += 1
    with open(os.path.join(out, "expected.txt"), "w") as f:
        f.write(f"{expected}\n")

    # Ignored and binary content, which every scanner should skip.
    with open(os.path.join(tree, ".gitignore"), "w") as f:
        f.write("target/\n*.bin\n")
    os.makedirs(os.path.join(tree, "target", "debug"), exist_ok=True)
    with open(os.path.join(tree, "target", "debug", "build.log"), "w") as f:
        f.write(f"leaked in an ignored folder: {values[planted[0]]}\n")
    for i in range(20):
        with open(os.path.join(tree, f"pkg{i:02d}", f"blob{i}.dat"), "wb") as f:
            f.write(b"\x7fELF\x02\x01\x01\0" + rng.randbytes(256 * 1024))

    print(f"{n} text files, {written / 1e6:.1f} MB; {expected} planted values", file=sys.stderr)


if __name__ == "__main__":
    main()
