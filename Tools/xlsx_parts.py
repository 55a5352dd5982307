"""Builds xlsx files from raw XML parts (python3 stdlib only), so test fixtures control every byte:
shared and inline strings, rich text, built-in CJK date formats, 1904 dates, hidden sheets, hostile parts.
Used by Tools/make-reader-fixtures and Tools/make-hostile-fixtures."""
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def content_types(n_sheets):
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n_sheets + 1))
    return (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + sheets + '</Types>')


ROOT_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')


def workbook(sheets, date1904=False):
    """sheets: list of (name, state or None)."""
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    items = "".join(
        f'<sheet name="{name}" sheetId="{i}"{f" state={chr(34)}{state}{chr(34)}" if state else ""} r:id="rId{i}"/>'
        for i, (name, state) in enumerate(sheets, 1))
    return HEAD + f'<workbook {NS}>{pr}<sheets>{items}</sheets></workbook>'


def workbook_rels(n_sheets, shared=True, styles=True):
    T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    rels = [f'<Relationship Id="rId{i}" Type="{T}worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n_sheets + 1)]
    if shared:
        rels.append(f'<Relationship Id="rId{n_sheets + 1}" Type="{T}sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        rels.append(f'<Relationship Id="rId{n_sheets + 2}" Type="{T}styles" Target="/xl/styles.xml"/>')
    return (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + '</Relationships>')


def sheet(rows_xml, merges=()):
    m = ""
    if merges:
        m = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{r}"/>' for r in merges) + '</mergeCells>'
    return HEAD + f'<worksheet {NS}><dimension ref="A1"/><sheetData>{rows_xml}</sheetData>{m}</worksheet>'


def write(path, sheets, sheet_xmls, shared_xml=None, styles_xml=None, date1904=False, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types(len(sheets)))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook(sheets, date1904))
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels(len(sheets), shared_xml is not None, styles_xml is not None))
        for i, xml in enumerate(sheet_xmls, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared_xml is not None:
            z.writestr("xl/sharedStrings.xml", shared_xml)
        if styles_xml is not None:
            z.writestr("xl/styles.xml", styles_xml)
        for name, data in extra:
            z.writestr(name, data)
