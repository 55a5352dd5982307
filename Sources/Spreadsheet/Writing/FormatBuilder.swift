internal import CDistrictXlsx

/// Turns a ``CellStyle`` into calls on one libxlsxwriter format, validating ranges first.
enum FormatBuilder {
    static func apply(_ s: CellStyle, to f: UnsafeMutablePointer<lxw_format>) throws {
        if let name = s.fontName {
            guard !name.isEmpty, name.unicodeScalars.count <= 31, !name.utf8.contains(0) else {
                throw XlsxError(.invalidArgument, "字体名「\(name)」无效（1–31 个字符）")
            }
            format_set_font_name(f, name)
        }
        if let size = s.fontSize {
            guard WriterLimits.fontSizeRange.contains(size) else {
                throw XlsxError(.invalidArgument, "字号 \(size) 超出 1–409")
            }
            format_set_font_size(f, size)
        }
        if s.bold { format_set_bold(f) }
        if let color = s.fontColor { format_set_font_color(f, try rgb(color)) }
        if let fill = s.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, try rgb(fill))
        }
        switch s.border {
        case .none: break
        case .thin: format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(f, UInt8(LXW_BORDER_MEDIUM.rawValue))
        }
        switch s.horizontal {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .centerAcross: format_set_align(f, UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue))
        }
        switch s.vertical {
        case nil: break
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        }
        if s.wrap { format_set_text_wrap(f) }
        if let nf = s.numberFormat {
            guard !nf.isEmpty, nf.unicodeScalars.count <= 255, !nf.utf8.contains(0) else {
                throw XlsxError(.invalidArgument, "数字格式「\(nf)」无效（1–255 个字符）")
            }
            format_set_num_format(f, nf)
        }
    }

    /// A 0xRRGGBB colour, checked to fit 24 bits (libxlsxwriter reserves larger values).
    static func rgb(_ color: UInt32) throws -> lxw_color_t {
        guard color <= 0xFF_FFFF else { throw XlsxError(.invalidArgument, "颜色 0x\(String(color, radix: 16)) 超出 RGB 范围") }
        return lxw_color_t(color)
    }
}
