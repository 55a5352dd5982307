#!/usr/bin/env python3
# usage: repeat_rows.py projects_100000.xlsx rep_1000000.xlsx   (stdlib only; used when gen_data.py at 1M is too slow)
# Synthesises a 1M-row xlsx from the 100k one: rows repeated 10x with fresh row numbers and shared strings
# copied 10x with shifted indexes (so the string table has 10x the distinct strings, like a real 1M file).
import re, sys, zipfile
src, dst, k = sys.argv[1], sys.argv[2], 10
zin = zipfile.ZipFile(src)
sst = zin.read("xl/sharedStrings.xml").decode()
head, body = sst.split("<si>", 1)
body = "<si>" + body.rsplit("</sst>", 1)[0]
n = body.count("<si>")
sheet = zin.read("xl/worksheets/sheet1.xml").decode()
pre, rest = sheet.split("<sheetData>", 1)
data, post = rest.split("</sheetData>", 1)
rowxml = re.findall(r'<row r="\d+".*?</row>', data, flags=re.S)
header, rowxml = rowxml[0], rowxml[1:]
per = len(rowxml)
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for item in zin.infolist():
        if item.filename == "xl/sharedStrings.xml":
            z.writestr(item.filename, head.replace(f'uniqueCount="{n}"', f'uniqueCount="{n * k}"') + body * k + "</sst>")
        elif item.filename == "xl/worksheets/sheet1.xml":
            with z.open(item.filename, "w", force_zip64=True) as w:
                w.write((pre + "<sheetData>" + header).encode())
                for c in range(k):
                    base = c * per
                    chunk = "\n".join(rowxml)
                    chunk = re.sub(r'(<c r="[A-Z]+)(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + base), chunk)
                    chunk = re.sub(r'<row r="(\d+)"', lambda m: f'<row r="{int(m.group(1)) + base}"', chunk)
                    chunk = re.sub(r'(t="s"[^>]*><v>)(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + c * n), chunk)
                    w.write(chunk.encode())
                w.write(("</sheetData>" + post).encode())
        else:
            z.writestr(item, zin.read(item.filename))
print("ok", per * k)
